import { afterEach, describe, expect, it, vi } from 'vitest';
import { Journal } from '../../../src-renderer/store/journal';
import { freshDb } from './helpers';

const entry = (crisis: string, i: number) => ({ id: `${crisis}-${i}`, d: `{"n":${i}}`, g: `sig-${crisis}-${i}` });

async function journalOf(crisisId: string, n: number) {
  const db = freshDb();
  const journal = new Journal(db, crisisId);
  // Written in several appends (the test below interleaves another crisis's: seqs not contiguous).
  for (let i = 0; i < n; i += 7) await journal.append(Array.from({ length: Math.min(7, n - i) }, (_, k) => entry(crisisId, i + k)));
  return { db, journal };
}

describe('la fin du registre (ouverture sans cache)', () => {
  afterEach(() => void vi.restoreAllMocks());

  it('rend les dernières entrées de cette crise, les plus anciennes d’abord, lues par pages bornées', async () => {
    const { db, journal } = await journalOf('a', 60);
    const other = new Journal(db, 'b');
    for (let i = 0; i < 30; i += 5) await other.append(Array.from({ length: 5 }, (_, k) => entry('b', i + k)));
    await journal.append(Array.from({ length: 13 }, (_, k) => entry('a', 60 + k)));
    const all = (await journal.all()).map((r) => r.id);
    expect(all).toHaveLength(73);

    const collection = Object.getPrototypeOf(db.journal.toCollection()) as { limit(n: number): unknown };
    const limits: number[] = [];
    const limit = collection.limit;
    vi.spyOn(collection, 'limit').mockImplementation(function (this: unknown, n: number) {
      limits.push(n);
      return limit.call(this, n);
    });
    for (const [want, page] of [
      [20, 20],
      [20, 6],
      [25, 5],
      [73, 10],
      [100, 9],
      [1, 4],
    ]) {
      limits.length = 0;
      const tail = (await journal.tail(want!, page)).map((r) => r.id);
      expect(tail, `${want} par ${page}`).toEqual(all.slice(-want!));
      // No read asks for more than a page (nor for more than is still wanted).
      expect(Math.max(...limits)).toBeLessThanOrEqual(page!);
      expect(limits.reduce((s, n) => s + n, 0)).toBeGreaterThanOrEqual(Math.min(want!, all.length));
    }
  });

  it('une crise sans entrée a une fin vide', async () => {
    const { journal } = await journalOf('vide', 0);
    expect(await journal.tail(50, 10)).toEqual([]);
  });
});

describe('entrées relues par leur place (ce que le document d’échange tient par référence)', () => {
  it('eachBySeq rend chaque entrée de cette crise une fois, et ni celles d’une autre crise ni les places inconnues', async () => {
    const { db, journal } = await journalOf('a', 20);
    await new Journal(db, 'b').append([entry('b', 0), entry('b', 1)]);
    await journal.append([entry('a', 20)]);
    const rows = await db.journal.toArray();
    const seqOf = new Map(rows.map((r) => [r.id, r.seq!]));
    const asked = [seqOf.get('a-20')!, seqOf.get('b-1')!, seqOf.get('a-3')!, 9_999, seqOf.get('a-3')!];
    const got: [number, { d: string; g: string }][] = [];
    await journal.eachBySeq(asked, (seq, e) => got.push([seq, e]));
    const expected = (id: string) => [seqOf.get(id)!, { d: entry('a', Number(id.slice(2))).d, g: entry('a', Number(id.slice(2))).g }];
    expect(got.sort((x, y) => x[0] - y[0])).toEqual([expected('a-3'), expected('a-20')]);
    expect(await journal.bySeq(asked)).toEqual([expected('a-20')[1], undefined, expected('a-3')[1], undefined, expected('a-3')[1]]);
  });
});
