// What a closed crisis offers a coordinator or the COD, in the closed banner: its archive (and the
// purge of personal data). Nobody else sees these buttons; the rules hold on every copy anyway.
import { useState } from 'react';
import { useCrisisStore } from '../session';
import { useStoreVersion } from '../sightings/hooks';
import { useCan } from '../workflow/hooks';
import { saveArchive } from './archive';
import { PurgeDialog } from './PurgeDialog';
import { fill, useArchiveStrings } from './strings';
import './archive.css';

export function ClosedActions({ marked }: { marked: readonly string[] }) {
  const s = useArchiveStrings();
  const store = useCrisisStore();
  useStoreVersion(store);
  const allowed = useCan('close');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [purging, setPurging] = useState(false);
  // What the record says of past purges (also once the crisis has reopened on the new key).
  const done = store.state.purge.certificates.filter((c) => c.n === 0);
  const counts = (e: number) => store.state.purge.forEpoch(e).reduce((n, c) => n + Object.keys(c.h).length, 0);
  const purged = done.map((c) => fill(s.purged, { name: store.member(c.a)?.name || '?', date: new Date(c.t).toLocaleString('fr-FR'), count: counts(c.e) }));
  if (!store.state.info?.closed) return null;
  if (!allowed) return purged.length ? <span className="closed-actions">{purged.at(-1)}</span> : null;
  const archive = async () => {
    setBusy(true);
    setStatus(s.archiving);
    try {
      const { saved, archive } = await saveArchive(store);
      setStatus(saved ? fill(s.archived, { files: archive.manifest.files.length + 1, count: archive.manifest.counts.sightings }) : s.cancelled);
    } catch (e) {
      setStatus(fill(s.failed, { message: (e as Error).message }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="closed-actions">
      <button type="button" className="secondary" disabled={busy} onClick={() => void archive()}>
        {s.exportArchive}
      </button>
      <button type="button" className="secondary" disabled={busy} onClick={() => setPurging(true)}>
        {s.purge}
      </button>
      {purged.length > 0 && <span>{purged.at(-1)}</span>}
      {status && <span role="status">{status}</span>}
      {purging && <PurgeDialog marked={marked} onClose={() => setPurging(false)} onStatus={setStatus} />}
    </span>
  );
}
