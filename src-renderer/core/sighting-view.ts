// The table's view of the crisis (filtered, sorted, counted), kept up to date change by change: an
// edit moves one row, a keystroke that narrows the search filters what was shown, a new sort sorts
// precomputed keys. At 100,000 sightings a full recomputation takes hundreds of milliseconds; these
// take a few.
import { countByStatus, matchesExceptStatus, sortKeyOf, statusMatches, type SightingFilter, type SortOrder } from './query';
import type { Sighting } from './sighting';
import { STATUSES, type Status } from './taxonomy';

/** Above this many changed rows at once (a sync, an import), one merge beats moving rows one by one. */
const INCREMENTAL_MAX = 300;

export class SightingView {
  /** Rows matching every filter but the status: what the status tabs count. */
  private candidates = new Map<string, Sighting>();
  private shown: Sighting[] = [];
  private counts: Record<Status, number> = zeroCounts();
  /** The same view without the search text, while a search is or was typed. */
  private plain: SightingView | null = null;
  /** Bumped on every change of what the view holds. */
  version = 0;

  constructor(
    private readonly source: ReadonlyMap<string, Sighting>,
    private filter: SightingFilter,
    private order: SortOrder,
  ) {
    this.recompute();
  }

  get rows(): readonly Sighting[] {
    return this.shown;
  }
  get statusCounts(): Readonly<Record<Status, number>> {
    return this.counts;
  }
  get total(): number {
    return this.source.size;
  }

  setFilter(next: SightingFilter): void {
    if (sameFilter(next, this.filter)) return;
    if (next.text.trim() || this.filter.text.trim()) {
      // Typing or clearing a search: derive from the same view without the search text, kept up to
      // date beside this one — a filter pass in the order already sorted, never a full sort.
      const plain = { ...next, text: '' };
      if (!this.plain || !sameFilter(this.plain.filter, plain)) this.plain = new SightingView(this.source, plain, this.order);
      this.filter = next;
      return this.deriveFrom(this.plain);
    }
    const narrowing = narrows(next, this.filter);
    this.filter = next;
    if (!narrowing) return this.recompute();
    // Every row the new filter admits was admitted by the old one: look only there.
    const before = this.candidates;
    this.candidates = new Map();
    for (const [id, s] of before) if (matchesExceptStatus(s, next)) this.candidates.set(id, s);
    this.counts = countByStatus(this.candidates.values(), next);
    this.shown = this.shown.filter((s) => this.candidates.has(s.id) && statusMatches(s, next.statuses));
    this.version++;
  }

  private deriveFrom(plain: SightingView): void {
    const f = this.filter;
    if (!f.text.trim()) {
      this.candidates = new Map(plain.candidates);
      this.counts = { ...plain.counts };
      this.shown = plain.shown.slice();
    } else {
      this.candidates = new Map();
      for (const [id, row] of plain.candidates) if (matchesExceptStatus(row, f)) this.candidates.set(id, row);
      this.counts = countByStatus(this.candidates.values(), f);
      this.shown = plain.shown.filter((row) => this.candidates.has(row.id));
    }
    this.version++;
  }

  setOrder(next: SortOrder): void {
    if (next.key === this.order.key && next.descending === this.order.descending) return;
    this.plain?.setOrder(next);
    this.order = next;
    this.shown = sortRows(this.shown, next);
    this.version++;
  }

  /** After the store changed these sightings (an empty set: nothing a row shows changed). */
  update(changed: ReadonlySet<string>): void {
    if (!changed.size) return;
    this.plain?.update(changed);
    if (changed.size > INCREMENTAL_MAX) return this.merge(changed);
    const cmp = comparator(this.order);
    for (const id of changed) {
      const old = this.candidates.get(id);
      if (old) {
        this.candidates.delete(id);
        this.counts[old.status]--;
        if (statusMatches(old, this.filter.statuses)) {
          const at = locate(this.shown, old, cmp);
          if (at >= 0) this.shown.splice(at, 1);
          else this.shown = this.shown.filter((s) => s.id !== id);
        }
      }
      const row = this.source.get(id);
      if (!row || !matchesExceptStatus(row, this.filter)) continue;
      this.candidates.set(id, row);
      this.counts[row.status]++;
      if (statusMatches(row, this.filter.statuses)) this.shown.splice(insertionPoint(this.shown, row, cmp), 0, row);
    }
    // A new array: React and the map see a change.
    this.shown = this.shown.slice();
    this.version++;
  }

  /**
   * Many rows at once (a sync, an import): drop their old versions in one pass, sort only the new
   * ones, and merge the two sorted lists — linear in the rows shown, not a full sort.
   */
  private merge(changed: ReadonlySet<string>): void {
    const cmp = comparator(this.order);
    const incoming: Sighting[] = [];
    for (const id of changed) {
      const old = this.candidates.get(id);
      if (old) {
        this.candidates.delete(id);
        this.counts[old.status]--;
      }
      const row = this.source.get(id);
      if (!row || !matchesExceptStatus(row, this.filter)) continue;
      this.candidates.set(id, row);
      this.counts[row.status]++;
      if (statusMatches(row, this.filter.statuses)) incoming.push(row);
    }
    incoming.sort(cmp);
    const kept = this.shown.filter((s) => !changed.has(s.id));
    const out: Sighting[] = new Array(kept.length + incoming.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < kept.length && j < incoming.length) out[k++] = cmp(kept[i]!, incoming[j]!) <= 0 ? kept[i++]! : incoming[j++]!;
    while (i < kept.length) out[k++] = kept[i++]!;
    while (j < incoming.length) out[k++] = incoming[j++]!;
    this.shown = out;
    this.version++;
  }

  recompute(): void {
    this.candidates = new Map();
    const shown: Sighting[] = [];
    for (const [id, s] of this.source) {
      if (!matchesExceptStatus(s, this.filter)) continue;
      this.candidates.set(id, s);
      if (statusMatches(s, this.filter.statuses)) shown.push(s);
    }
    this.counts = countByStatus(this.candidates.values(), this.filter);
    this.shown = sortRows(shown, this.order);
    this.version++;
  }
}

function zeroCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

function sameFilter(a: SightingFilter, b: SightingFilter): boolean {
  return a.text === b.text && a.commune === b.commune && sameList(a.statuses, b.statuses) && sameList(a.categories, b.categories) && sameList(a.priorities, b.priorities);
}

/** True when `next` can only admit fewer rows than `prev` (a search typed further, say). */
function narrows(next: SightingFilter, prev: SightingFilter): boolean {
  if (!sameList(next.categories, prev.categories) || !sameList(next.priorities, prev.priorities) || next.commune !== prev.commune) return false;
  if (!sameList(next.statuses, prev.statuses)) return false;
  return next.text.startsWith(prev.text) && prev.text.trim().split(/\s+/).length <= next.text.trim().split(/\s+/).length;
}

type Cmp = (a: Sighting, b: Sighting) => number;

function comparator(order: SortOrder): Cmp {
  const sign = order.descending ? -1 : 1;
  return (a, b) => {
    const ka = sortKeyOf(a, order.key);
    const kb = sortKeyOf(b, order.key);
    const c = ka < kb ? -1 : ka > kb ? 1 : 0;
    return sign * c || b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  };
}

function sortRows(rows: readonly Sighting[], order: SortOrder): Sighting[] {
  return [...rows].sort(comparator(order));
}

function insertionPoint(rows: readonly Sighting[], row: Sighting, cmp: Cmp): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(rows[mid]!, row) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function locate(rows: readonly Sighting[], row: Sighting, cmp: Cmp): number {
  const at = insertionPoint(rows, row, cmp) - 1;
  return at >= 0 && rows[at] === row ? at : rows.indexOf(row);
}
