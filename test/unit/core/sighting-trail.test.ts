import { describe, expect, it } from 'vitest';
import { applyChange, replay, type ReplayEntry } from '../../../src-renderer/core/changes';
import { compareEntries } from '../../../src-renderer/core/records';
import { addToTrail, newTrail, trailIds } from '../../../src-renderer/core/sighting-trail';
import type { Sighting } from '../../../src-renderer/core/sighting';

const A = 'A'.repeat(43);
const B = 'B'.repeat(43);
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 28);

const entry = (id: string, k: 'c' | 'e', a: string, t: number, f: ReplayEntry['body']['f']): ReplayEntry => ({ id, body: { k, s: 'x', a, t, f } });

describe('entrées d’une remontée gardées à plat', () => {
  it('range et rejoue comme le registre, même à des années d’écart ou avant la première arrivée', () => {
    const entries = [
      entry('e1', 'e', A, T0 + 400 * DAY, { priority: 'P1' }), // a year later: an offset too big to stay a small integer
      entry('c', 'c', A, T0, { text: 'Crue', priority: 'P3' }),
      entry('e2', 'e', B, T0 - 30 * DAY, { priority: 'P2' }), // before the first arrival: ignored by the replay (no row yet)
      entry('e3', 'e', B, T0 + 400 * DAY, { verificationNotes: 'vu' }), // same time as e1: the author decides
      entry('e0', 'e', A, T0 + 400 * DAY, { status: 'en_verification' }), // same time and author as e1: the id decides
    ];
    const [first, ...rest] = entries;
    const trail = newTrail(first!);
    let row: Sighting | undefined = applyChange(undefined, first!);
    for (const e of rest) row = addToTrail(trail, 'x', e, row);
    const ordered = [...entries].sort(compareEntries);
    expect(trailIds(trail)).toEqual(ordered.map((e) => e.id));
    expect(trailIds(trail)).toEqual(['e2', 'c', 'e0', 'e1', 'e3']);
    expect(row).toEqual(replay(ordered));
    expect(row).toMatchObject({ text: 'Crue', priority: 'P1', status: 'en_verification', verificationNotes: 'vu', updatedBy: B, updatedAt: T0 + 400 * DAY });
  });
});
