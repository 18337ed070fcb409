// The gazetteer, loaded once and only when first needed: resources/gazetteer/communes.json (3 MB) is imported
// dynamically, so the bundler puts it in a chunk of its own, out of the main bundle; a chunk is a script, so
// this works alike from file:// (Electron) and http:// (the web build), where fetch() of a file:// URL would not.
// Official commune positions imported on this copy (store/gazetteer-overrides.ts) are applied on load; the
// UI registers where to read them (setOfficialPositionsSource) and reloads after an import (reloadGazetteer).
import { Gazetteer, parseGazetteer, type OfficialPosition } from '../core/gazetteer';

let loading: Promise<Gazetteer> | undefined;
let source: { key: object; read: () => Promise<OfficialPosition[]> } | undefined;
const listeners = new Set<() => void>();

export function loadGazetteer(): Promise<Gazetteer> {
  loading ??= import('../../resources/gazetteer/communes.json').then(
    async (m) => {
      const g = new Gazetteer(parseGazetteer(m.default));
      // Unreadable stored positions leave the shipped ones: the gazetteer must load regardless.
      if (source) g.applyOfficial(await source.read().catch(() => []));
      return g;
    },
    (err: unknown) => {
      loading = undefined; // a failed load (a chunk that could not be read) may be retried
      throw err;
    },
  );
  return loading;
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
