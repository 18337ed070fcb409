// What a closed crisis offers a coordinator or the COD, in the closed banner: its archive (and the
// purge of personal data). Nobody else sees these buttons; the rules hold on every copy anyway.
import { useState } from 'react';
import { useCrisisStore } from '../session';
import { useStoreVersion } from '../sightings/hooks';
import { useCan } from '../workflow/hooks';
import { saveArchive } from './archive';
import { fill, useArchiveStrings } from './strings';
import './archive.css';

export function ClosedActions() {
  const s = useArchiveStrings();
  const store = useCrisisStore();
  useStoreVersion(store);
  const allowed = useCan('close');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  if (!allowed || !store.state.info?.closed) return null;
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
      {status && <span role="status">{status}</span>}
    </span>
  );
}
