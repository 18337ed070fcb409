// The gazetteer, loaded once and only when first needed: resources/gazetteer/communes.json (3 MB) is imported
// dynamically, so the bundler puts it in a chunk of its own, out of the main bundle; a chunk is a script, so
// this works alike from file:// (Electron) and http:// (the web build), where fetch() of a file:// URL would not.
import { Gazetteer, parseGazetteer } from '../core/gazetteer';

let loading: Promise<Gazetteer> | undefined;

export function loadGazetteer(): Promise<Gazetteer> {
  loading ??= import('../../resources/gazetteer/communes.json').then(
    (m) => new Gazetteer(parseGazetteer(m.default)),
    (err: unknown) => {
      loading = undefined; // a failed load (a chunk that could not be read) may be retried
      throw err;
    },
  );
  return loading;
}
