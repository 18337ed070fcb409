import { describe, expect, it } from 'vitest';
import { countByStatus, filterSightings, sortSightings, EMPTY_FILTER, type SightingFilter, type SortOrder } from '../../../src-renderer/core/query';
import { DEFAULT_FIELDS, type Sighting } from '../../../src-renderer/core/sighting';
import { SightingView } from '../../../src-renderer/core/sighting-view';
import { CATEGORIES, PRIORITIES, STATUSES } from '../../../src-renderer/core/taxonomy';

// A deterministic pseudo-random crisis and a random walk of edits, filters and sorts: after each
// step the incremental view must equal the full recomputation.
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}
const WORDS = ['Moissac', 'pont', 'évacuation', 'Crue', 'n° 9', 'n° 10', 'Saint-Étienne', 'école', 'route'];

function row(id: string, r: () => number, t: number): Sighting {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return {
    ...DEFAULT_FIELDS,
    id,
    text: `${pick(WORDS)} ${pick(WORDS)} ${Math.floor(r() * 100)}`,
    priority: pick(PRIORITIES),
    status: pick(STATUSES),
    category: pick(CATEGORIES),
    communeName: pick(['Moissac', 'Montauban', '', 'Castelsarrasin']),
    createdAt: t,
    createdBy: 'a',
    updatedAt: t,
    updatedBy: 'a',
  };
}

describe('vue incrémentale du tableau', () => {
  it('reste égale au recalcul complet à travers modifications, créations, filtres et tris', () => {
    const r = rng(42);
    const source = new Map<string, Sighting>();
    for (let i = 0; i < 400; i++) source.set(`s${i}`, row(`s${i}`, r, 1000 + (i % 37)));
    let filter: SightingFilter = EMPTY_FILTER;
    let order: SortOrder = { key: 'createdAt', descending: true };
    const view = new SightingView(source, filter, order);
    const filters: SightingFilter[] = [
      EMPTY_FILTER,
      { ...EMPTY_FILTER, text: 'm' },
      { ...EMPTY_FILTER, text: 'mo' },
      { ...EMPTY_FILTER, text: 'moissac pont' },
      { ...EMPTY_FILTER, statuses: ['nouveau', 'confirme'] },
      { ...EMPTY_FILTER, priorities: ['P1'], text: 'crue' },
      { ...EMPTY_FILTER, commune: 'moissac' },
    ];
    const orders: SortOrder[] = ['createdAt', 'priority', 'text', 'commune', 'status', 'category'].flatMap((key) => [
      { key: key as SortOrder['key'], descending: false },
      { key: key as SortOrder['key'], descending: true },
    ]);
    for (let step = 0; step < 300; step++) {
      const x = r();
      if (x < 0.5) {
        const changed = new Set<string>();
        // Now and then a large batch (a sync, an import): the merge path.
        const many = r() < 0.1 ? 600 : 1 + Math.floor(r() * 4);
        for (let k = 0; k < many; k++) {
          const id = `s${Math.floor(r() * (many > 300 ? 1200 : 450))}`;
          const prev = source.get(id);
          source.set(id, prev ? { ...row(id, r, prev.createdAt), createdAt: prev.createdAt } : row(id, r, 2000 + step));
          changed.add(id);
        }
        if (many > 300) expect(changed.size).toBeGreaterThan(300);
        view.update(changed);
      } else if (x < 0.8) view.setFilter((filter = filters[Math.floor(r() * filters.length)]!));
      else view.setOrder((order = orders[Math.floor(r() * orders.length)]!));
      const all = [...source.values()];
      expect(view.rows.map((s) => s.id)).toEqual(sortSightings(filterSightings(all, filter), order).map((s) => s.id));
      expect(view.statusCounts).toEqual(countByStatus(all, filter));
    }
  });

  it('trie les nombres dans le texte comme un humain, sans tenir compte des accents', () => {
    const r = rng(1);
    const mk = (id: string, text: string) => ({ ...row(id, r, 1), text });
    const rows = [mk('a', 'n° 10'), mk('b', 'n° 9'), mk('c', 'École'), mk('d', 'ecole b')];
    expect(sortSightings(rows, { key: 'text', descending: false }).map((s) => s.text)).toEqual(['École', 'ecole b', 'n° 9', 'n° 10']);
  });
});

describe('vue construite par tranches (la crise entière remplace l’aperçu)', () => {
  it('égale la vue construite d’un coup, même si des remontées changent pendant la construction', () => {
    const r = rng(7);
    const source = new Map<string, Sighting>();
    for (let i = 0; i < 12_000; i++) source.set(`s${i}`, row(`s${i}`, r, 1000 + (i % 97)));
    const filter: SightingFilter = { ...EMPTY_FILTER, text: 'pont', statuses: ['nouveau', 'en_verification', 'confirme'] };
    const order: SortOrder = { key: 'text', descending: false };
    const deferred = new SightingView(source, filter, order, { deferred: true });
    expect(deferred.isOf(source)).toBe(true);
    // One step per call: many slices, and the store changes between them.
    let slices = 0;
    const changed = new Set<string>();
    while (!deferred.prepare(() => false)) {
      slices++;
      if (slices % 7 === 0) {
        const id = `s${Math.floor(r() * 12_500)}`; // an edit, or a new sighting
        source.set(id, { ...row(id, r, 1000 + (slices % 97)), createdAt: source.get(id)?.createdAt ?? 2000 });
        changed.add(id);
      }
    }
    expect(slices).toBeGreaterThan(20);
    deferred.update(changed);
    const atOnce = new SightingView(source, filter, order);
    // Above 1,000 rows a search waits for the index's warm-up: both are warmed up.
    while (!deferred.warm(() => true));
    while (!atOnce.warm(() => true));
    expect(atOnce.searching || deferred.searching).toBe(false);
    expect(deferred.rows.map((s) => s.id)).toEqual(atOnce.rows.map((s) => s.id));
    expect(deferred.statusCounts).toEqual(atOnce.statusCounts);
    expect(deferred.rows.map((s) => s.id)).toEqual(sortSightings(filterSightings([...source.values()], filter), order).map((s) => s.id));
    const some = atOnce.rows[5]!.id;
    expect(deferred.indexOf(some)).toBe(5);
  });
});
