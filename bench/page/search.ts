// Search per keystroke (issue #13), the app's own search (core/sighting-view.ts, what the table's
// hook calls) without React: the crisis's n seeded sightings, the idle warm-up done as the app does
// it after opening, then queries typed one letter at a time and erased with Backspace. The table's
// whole path (input → painted) is measured through the app in run.mjs ("ui search letter").
import { DEFAULT_SORT, EMPTY_FILTER } from '../../src-renderer/core/query';
import { SightingView } from '../../src-renderer/core/sighting-view';
import { percentile, spinFloor } from './floor';
import { makeInputs, toRows } from './rows';

/** What a volunteer types: places, words of the posts, a handle, an accent-free spelling. */
/** Idle time the app gets between two keystrokes (see type() below). */
const IDLE_BETWEEN_KEYS_MS = 50;

const QUERIES = ['moissac', 'eau dans', 'route coupee', 'sdis82', 'st antonin', 'gymnase', 'w', 'montauban pont'];

export const searchBench = {
  typing(n: number) {
    const rows = toRows(makeInputs(n), 'bench', Date.parse('2026-10-17T04:00:00Z'));
    const source = new Map(rows.map((r) => [r.id, r]));
    // Before the warm-up: the first letter typed right after opening. The keystroke itself (the
    // view leaves the query waiting), then the warm-up in 10 ms slices as the table's hook runs it
    // (ui/sightings/hooks.ts answerSoon) until the query is answered: total, and the longest slice.
    const cold = new SightingView(source, EMPTY_FILTER, DEFAULT_SORT);
    const c0 = performance.now();
    cold.setFilter({ ...EMPTY_FILTER, text: 'w' });
    const coldMs = performance.now() - c0;
    let coldSliceMax = 0;
    while (cold.searching) {
      const s0 = performance.now();
      cold.warm(() => performance.now() - s0 < 10);
      coldSliceMax = Math.max(coldSliceMax, performance.now() - s0);
    }
    const coldAnswerMs = performance.now() - c0;
    const view = new SightingView(source, EMPTY_FILTER, DEFAULT_SORT);
    const w0 = performance.now();
    while (!view.warm(() => true));
    const warmMs = performance.now() - w0;
    const times: number[] = [];
    const first: number[] = [];
    const type = (text: string) => {
      const t0 = performance.now();
      view.setFilter({ ...EMPTY_FILTER, text });
      const ms = performance.now() - t0;
      times.push(ms);
      // The idle time between two keystrokes (not timed): someone typing 400 characters a minute
      // leaves 150 ms; the app's idle slices get at most 50 ms of it here.
      const idleUntil = performance.now() + IDLE_BETWEEN_KEYS_MS;
      view.warm(() => performance.now() < idleUntil);
      return ms;
    };
    let shown = 0;
    for (const q of QUERIES) {
      for (let i = 1; i <= q.length; i++) {
        const ms = type(q.slice(0, i));
        if (i === 1) first.push(ms);
      }
      shown += view.rows.length;
      for (let i = q.length - 1; i >= 0; i--) type(q.slice(0, i));
    }
    const floor = spinFloor(times);
    return {
      coldMs,
      coldAnswerMs,
      coldSliceMax,
      warmMs,
      keystrokes: times.length,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      max: Math.max(...times),
      firstLetterMax: Math.max(...first),
      floorP50: floor.p50,
      floorP95: floor.p95,
      sink: floor.sink,
      /** Rows found at the end of each query (so the work is not optimised away, and the log shows it). */
      shown,
    };
  },
};

declare global {
  interface Window {
    benchSearch: typeof searchBench;
  }
}
window.benchSearch = searchBench;
