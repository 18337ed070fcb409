// One sighting's entries in their total order (records.ts compareEntries), as replaying needs them,
// flat in one array: the first entry's time, then five slots an entry (kind, id, author, time from
// that first one, fields). As objects (an entry, its body, a boxed time) each entry took ~50 bytes
// more: ~25 MB of a crisis of 100,000 sightings with 500,000 edits. Times are kept as offsets so
// that most stay small integers, which V8 stores unboxed.
import { applyChange, replay, type ReplayEntry } from './changes';
import { compareEntries } from './records';
import type { Sighting, SightingFields } from './sighting';

export type Trail = unknown[];

const W = 5;
const [K, ID, A, T, F] = [1, 2, 3, 4, 5];

/** A trail holding `first` alone. */
export function newTrail(first: ReplayEntry): Trail {
  return [first.body.t, first.body.k, first.id, first.body.a, 0, first.body.f];
}

function trailLength(trail: Trail): number {
  return (trail.length - 1) / W;
}

/** The entry at `i`, as an object again (for a replay: a few, short-lived). */
function entryAt(trail: Trail, s: string, i: number): ReplayEntry {
  const at = i * W;
  return {
    id: trail[at + ID] as string,
    body: { k: trail[at + K] as 'c' | 'e', s, a: trail[at + A] as string, t: (trail[0] as number) + (trail[at + T] as number), f: trail[at + F] as Partial<SightingFields> },
  };
}

/**
 * Puts `e` in its place and returns the sighting's row after it: `row` with `e` applied when it is
 * the newest (the usual case), else every entry replayed.
 */
export function addToTrail(trail: Trail, s: string, e: ReplayEntry, row: Sighting | undefined): Sighting | undefined {
  const n = trailLength(trail);
  let i = n;
  while (i > 0 && compareEntries(entryAt(trail, s, i - 1), e) > 0) i--;
  trail.splice(1 + i * W, 0, e.body.k, e.id, e.body.a, e.body.t - (trail[0] as number), e.body.f);
  if (i === n) return applyChange(row, e);
  return replay(Array.from({ length: n + 1 }, (_, j) => entryAt(trail, s, j)));
}

/** The entries' ids, in order. */
export function trailIds(trail: Trail): string[] {
  return Array.from({ length: trailLength(trail) }, (_, i) => trail[i * W + ID] as string);
}
