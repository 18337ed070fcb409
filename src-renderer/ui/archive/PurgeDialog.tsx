// "Purger les données personnelles": the retention date, what is always removed, the choice for the
// posts' texts (keep, all, or the rows ticked in the table), how many entries will be rewritten,
// and an explicit confirmation. The purge itself: store/purge-commands.ts; this copy then rebuilds
// its database and reopens the crisis on the new key (ui/session.tsx).
import { useEffect, useState } from 'react';
import { useCrisisStore, useSession } from '../session';
import { Dialog } from '../sync/Dialog';
import { fill, useArchiveStrings } from './strings';

type Texts = 'keep' | 'all' | 'marked';

const today = () => new Date().toISOString().slice(0, 10);

export function PurgeDialog({ marked, onClose, onStatus }: { marked: readonly string[]; onClose: () => void; onStatus: (message: string) => void }) {
  const s = useArchiveStrings();
  const store = useCrisisStore();
  const { db } = useSession();
  const key = `retention:${store.crisis.id}`;
  const [until, setUntil] = useState('');
  const [texts, setTexts] = useState<Texts>(marked.length ? 'marked' : 'keep');
  const [count, setCount] = useState<number | null>(null);
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  // The retention is the coordinator's setting on this copy, remembered with the crisis.
  useEffect(() => {
    void db.settings.get(key).then((row) => setUntil(typeof row?.value === 'string' ? row.value : today()));
  }, [db, key]);
  const scope = { all: texts === 'all', x: texts === 'marked' ? [...marked] : [] };
  useEffect(() => {
    let live = true;
    void store.purge.preview(scope).then((r) => live && setCount(r.length));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, texts, marked.length]);

  const run = async () => {
    setBusy(true);
    setError('');
    try {
      await db.settings.put({ key, value: until });
      onStatus(s.purging);
      await store.purge.run({ until, ...scope });
      onClose();
    } catch (e) {
      setError(fill(s.purgeFailed, { message: (e as Error).message }));
      onStatus('');
      setBusy(false);
    }
  };

  return (
    <Dialog title={s.purgeTitle} onClose={onClose}>
      <div className="purge-dialog">
        <p>{s.purgeIntro}</p>
        <label>
          {s.retention} <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
        <p className="meta">{s.retentionHint}</p>
        <p>{s.always}</p>
        <fieldset>
          <legend>{s.texts}</legend>
          {(['keep', 'all', 'marked'] as const).map((t) => (
            <label key={t}>
              <input type="radio" name="purge-texts" checked={texts === t} disabled={t === 'marked' && !marked.length} onChange={() => setTexts(t)} />{' '}
              {t === 'keep' ? s.textsKeep : t === 'all' ? s.textsAll : fill(s.textsMarked, { count: marked.length })}
            </label>
          ))}
        </fieldset>
        {count !== null && <p role="status">{fill(s.preview, { count })}</p>}
        <label>
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} /> {s.understand}
        </label>
        {error && <p role="alert">{error}</p>}
        <button type="button" className="danger" disabled={!understood || busy || !until} onClick={() => void run()}>
          {s.confirm}
        </button>
      </div>
    </Dialog>
  );
}
