// The row cache a cold open paints from holds the newest KEPT rows, each as the record says it now:
// nothing older is written (a newcomer receiving 100,000 sightings used to clone them all into
// IndexedDB), and a row that falls out of the newest is deleted from it.
import { describe, expect, it, vi } from 'vitest';
import type { Sighting } from '../../../src-renderer/core/sighting';
import { KEPT, newestFloor, RowCache } from '../../../src-renderer/store/row-cache';
import { seededRandom } from '../../seeded-random';
import { freshDb } from './helpers';

const row = (id: string, createdAt: number, text = `Ligne ${id}`) => ({ id, createdAt, text }) as unknown as Sighting;

async function cached(cache: RowCache) {
  return new Map((await cache.newest(10 * KEPT)).map((r) => [r.id, r]));
}

describe('newestFloor', () => {
  it('is the creation time of the k-th newest row, ties included, as a sort says', () => {
    const r = seededRandom(7);
    for (const [n, k, spread] of [[10, 20, 100], [5000, 1000, 1e9], [5000, 1000, 50], [3001, 1, 10], [2, 1, 1]] as const) {
      const rows = new Map(Array.from({ length: n }, (_, i) => [`s${i}`, row(`s${i}`, Math.floor(r() * spread))]));
      const sorted = [...rows.values()].map((x) => x.createdAt).sort((a, b) => b - a);
      expect(newestFloor(rows, k)).toBe(n <= k ? -Infinity : sorted[k - 1]);
    }
  });
});

describe('RowCache', () => {
  it('keeps the newest KEPT rows up to date, and only them', async () => {
    const db = freshDb();
    const rows = new Map<string, Sighting>();
    for (let i = 0; i < 3 * KEPT; i++) rows.set(`s${i}`, row(`s${i}`, 1_000 + i));
    const cache = new RowCache(db, 'c', () => rows);
    cache.touch(rows.keys());
    await cache.flush();
    let held = await cached(cache);
    expect(held.size).toBe(KEPT);
    expect(Math.min(...[...held.values()].map((x) => x.createdAt))).toBe(1_000 + 2 * KEPT);
    expect((await cache.newest(200)).map((x) => x.id)).toEqual(Array.from({ length: 200 }, (_, i) => `s${3 * KEPT - 1 - i}`));

    // A change to an old row is not written; one to a newest row is.
    rows.set('s3', row('s3', 1_003, 'modifiée'));
    rows.set(`s${3 * KEPT - 5}`, row(`s${3 * KEPT - 5}`, 1_000 + 3 * KEPT - 5, 'modifiée aussi'));
    cache.touch(['s3', `s${3 * KEPT - 5}`]);
    await cache.flush();
    held = await cached(cache);
    expect(held.has('s3')).toBe(false);
    expect(held.get(`s${3 * KEPT - 5}`)?.text).toBe('modifiée aussi');

    // Newer rows push the oldest kept ones out; a deleted row leaves.
    for (let i = 0; i < 10; i++) rows.set(`n${i}`, row(`n${i}`, 10_000 + i));
    rows.delete(`s${3 * KEPT - 1}`);
    cache.touch([...Array.from({ length: 10 }, (_, i) => `n${i}`), `s${3 * KEPT - 1}`]);
    await cache.flush();
    held = await cached(cache);
    expect(held.size).toBe(KEPT);
    expect(held.has(`s${3 * KEPT - 1}`)).toBe(false);
    expect(held.has(`s${2 * KEPT}`)).toBe(false);
    expect(held.has(`s${2 * KEPT + 9}`)).toBe(true);
    for (const [id, r] of held) expect(r).toEqual(rows.get(id));
  });

  it('writes every row while there are no more than KEPT, and fills a cache found incomplete', async () => {
    const db = freshDb();
    const rows = new Map(Array.from({ length: 300 }, (_, i) => [`s${i}`, row(`s${i}`, 5)] as const));
    const cache = new RowCache(db, 'c', () => rows);
    await cache.complete();
    await cache.flush();
    expect((await cached(cache)).size).toBe(300);
    await db.rows.clear();
    await cache.complete();
    await cache.flush();
    expect((await cached(cache)).size).toBe(300);
  });
});

describe('RowCache.newest', () => {
  it('reads page by page the same rows, in the same order, as one read, rows of one time across pages included', async () => {
    const db = freshDb();
    const r = seededRandom(11);
    const rows = new Map(Array.from({ length: 700 }, (_, i) => [`s${i}`, row(`s${i}`, Math.floor(r() * 30))] as const));
    const cache = new RowCache(db, 'c', () => rows);
    cache.touch(rows.keys());
    await cache.flush();
    const oneRead = (await db.rows.where('[crisisId+createdAt]').between(['c', -Infinity], ['c', Infinity]).reverse().toArray()).map((c) => c.id);
    for (const [limit, page] of [[200, 40], [700, 7], [1000, 64], [650, 1], [5, 40]] as const) {
      expect((await cache.newest(limit, page)).map((x) => x.id)).toEqual(oneRead.slice(0, limit));
    }
  });
});

describe('RowCache timing', () => {
  it('writes once rows stop changing, or every 5 s while they keep changing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const rows = new Map<string, Sighting>();
      const cache = new RowCache(freshDb(), 'c', () => rows);
      const flushes: number[] = [];
      const flush = cache.flush.bind(cache);
      cache.flush = () => (flushes.push(Date.now()), flush());
      const start = Date.now();
      // A row every 100 ms for 12 s (a crisis arriving): written at 5 s and 10 s, then 400 ms after the last.
      for (let i = 0; i < 120; i++) {
        rows.set(`s${i}`, row(`s${i}`, i));
        cache.touch([`s${i}`]);
        await vi.advanceTimersByTimeAsync(100);
      }
      await vi.advanceTimersByTimeAsync(1000);
      expect(flushes.map((t) => t - start)).toEqual([5000, 10_000, 12_300]);
      // One change alone: 400 ms later.
      const one = Date.now();
      cache.touch(['s1']);
      await vi.advanceTimersByTimeAsync(1000);
      expect(flushes.at(-1)! - one).toBe(400);
    } finally {
      vi.useRealTimers();
    }
  });
});
