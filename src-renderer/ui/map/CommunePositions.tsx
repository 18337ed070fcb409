// Improving this copy's gazetteer from an official commune file (CSV: INSEE code, latitude,
// longitude): read and checked whole (core/commune-positions.ts), kept in the local database
// (store/gazetteer-overrides.ts), applied at once (the gazetteer reloads). Coordinators and the COD
// only, as the places they fix feed every placement made on this copy. Not shared with other copies.
import { useEffect, useId, useState } from 'react';
import { can } from '../../core/rules';
import { CommunePositionsError, MAX_POSITIONS_BYTES } from '../../core/commune-positions';
import { loadGazetteer, reloadGazetteer } from '../../map/gazetteer-loader';
import { clearCommunePositions, importCommunePositions, loadCommunePositions, type StoredPositions } from '../../store/gazetteer-overrides';
import { useCrisisStore, useSession } from '../session';
import { fill, useMapStrings } from './strings';

export function CommunePositions() {
  const s = useMapStrings();
  const id = useId();
  const { db } = useSession();
  const store = useCrisisStore();
  const allowed = can(store.state, store.me.id, 'publish');
  const [stored, setStored] = useState<StoredPositions | undefined>();
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    loadCommunePositions(db).then((p) => live && setStored(p), () => undefined);
    return () => {
      live = false;
    };
  }, [db]);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setMessage('');
    setError('');
    if (file.size > MAX_POSITIONS_BYTES) return setError(fill(s.positionsFailed, { reason: s.positionsTooBig }));
    setBusy(true);
    try {
      const { imported, stored: saved } = await importCommunePositions(db, await file.text(), await loadGazetteer(), file.name);
      setStored(saved);
      reloadGazetteer();
      setMessage(fill(s.positionsDone, { count: imported, file: file.name, total: saved.positions.length }));
    } catch (e) {
      const reason = e instanceof CommunePositionsError ? e.message : `Lecture impossible : ${(e as Error).message}`;
      setError(fill(s.positionsFailed, { reason }));
    } finally {
      setBusy(false);
    }
  };

  const reset = async () => {
    await clearCommunePositions(db);
    setStored(undefined);
    setMessage('');
    reloadGazetteer();
  };

  return (
    <section className="commune-positions" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{s.positionsTitle}</h3>
      <small className="hint">{s.positionsHint}</small>
      {stored && stored.positions.length > 0 && <p>{fill(s.positionsCurrent, { total: stored.positions.length, file: stored.file })}</p>}
      {allowed ? (
        <>
          <label>
            {s.positionsPick}
            <input type="file" accept=".csv,.txt,text/csv" disabled={busy} data-testid="commune-positions-input" onChange={(e) => void importFile(e.target.files?.[0]).finally(() => (e.target.value = ''))} />
          </label>
          {stored && stored.positions.length > 0 && (
            <button type="button" className="secondary" disabled={busy} onClick={() => void reset()}>
              {s.positionsReset}
            </button>
          )}
        </>
      ) : (
        <small className="hint">{s.positionsDenied}</small>
      )}
      {message && <p role="status">{message}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
