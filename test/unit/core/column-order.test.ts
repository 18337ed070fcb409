import { describe, expect, it } from 'vitest';
import { ColumnOrder } from '../../../src-renderer/core/column-order';
import { sortSightings } from '../../../src-renderer/core/query';
import { RowSlots } from '../../../src-renderer/core/row-slots';
import { DEFAULT_FIELDS, type Sighting } from '../../../src-renderer/core/sighting';
import { PRIORITIES } from '../../../src-renderer/core/taxonomy';
import { seededRandom } from '../../seeded-random';

// A column's order kept sorted through batches of every size (one edit, a sync's few hundred rows,
// an import's thousands), with new rows, changed rows, rows gone and the same row twice in a batch:
// after each batch both directions equal a sort from scratch (query.ts sortSightings).
const WORDS = ['Moissac', 'pont', 'École', 'crue', '', 'Œuvre', 'route'];
// Longer than the 12 characters an order keeps of a text key once built: equal prefixes, then the
// words above decide (the whole keys are worked out again from the rows).
const SAME_START = ['Signalement crue quartier ', 'Signalement crue quartiers ', 'RT @prefet82 '];

function row(id: string, r: () => number, createdAt: number): Sighting {
  return {
    ...DEFAULT_FIELDS,
    id,
    text:
      (r() < 0.5 ? SAME_START[Math.floor(r() * SAME_START.length)] : '') +
      Array.from({ length: Math.floor(r() * 3) }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' '),
    priority: PRIORITIES[Math.floor(r() * PRIORITIES.length)]!,
    createdAt,
    createdBy: 'a',
    updatedAt: createdAt + Math.floor(r() * 4),
    updatedBy: 'a',
  };
}

describe('ordre d’une colonne, lots de toutes tailles', () => {
  for (const key of ['text', 'priority', 'updatedAt'] as const) {
    it(`reste égal au tri recalculé (${key})`, () => {
      const r = seededRandom(key.length);
      const slots = new RowSlots();
      const source = new Map<string, Sighting>();
      const put = (s: Sighting | undefined, id: string, createdAt: number) => {
        const slot = slots.slotFor(id, createdAt);
        slots.set(slot, s);
        if (s) source.set(id, s);
        else source.delete(id);
        return slot;
      };
      for (let i = 0; i < 2000; i++) put(row(`r${i}`, r, Math.floor(i / 7)), `r${i}`, Math.floor(i / 7));
      const order = new ColumnOrder(key, slots);
      expect(order.build(() => true)).toBe(true);
      let next = 2000;
      for (const batch of [1, 2, 40, 299, 301, 1500, 3, 700]) {
        const ids = Array.from({ length: batch }, () => {
          const roll = r();
          if (roll < 0.4) return `r${next++}`; // a new row
          return [...source.keys()][Math.floor(r() * source.size)] ?? `r${next++}`;
        });
        const touched = [...ids, ids[0]!]; // the same row twice in one batch
        const slotsTouched = touched.map((id) => slots.slot(id)).filter((s): s is number => s !== undefined);
        order.take(slotsTouched);
        const placed = touched.map((id) => {
          const old = source.get(id);
          const createdAt = old?.createdAt ?? Math.floor(next / 7);
          return put(r() < 0.15 ? undefined : row(id, r, createdAt), id, createdAt);
        });
        order.place(placed);
        for (const descending of [false, true]) {
          const expected = sortSightings([...source.values()], { key, descending }).map((s) => s.id);
          expect([...order.sorted(descending)].map((s) => slots.ids[s])).toEqual(expected);
        }
      }
    });
  }
});

describe('ordre d’une colonne, remontée disparue puis revenue', () => {
  it('reprend une ligne disparue puis recréée dans la même case, clés de texte longues et égales au début', () => {
    const slots = new RowSlots();
    const make = (id: string, text: string, createdAt: number): Sighting => ({ ...DEFAULT_FIELDS, id, text, createdAt, createdBy: 'a', updatedAt: createdAt, updatedBy: 'a' });
    const rows = new Map<string, Sighting>();
    for (let i = 0; i < 50; i++) {
      const row = make(`r${i}`, `${SAME_START[0]}${WORDS[i % WORDS.length]} ${i}`, i);
      rows.set(row.id, row);
      slots.set(slots.slotFor(row.id, i), row);
    }
    const order = new ColumnOrder('text', slots);
    order.build(() => true);
    const slot = slots.slot('r7')!;
    const change = (row: Sighting | undefined) => {
      order.take([slot]);
      slots.set(slot, row);
      if (row) rows.set('r7', row);
      else rows.delete('r7');
      order.place([slot]);
    };
    change(undefined); // gone (its key, cut, still ties with others on the first 12 characters)
    change(undefined); // touched again while gone
    change(make('r7', `${SAME_START[0]}crue revenue`, 7)); // back, same creation time: same slot
    expect(slots.slot('r7')).toBe(slot);
    for (const descending of [false, true])
      expect([...order.sorted(descending)].map((s) => slots.ids[s])).toEqual(sortSightings([...rows.values()], { key: 'text', descending }).map((s) => s.id));
  });
});
