import { describe, expect, it } from 'vitest';
import { countByStatus, EMPTY_FILTER, filterSightings, searchWords, SORT_KEYS, sortSightings, type SightingFilter, type SortOrder } from '../../../src-renderer/core/query';
import { DEFAULT_FIELDS, type Sighting } from '../../../src-renderer/core/sighting';
import { SightingView } from '../../../src-renderer/core/sighting-view';
import { CATEGORIES, PLATFORMS, PRIORITIES, STATUSES } from '../../../src-renderer/core/taxonomy';
import { seededRandom } from '../../seeded-random';

// Random crises (French accents, case, empty fields, equal keys), random walks of edits, captures,
// deletions, big batches, filters, searches typed letter by letter and erased, sorts, and idle
// warm-up cut at random points: after every step the incremental view must equal filterSightings +
// sortSightings + countByStatus computed from scratch.
const rng = seededRandom;
const WORDS = ['Moissac', 'MOISSAC', 'moissac', 'pont', 'Pont-de-Larn', 'évacuation', 'Évacuation', 'Crue', 'crue', 'n° 9', 'n° 10', 'Saint-Étienne', 'St-Étienne', 'école', 'ECOLE', 'Œuvre', 'cœur', 'l’eau', "l'eau", 'route', '', ' '];
const COMMUNES = ['Moissac', 'Montauban', '', 'Castelsarrasin', 'Saint-Étienne', 'Lafrançaise'];
const QUERIES = ['moissac', 'crue pont', 'école', 'st etienne', 'coeur', 'l eau', 'n 9', 'évac', 'ROUTE', 'zz'];

function makeRow(id: string, r: () => number, createdAt: number): Sighting {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const words = Array.from({ length: Math.floor(r() * 4) }, () => pick(WORDS));
  return {
    ...DEFAULT_FIELDS,
    id,
    text: words.join(' '),
    authorHandle: r() < 0.3 ? pick(['@SDIS82', '@Préfet82', '']) : '',
    placeText: r() < 0.3 ? pick(['quai du Port', 'Rue de l’École', '']) : '',
    url: r() < 0.2 ? `https://x.com/a/status/${Math.floor(r() * 1000)}` : '',
    platform: pick(PLATFORMS),
    priority: pick(PRIORITIES),
    status: pick(STATUSES),
    category: pick(CATEGORIES),
    communeName: pick(COMMUNES),
    communeInsee: r() < 0.5 ? '82112' : '',
    // Few distinct times: many ties, broken by id.
    createdAt,
    createdBy: 'a',
    updatedAt: createdAt + Math.floor(r() * 5),
    updatedBy: 'a',
    postedAt: r() < 0.5 ? new Date(1_700_000_000_000 + Math.floor(r() * 10) * 60_000).toISOString() : '',
  };
}

function check(view: SightingView, source: Map<string, Sighting>, filter: SightingFilter, order: SortOrder) {
  const all = [...source.values()];
  expect(view.rows.map((s) => s.id)).toEqual(sortSightings(filterSightings(all, filter), order).map((s) => s.id));
  // The rows shown are the current objects, not stale copies.
  view.rows.forEach((s, i) => {
    expect(s).toBe(source.get(s.id));
    expect(view.indexOf(s.id)).toBe(i);
  });
  const shown = new Set(view.rows.map((s) => s.id));
  for (const id of source.keys()) if (!shown.has(id)) expect(view.indexOf(id)).toBe(-1);
  expect(view.indexOf('absent')).toBe(-1);
  expect(view.statusCounts).toEqual(countByStatus(all, filter));
}

describe('vue incrémentale du tableau, données et modifications aléatoires', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`égale le filtre et le tri recalculés (graine ${seed})`, () => {
      const r = rng(seed);
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
      const source = new Map<string, Sighting>();
      let next = 0;
      const newRow = (t: number) => {
        const id = `id${(next++).toString(36)}${pick(['', 'x', 'A'])}`;
        source.set(id, makeRow(id, r, t));
        return id;
      };
      for (let i = 0; i < 150; i++) newRow(1000 + Math.floor(r() * 20));
      let filter: SightingFilter = EMPTY_FILTER;
      let order: SortOrder = { key: 'createdAt', descending: true };
      const view = new SightingView(source, filter, order);
      let query = '';
      let typing = '';
      for (let step = 0; step < 250; step++) {
        const x = r();
        if (x < 0.3) {
          // Edits, captures, deletions; now and then a big batch (a sync, an import).
          const changed = new Set<string>();
          const ids = [...source.keys()];
          const many = r() < 0.06 ? 320 + Math.floor(r() * 100) : 1 + Math.floor(r() * 3);
          for (let k = 0; k < many; k++) {
            const y = r();
            if (y < 0.15) changed.add(newRow(1000 + Math.floor(r() * 25)));
            else if (y < 0.2 && ids.length) {
              const id = pick(ids);
              source.delete(id);
              changed.add(id);
            } else if (ids.length) {
              const id = pick(ids);
              const prev = source.get(id);
              if (!prev) continue;
              const fresh = makeRow(id, r, prev.createdAt);
              const field = pick(['text', 'priority', 'status', 'category', 'communeName', 'platform', 'all'] as const);
              source.set(id, field === 'all' ? fresh : { ...prev, [field]: fresh[field], updatedAt: prev.updatedAt + 1 });
              changed.add(id);
            }
          }
          view.update(changed);
        } else if (x < 0.45) {
          // Typing a query letter by letter, or erasing it.
          if (typing && query.length < typing.length && r() < 0.8) query = typing.slice(0, query.length + 1);
          else if (query && r() < 0.5) query = query.slice(0, -1);
          else {
            typing = pick(QUERIES);
            query = '';
          }
          view.setFilter((filter = { ...filter, text: query }));
        } else if (x < 0.6) {
          const f = r();
          filter =
            f < 0.25
              ? { ...filter, statuses: r() < 0.4 ? [] : [pick(STATUSES), ...(r() < 0.3 ? [pick(STATUSES)] : [])] }
              : f < 0.5
                ? { ...filter, categories: r() < 0.5 ? [] : [pick(CATEGORIES)] }
                : f < 0.75
                  ? { ...filter, priorities: r() < 0.5 ? [] : [pick(PRIORITIES)] }
                  : { ...filter, commune: pick(['', '', 'moissac', '82112', 'st etienne', 'MONT']) };
          view.setFilter(filter);
        } else if (x < 0.8) view.setOrder((order = { key: pick(SORT_KEYS), descending: r() < 0.5 }));
        else {
          // The page idle for a moment: some warm-up work, cut anywhere.
          let budget = Math.floor(r() * 40);
          view.warm(() => budget-- > 0);
        }
        check(view, source, filter, order);
      }
      // A few seconds of CPU: more on a machine shared with other jobs.
    }, 30_000);
  }

  it('construit les ordres pendant que des lignes changent, sans en perdre ni en doubler', () => {
    const r = rng(9);
    const source = new Map<string, Sighting>();
    for (let i = 0; i < 2000; i++) source.set(`s${i}`, makeRow(`s${i}`, r, 1000 + (i % 50)));
    const view = new SightingView(source, EMPTY_FILTER, { key: 'createdAt', descending: true });
    let done = false;
    let round = 0;
    while (!done) {
      let budget = 4;
      done = view.warm(() => budget-- > 0);
      // Between two slices of the warm-up: an edit, a capture, a deletion.
      const id = `s${Math.floor(r() * 2100)}`;
      const prev = source.get(id);
      if (prev && r() < 0.2) source.delete(id);
      else source.set(id, { ...makeRow(id, r, prev?.createdAt ?? 2000 + round), createdAt: prev?.createdAt ?? 2000 + round });
      view.update(new Set([id]));
      round++;
    }
    expect(round).toBeGreaterThan(20);
    for (const key of SORT_KEYS)
      for (const descending of [false, true]) {
        const order = { key, descending };
        view.setOrder(order);
        check(view, source, EMPTY_FILTER, order);
      }
  }, 30_000);
});

describe('recherche de la vue, mots tapés et effacés pendant des modifications', () => {
  it('égale le filtre recalculé, que l’index soit prêt, à moitié prêt ou pas encore construit', () => {
    const r = rng(21);
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const source = new Map<string, Sighting>();
    let next = 0;
    // Unique links: thousands of distinct words, as in a real crisis.
    const newRow = () => {
      const id = `r${next++}`;
      source.set(id, { ...makeRow(id, r, 1000 + (next % 30)), url: r() < 0.9 ? `https://x.com/u${next % 40}/status/${next}${Math.floor(r() * 1e5)}` : '' });
      return id;
    };
    for (let i = 0; i < 700; i++) newRow();
    let filter: SightingFilter = EMPTY_FILTER;
    const order: SortOrder = { key: 'createdAt', descending: true };
    const view = new SightingView(source, filter, order);
    const typed = ['moissac pont', 'st etienne', 'x.com/u1', 'status/12', 'l eau', 'evacuation crue', 'sdis82', 'n 9', 'zzq'];
    for (let round = 0; round < 25; round++) {
      const query = pick(typed);
      const steps = [...Array.from(query, (_, i) => query.slice(0, i + 1)), ...Array.from(query, (_, i) => query.slice(0, query.length - 1 - i))];
      for (const text of steps) {
        const x = r();
        if (x < 0.15) {
          const changed = new Set<string>();
          for (let k = 0; k < (r() < 0.1 ? 300 : 1 + Math.floor(r() * 3)); k++) {
            const id = r() < 0.3 ? newRow() : `r${Math.floor(r() * next)}`;
            const prev = source.get(id);
            if (prev && r() < 0.15) source.delete(id);
            else if (prev) source.set(id, r() < 0.5 ? { ...prev, text: `${prev.text} ${pick(WORDS)}` } : { ...prev, status: pick(STATUSES) });
            changed.add(id);
          }
          view.update(changed);
        } else if (x < 0.4) {
          let budget = Math.floor(r() * 30);
          view.warm(() => budget-- > 0);
        }
        view.setFilter((filter = { ...filter, text }));
        check(view, source, filter, order);
      }
    }
  }, 60_000);
});

// A query typed before the index has every row's bits waits (`searching`) instead of reading every
// text at once; the warm-up, in slices, answers the newest query. Here every few rows without bits
// make a search wait (bitsAtOnce small), so the slow path runs often: queries typed at random points
// of the warm-up, edits and big batches arriving while a query waits, filters and sorts meanwhile.
describe('recherche tapée avant que l’index soit prêt', () => {
  /** While a query waits, the rows are those of the last search done (its words), kept up to date. */
  function checkWaiting(view: SightingView, source: Map<string, Sighting>, filter: SightingFilter, order: SortOrder) {
    const words = view.searchedWords;
    expect(searchWords(words.join(' '))).toEqual(words);
    check(view, source, { ...filter, text: words.join(' ') }, order);
  }

  for (const seed of [31, 32, 33]) {
    it(`attend l’index puis donne le résultat de la dernière requête, égal au recalcul (graine ${seed})`, () => {
      const r = rng(seed);
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
      const source = new Map<string, Sighting>();
      let next = 0;
      const newRow = (t: number) => {
        const id = `w${(next++).toString(36)}`;
        source.set(id, { ...makeRow(id, r, t), url: r() < 0.8 ? `https://x.com/u${next % 30}/status/${next}${Math.floor(r() * 1e4)}` : '' });
        return id;
      };
      const typed = [...QUERIES, 'x.com/u1', 'status/1', 'moissac pont', 'sdis82'];
      let waited = 0;
      let answered = 0;
      let stale = 0;
      for (let round = 0; round < 4; round++) {
        // A crisis just opened: a fresh view, no bits yet.
        for (let i = 0; i < 150; i++) newRow(1000 + Math.floor(r() * 20));
        let filter: SightingFilter = { ...EMPTY_FILTER, text: r() < 0.3 ? pick(typed) : '' };
        let order: SortOrder = { key: pick(SORT_KEYS), descending: r() < 0.5 };
        const view = new SightingView(source, filter, order, { bitsAtOnce: Math.floor(r() * 40) });
        let query = filter.text;
        let typing = pick(typed);
        for (let step = 0; step < 100; step++) {
          const was = view.searching;
          const x = r();
          if (x < 0.35) {
            // A letter typed or erased.
            if (typing.startsWith(query) && query.length < typing.length && r() < 0.75) query = typing.slice(0, query.length + 1);
            else if (query && r() < 0.5) query = query.slice(0, -1);
            else {
              typing = pick(typed);
              query = '';
            }
            view.setFilter((filter = { ...filter, text: query }));
          } else if (x < 0.55) {
            // Edits, captures, deletions; now and then a big batch (a sync): new rows without bits.
            const changed = new Set<string>();
            const ids = [...source.keys()];
            const many = r() < 0.08 ? 300 + Math.floor(r() * 60) : 1 + Math.floor(r() * 3);
            for (let k = 0; k < many; k++) {
              const y = r();
              if (y < 0.3) changed.add(newRow(1000 + Math.floor(r() * 25)));
              else if (y < 0.4) {
                const id = pick(ids);
                source.delete(id);
                changed.add(id);
              } else {
                const id = pick(ids);
                const prev = source.get(id);
                if (!prev) continue;
                source.set(id, r() < 0.6 ? { ...prev, text: makeRow(id, r, prev.createdAt).text } : { ...prev, status: pick(STATUSES), priority: pick(PRIORITIES) });
                changed.add(id);
              }
            }
            view.update(changed);
          } else if (x < 0.65) {
            filter = r() < 0.5 ? { ...filter, statuses: r() < 0.5 ? [] : [pick(STATUSES)] } : { ...filter, priorities: r() < 0.5 ? [] : [pick(PRIORITIES)] };
            view.setFilter(filter);
          } else if (x < 0.72) view.setOrder((order = { key: pick(SORT_KEYS), descending: r() < 0.5 }));
          else {
            // One slice of the warm-up, cut anywhere (a few dozen rows' bits per slice).
            let budget = 1 + Math.floor(r() * 6);
            view.warm(() => budget-- > 0);
          }
          if (view.searching) {
            waited++;
            if (!sameWords(view.searchedWords, searchWords(filter.text))) stale++;
            checkWaiting(view, source, filter, order);
          } else {
            if (was) answered++;
            check(view, source, filter, order);
          }
        }
        // The page idle long enough: the query typed last is answered.
        while (view.searching) view.warm(() => r() < 0.9);
        expect(view.searchedWords).toEqual(searchWords(filter.text));
        check(view, source, filter, order);
        for (const id of [...source.keys()]) if (r() < 0.7) source.delete(id);
      }
      // The slow path did run, showed the previous rows meanwhile, and was answered.
      expect(waited).toBeGreaterThan(30);
      expect(stale).toBeGreaterThan(10);
      expect(answered).toBeGreaterThan(3);
    }, 60_000);
  }

  it('ne fait attendre ni une requête effacée, ni une requête déjà cherchée', () => {
    const r = rng(40);
    const source = new Map<string, Sighting>();
    for (let i = 0; i < 300; i++) source.set(`e${i}`, makeRow(`e${i}`, r, 1000 + (i % 20)));
    const order: SortOrder = { key: 'createdAt', descending: true };
    const view = new SightingView(source, EMPTY_FILTER, order, { bitsAtOnce: 10 });
    const all = view.rows;
    view.setFilter({ ...EMPTY_FILTER, text: 'mois' });
    expect(view.searching).toBe(true);
    expect(view.rows).toBe(all);
    view.setFilter({ ...EMPTY_FILTER, text: 'moiss' });
    expect(view.searching).toBe(true);
    // Backspace to an empty box: every row at once.
    view.setFilter(EMPTY_FILTER);
    expect(view.searching).toBe(false);
    check(view, source, EMPTY_FILTER, order);
    view.setFilter({ ...EMPTY_FILTER, text: 'crue' });
    while (view.searching) view.warm(() => true);
    check(view, source, { ...EMPTY_FILTER, text: 'crue' }, order);
    // A sync brings 200 rows (no bits yet): a new query waits, one already searched does not.
    for (let i = 0; i < 200; i++) source.set(`f${i}`, makeRow(`f${i}`, r, 2000 + i));
    view.update(new Set(Array.from({ length: 200 }, (_, i) => `f${i}`)));
    view.setFilter({ ...EMPTY_FILTER, text: 'crue p' });
    expect(view.searching).toBe(true);
    view.setFilter({ ...EMPTY_FILTER, text: 'crue' });
    expect(view.searching).toBe(false);
    check(view, source, { ...EMPTY_FILTER, text: 'crue' }, order);
  });

  it('un tri par une colonne dont l’ordre n’est pas prêt attend, garde l’ordre affiché, puis trie juste', () => {
    const r = rng(41);
    const source = new Map<string, Sighting>();
    for (let i = 0; i < 400; i++) source.set(`t${i}`, makeRow(`t${i}`, r, 1000 + (i % 30)));
    const before: SortOrder = { key: 'createdAt', descending: true };
    const view = new SightingView(source, EMPTY_FILTER, before, { sortedAtOnce: 10 });
    const byText: SortOrder = { key: 'text', descending: false };
    view.setOrder(byText);
    expect(view.sorting).toBe(true);
    check(view, source, EMPTY_FILTER, before); // still the order shown
    // Edits and new rows while it waits: shown right, in the order shown.
    for (let i = 0; i < 30; i++) source.set(`t${i}`, makeRow(`t${i}`, r, 1000 + (i % 30)));
    for (let i = 0; i < 5; i++) source.set(`u${i}`, makeRow(`u${i}`, r, 3000 + i));
    view.update(new Set([...Array.from({ length: 30 }, (_, i) => `t${i}`), ...Array.from({ length: 5 }, (_, i) => `u${i}`)]));
    check(view, source, EMPTY_FILTER, before);
    // The warm-up in small slices builds it, then shows it.
    let slices = 0;
    while (view.sorting && slices < 10_000) {
      let budget = 3;
      view.warm(() => budget-- > 0);
      slices++;
    }
    expect(slices).toBeGreaterThan(1);
    expect(view.sorting).toBe(false);
    check(view, source, EMPTY_FILTER, byText);
    // Back to an order already built: at once. The same column descending: at once (one order, both ways).
    view.setOrder(before);
    expect(view.sorting).toBe(false);
    check(view, source, EMPTY_FILTER, before);
    view.setOrder({ key: 'text', descending: true });
    expect(view.sorting).toBe(false);
    check(view, source, EMPTY_FILTER, { key: 'text', descending: true });
  });

  it('après un gros lot (une synchronisation), reconstruit les ordres non affichés au lieu d’y placer chaque ligne', () => {
    const r = rng(43);
    const source = new Map<string, Sighting>();
    for (let i = 0; i < 400; i++) source.set(`t${i}`, makeRow(`t${i}`, r, 1000 + (i % 30)));
    const shown: SortOrder = { key: 'createdAt', descending: true };
    const view = new SightingView(source, EMPTY_FILTER, shown, { sortedAtOnce: 10 });
    while (!view.warm(() => true));
    // A few rows: every order kept sorted, a click on a header sorts at once.
    for (let i = 0; i < 5; i++) source.set(`u${i}`, makeRow(`u${i}`, r, 3000 + i));
    view.update(new Set(Array.from({ length: 5 }, (_, i) => `u${i}`)));
    view.setOrder({ key: 'commune', descending: false });
    expect(view.sorting).toBe(false);
    check(view, source, EMPTY_FILTER, { key: 'commune', descending: false });
    view.setOrder(shown);
    // A sync's batch: the order shown is kept sorted (no wait), the others wait for the warm-up.
    const batch = Array.from({ length: 300 }, (_, i) => `v${i}`);
    for (const id of batch) source.set(id, makeRow(id, r, 4000 + (id.length % 7)));
    view.update(new Set(batch));
    expect(view.sorting).toBe(false);
    check(view, source, EMPTY_FILTER, shown);
    view.setOrder({ key: 'text', descending: true });
    expect(view.sorting).toBe(true);
    check(view, source, EMPTY_FILTER, shown);
    while (view.sorting) view.warm(() => true);
    check(view, source, EMPTY_FILTER, { key: 'text', descending: true });
  });
});

const sameWords = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((w, i) => w === b[i]);
