// The built-in basemap's prepared layers (prepare.ts), made once per page: in a worker when the page
// can start one (Vite bundles basemap-worker.ts, with the data, as a file of its own), else in the
// page itself (no Worker, or the worker failed: a long task, but a map).
import { askOnce } from '../one-shot-worker';
import type { PreparedBasemap } from './prepare';

let loading: Promise<PreparedBasemap> | null = null;

export function loadPreparedBasemap(): Promise<PreparedBasemap> {
  loading ??= inWorker().catch((error: unknown) => {
    if (typeof Worker !== 'undefined') console.warn('Vigie carte : fond intégré préparé dans la page (worker indisponible)', error);
    return inPage();
  });
  // A failed load (should not happen: the data is in the app) may be retried.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

function inWorker(): Promise<PreparedBasemap> {
  if (typeof Worker === 'undefined') return Promise.reject(new Error('no Worker'));
  return askOnce(new Worker(new URL('./basemap-worker.ts', import.meta.url), { type: 'module', name: 'vigie-basemap' }), 'basemap');
}

async function inPage(): Promise<PreparedBasemap> {
  const [{ loadBuiltInData }, { prepareBasemap }] = await Promise.all([import('./builtin-data'), import('./prepare')]);
  return prepareBasemap(await loadBuiltInData());
}
