// Duplicate check (issue #13), pure: the crisis's n seeded sightings in core/duplicates.ts's index,
// then the check a capture form makes at every keystroke while a volunteer types a repost of one of
// them (its link shared from the mobile site, then "RT @…: " and its text), and a new post.
import { DuplicateIndex } from '../../src-renderer/core/duplicates';
import type { Sighting } from '../../src-renderer/core/sighting';
import { percentile, spinFloor } from './floor';
import { makeInputs, toRows } from './rows';

const NEW_POST = 'Nouvelle coupure de la D958 entre Bruniquel et Montricoux, un arbre en travers de la route, gendarmerie sur place, déviation par Nègrepelisse.';

/** A repost of one of the n seeded sightings (the first on X from the middle on): what the bench types. */
export function repostOf(n: number): { index: number; url: string; text: string } {
  const inputs = makeInputs(n);
  for (let i = Math.floor(n / 2); i < n; i++) {
    const s = inputs[i]!;
    const m = s.url?.match(/^https:\/\/x\.com\/([^/]+)\/status\/(\d+)$/);
    if (m) return { index: i, url: `https://mobile.twitter.com/${m[1]}/status/${m[2]}?s=20&t=bench`, text: `RT @${m[1]}: ${s.text}` };
  }
  throw new Error('no sighting on X');
}

let kept: DuplicateIndex | null = null;
let held: Sighting[] | null = null;
const gc = () => (globalThis as { gc?: () => void }).gc?.();
const heap = () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / (1024 * 1024);

export const duplicatesBench = {
  repostOf,
  /** The heap after a full collection (MB), and how many rows are held (read here: a variable only ever written is dropped by the minifier, and the rows with it). */
  heapNow(): { mb: number; rows: number } {
    gc();
    return { mb: heap(), rows: held?.length ?? 0 };
  },
  /** Drops the index pure() built, or (then) its rows. */
  release(what: 'index' | 'rows'): void {
    if (what === 'index') kept = null;
    else held = null;
  },
  pure(n: number) {
    // Through JSON, as the app's rows come (from the journal): flat strings, not the generator's concatenations.
    const rows: Sighting[] = JSON.parse(JSON.stringify(toRows(makeInputs(n), 'bench', Date.parse('2026-10-17T04:00:00Z'))));
    const probe = repostOf(n);
    const wanted = rows[probe.index]!.id;
    const t0 = performance.now();
    const index = new DuplicateIndex();
    for (const r of rows) index.set(r);
    const buildMs = performance.now() - t0;
    // Kept for the index's size (the heap with it, then without it: run.mjs), the rows still held.
    kept = index;
    held = rows;
    const time = Date.now();
    const times: number[] = [];
    const check = (url: string, text: string) => {
      const c0 = performance.now();
      const found = index.candidates({ url, text, time });
      times.push(performance.now() - c0);
      return found;
    };
    for (let i = 1; i <= probe.url.length; i++) check(probe.url.slice(0, i), '');
    let found = check(probe.url, '');
    const linkFound = found[0]?.id === wanted;
    for (let i = 1; i <= probe.text.length; i++) found = check(probe.url, probe.text.slice(0, i));
    const textOnly = check('', probe.text);
    const newTimes: number[] = [];
    for (let i = 1; i <= NEW_POST.length; i++) {
      const c0 = performance.now();
      index.candidates({ text: NEW_POST.slice(0, i), time });
      newTimes.push(performance.now() - c0);
    }
    const floor = spinFloor(times);
    // One sighting edited (its text changed): the index follows.
    const u0 = performance.now();
    index.set({ ...rows[0]!, text: NEW_POST });
    const updateMs = performance.now() - u0;
    return {
      buildMs,
      updateMs,
      keystrokes: times.length,
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      max: Math.max(...times),
      newP95: percentile(newTimes, 0.95),
      floorP50: floor.p50,
      floorP95: floor.p95,
      sink: floor.sink,
      newMax: Math.max(...newTimes),
      linkFound,
      textFound: textOnly[0]?.id === wanted,
      textReason: textOnly[0]?.reasons.map((r) => (r.kind === 'text' ? `text ${Math.round(r.similarity * 100)} %` : r.kind)).join(', ') ?? '',
      candidatesAtEnd: found.length,
      size: kept.size,
    };
  },
};

declare global {
  interface Window {
    benchDuplicates: typeof duplicatesBench;
  }
}
window.benchDuplicates = duplicatesBench;
