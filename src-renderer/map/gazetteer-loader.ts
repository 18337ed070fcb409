// The gazetteer, loaded once and only when first needed. resources/gazetteer/communes.json (3 MB) is read,
// checked and its names normalised in a worker (gazetteer-worker.ts, bundled with the file: no fetch, so
// alike under app:// in Electron and http:// on the web); the page rebuilds and indexes the communes in
// slices, so opening a crisis has no long task for it. Without a worker (tests, or one that fails) the
// file is a chunk of its own imported here and built in one go.
// Official commune positions imported on this copy (store/gazetteer-overrides.ts) are applied on load; the
// UI registers where to read them (setOfficialPositionsSource) and reloads after an import (reloadGazetteer).
// A load always resolves to the newest gazetteer: one that was being built when a reload came resolves to
// the reloaded one, so no caller gets the gazetteer an import replaced.
import { Gazetteer, type OfficialPosition } from '../core/gazetteer';
import { parseGazetteer } from '../core/gazetteer-file';
import { fromColumns, type GazetteerColumns } from '../core/gazetteer-columns';
import { Slicer } from '../core/slicer';
import { askOnce } from './one-shot-worker';

let loading: Promise<Gazetteer> | undefined;
let source: { key: object; read: () => Promise<OfficialPosition[]> } | undefined;
const listeners = new Set<() => void>();

export function loadGazetteer(): Promise<Gazetteer> {
  if (loading) return loading;
  const mine: Promise<Gazetteer> = build().then(
    // A reload while this one was built: the reloaded one (being built) is the answer.
    (g) => (mine === loading ? g : loadGazetteer()),
    (err: unknown) => {
      if (mine === loading) loading = undefined; // a failed load (a chunk that could not be read) may be retried
      throw err;
    },
  );
  loading = mine;
  return mine;
}

async function build(): Promise<Gazetteer> {
  const g = await shipped();
  // Unreadable stored positions leave the shipped ones: the gazetteer must load regardless.
  if (source) g.applyOfficial(await source.read().catch(() => []));
  return g;
}

async function shipped(): Promise<Gazetteer> {
  const columns = await inWorker().catch((error: unknown) => {
    if (typeof Worker !== 'undefined') console.warn('Vigie : répertoire des communes lu dans la page (worker indisponible)', error);
    return null;
  });
  if (!columns) {
    const m = await import('../../resources/gazetteer/communes.json');
    return new Gazetteer(parseGazetteer(m.default));
  }
  const slicer = new Slicer();
  const turn = () => slicer.maybeYield();
  const { communes, names } = await fromColumns(columns, turn);
  return Gazetteer.build(communes, names, turn, columns.byPopulation);
}

function inWorker(): Promise<GazetteerColumns> {
  if (typeof Worker === 'undefined') return Promise.reject(new Error('no Worker'));
  return askOnce(new Worker(new URL('./gazetteer-worker.ts', import.meta.url), { type: 'module', name: 'vigie-gazetteer' }), 'gazetteer');
}

/** Where this copy's imported positions are read from (one source per database: `key`). */
export function setOfficialPositionsSource(key: object, read: () => Promise<OfficialPosition[]>): void {
  if (source?.key === key) return;
  source = { key, read };
  if (loading) reloadGazetteer();
}

/** Drops the loaded gazetteer (after an import or a reset): the next load reads the positions again. */
export function reloadGazetteer(): void {
  loading = undefined;
  for (const f of [...listeners]) f();
}

export function onGazetteerReload(f: () => void): () => void {
  listeners.add(f);
  return () => void listeners.delete(f);
}
