// The table's view of the crisis (filtered, sorted, counted), kept up to date change by change.
// Rows live in slots (row-slots.ts); the filters and the search results are sets of slots as bits
// (bitset.ts); each column's order is a permutation of the slots kept sorted as rows change
// (column-order.ts). Then:
// - a keystroke takes each search word's slots from the index (search-index.ts: letter and pair sets,
//   tokens), starting from the result of a query it extends, or reuses the result of the same query
//   (Backspace): a few intersections of 12.5 KB sets at 100,000 rows, plus the postings of the tokens
//   holding a new word of three letters or more;
// - the status counts are counts of bits; the rows shown one pass over the current order;
// - a sort, a status tab, a widened filter are that pass over an order already built;
// - an edit or a capture moves one slot in each order and patches the sets.
// A search typed before the index has every row's bits (right after opening, after a large sync)
// would read and normalise every such row's text at once: 1.2–2 s at 100,000 rows. It waits instead
// (`searching`), the rows showing the last search done, until the warm-up, run in slices by the
// caller, has given every row its bits; then the newest query is searched (queries typed meanwhile
// are never searched). A sort by a column whose order is not built yet waits the same way
// (`sorting`): the rows keep the order shown until the warm-up has built the one asked for.
import { countBoth, hasBit, intersect, resized, setBit, wordsFor } from './bitset';
import { ColumnOrder } from './column-order';
import { matchesFields, searchWords, type SightingFilter, type SortKey, type SortOrder } from './query';
import { roomFor } from './capacity';
import { RowSlots, STATUS_CODE } from './row-slots';
import { SearchIndex } from './search-index';
import { SearchResults, sameList, type SearchResult } from './search-results';
import type { Sighting } from './sighting';
import { STATUSES, type Status } from './taxonomy';

/** The order the idle warm-up builds the column orders in: the likeliest clicks first. */
const WARM_ORDER: SortKey[] = ['text', 'commune', 'priority', 'status', 'category', 'platform', 'updatedAt', 'postedAt', 'createdAt'];

/**
 * Rows changed at once (a sync's batch, an import) from which the orders not shown are built again
 * by the warm-up rather than kept sorted. Placing a row in a text order is a binary search that,
 * among rows sharing their first characters (a common opening, a long commune name), normalises a
 * dozen whole texts: a newcomer receiving 100,000 rows in batches of 1,000 spent 11 of its 27
 * seconds there. Built again, each text is normalised once.
 */
const REBUILT_FROM = 256;

export interface ViewOptions {
  /**
   * Most rows without their search bits a search gives them at once (~15 µs a row of 300
   * characters: 1,000 rows stay within a frame); above, the search waits for the warm-up.
   */
  bitsAtOnce?: number;
  /** Most rows a sort by a column whose order is not built yet sorts at once (~5 ms); above, it waits. */
  sortedAtOnce?: number;
  /** Built later, in slices (`prepare(more)` until it returns true), not by the constructor. */
  deferred?: boolean;
}

export class SightingView {
  private slots = new RowSlots();
  private orders = new Map<SortKey, ColumnOrder>();
  private index = new SearchIndex(this.slots);
  private searches = new SearchResults(this.slots, this.index);
  /** Words of 32 bits in every set below: the capacity in slots (a power of two) / 32. */
  private bitWords = 0;
  /** Slots passing category, priority and commune. */
  private fields: Uint32Array = new Uint32Array(0);
  /** Per status code, the slots in that status. */
  private statuses: Uint32Array[] = [];
  /** The current query's result (null: no search words). */
  private text: SearchResult | null = null;
  /** The query's words wait for the index (the rows show `text`, the last search done). */
  private waiting = false;
  private readonly bitsAtOnce: number;
  private readonly sortedAtOnce: number;
  /** The order the rows are shown in: `order`, or while sorting the one shown before. */
  private shownOrder: SortOrder;
  /** fields ∩ text: every filter but the status. */
  private match: Uint32Array = new Uint32Array(0);
  /** match ∩ the statuses shown (scratch of walk). */
  private visible = new Uint32Array(0);
  /** Which statuses show: by status code. */
  private statusShown = new Uint8Array(STATUSES.length);
  private shown: Sighting[] = [];
  /** Per slot: its index in `shown` at the last walk (checked against the row there). */
  private shownAt = new Int32Array(0);
  private counts: Record<Status, number> = zeroCounts();
  /** Bumped on every change of what the view holds. */
  version = 0;

  constructor(
    private readonly source: ReadonlyMap<string, Sighting>,
    private filter: SightingFilter,
    private order: SortOrder,
    options: ViewOptions = {},
  ) {
    this.bitsAtOnce = options.bitsAtOnce ?? 1000;
    this.sortedAtOnce = options.sortedAtOnce ?? 5000;
    this.shownOrder = order;
    if (options.deferred) this.preparing = this.initSteps();
    else this.init();
  }

  private preparing: Generator<void> | null = null;

  /** Whether this view shows these rows (the store swaps its preview for the whole crisis once). */
  isOf(source: ReadonlyMap<string, Sighting>): boolean {
    return this.source === source;
  }

  /**
   * Builds a deferred view until `more()` says stop; true once built. At 100,000 rows the whole build
   * is ~100 ms (slots, the shown column's order, the list shown): in one task, the freeze a cold open
   * showed when its journal was read.
   */
  prepare(more: () => boolean): boolean {
    if (!this.preparing) return true;
    while (!this.preparing.next().done) if (!more()) return false;
    this.preparing = null;
    return true;
  }

  private init(): void {
    const steps = this.initSteps();
    while (!steps.next().done);
  }

  private *initSteps(): Generator<void> {
    this.shownOrder = this.order;
    this.slots = new RowSlots();
    this.orders = new Map();
    this.index = new SearchIndex(this.slots);
    this.searches = new SearchResults(this.slots, this.index);
    this.bitWords = 0;
    this.fields = new Uint32Array(0);
    this.statuses = STATUSES.map(() => new Uint32Array(0));
    this.match = new Uint32Array(0);
    this.visible = new Uint32Array(0);
    this.text = null;
    this.waiting = false;
    let n = 0;
    for (const [id, row] of this.source) {
      this.slots.set(this.slots.slotFor(id, row.createdAt), row);
      if (++n % 2000 === 0) yield;
    }
    this.reserve();
    for (let s = 0; s < this.slots.size; s++) {
      this.placeStatus(s);
      if (s % 5000 === 4999) yield;
    }
    this.setStatuses(this.filter.statuses);
    yield;
    this.refilterFields();
    yield;
    // The order shown, a few dozen keys at a time (walk() would otherwise build it at once).
    const order = this.orderOf(this.order.key, false);
    while (!order.build(() => false)) yield;
    this.research();
    yield;
    this.walk();
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
  /** True while the order asked for waits to be built (call warm() in slices until it is false). */
  get sorting(): boolean {
    return this.shownOrder !== this.order;
  }
  /** True while the query's result waits for the index (call warm() in slices until it is false). */
  get searching(): boolean {
    return this.waiting;
  }
  /** The search words the rows are filtered by: the query's, or while searching those of the last search done. */
  get searchedWords(): readonly string[] {
    return this.text?.words ?? [];
  }

  /** Where this sighting is in the rows shown, -1 if it is not: without a search through them. */
  indexOf(id: string): number {
    const slot = this.slots.slot(id);
    if (slot === undefined) return -1;
    const at = this.shownAt[slot]!;
    return this.shown[at]?.id === id ? at : -1;
  }

  setFilter(next: SightingFilter): void {
    const prev = this.filter;
    if (sameFilter(next, prev)) return;
    this.filter = next;
    this.setStatuses(next.statuses);
    const fields = !sameList(next.categories, prev.categories) || !sameList(next.priorities, prev.priorities) || next.commune !== prev.commune;
    if (fields) this.refilterFields();
    const statuses = !sameList(next.statuses, prev.statuses);
    if (next.text !== prev.text) this.research();
    else if (fields) this.rematch();
    // A query left waiting changes no row: no pass over the order.
    if (this.waiting && !fields && !statuses) this.version++;
    else this.walk();
  }

  setOrder(next: SortOrder): void {
    if (next.key === this.order.key && next.descending === this.order.descending) return;
    this.order = next;
    // An order not built yet is built at once only for a small table (sorting 100,000 texts: 0.3–1.5 s).
    const built = this.orders.get(next.key)?.ready || this.slots.size <= this.sortedAtOnce;
    if (!built) return void this.version++;
    this.shownOrder = next;
    this.walk();
  }

  /** After the store changed these sightings (an empty set: nothing a row shows changed). */
  update(changed: ReadonlySet<string>): void {
    if (!changed.size) return;
    const slots: number[] = [];
    for (const id of changed) {
      const row = this.source.get(id);
      const known = this.slots.slot(id);
      if (known === undefined && !row) continue;
      const old = known === undefined ? undefined : this.slots.rows[known];
      // Never seen in practice (a sighting keeps its creation time); every order would move.
      if (old && row && old.createdAt !== row.createdAt) return this.init();
      const slot = row ? this.slots.slotFor(id, row.createdAt) : known!;
      slots.push(slot);
    }
    if (slots.length >= REBUILT_FROM) {
      for (const [key, o] of this.orders) if (o.ready && key !== this.shownOrder.key && key !== this.order.key) this.orders.delete(key);
    }
    for (const o of this.orders.values()) o.take(slots);
    for (const s of slots) this.slots.set(s, this.source.get(this.slots.ids[s]!));
    for (const o of this.orders.values()) o.place(slots);
    this.reserve();
    this.index.update(slots);
    for (const s of slots) {
      const row = this.slots.rows[s];
      setBit(this.fields, s, !!row && matchesFields(row, this.filter));
      this.placeStatus(s);
    }
    if (!this.searches.patch(slots)) {
      // A sync or an import: the remembered results are forgotten (the rows shown too, if the search
      // must now wait), the current one searched again.
      this.text = null;
      this.research();
    } else {
      for (const s of slots) setBit(this.match, s, hasBit(this.fields, s) && (!this.text || hasBit(this.text.bits, s)));
      this.count();
    }
    this.walk();
  }

  /**
   * Work done ahead while the page is idle: the search index's bits for every row (what a first
   * keystroke needs), each column's order (a first click on a header), then the index's tokens (what
   * makes a word of three letters or more read no text). Runs until `more()` says stop; true once
   * everything is ready.
   */
  warm(more: () => boolean): boolean {
    if (this.sorting) {
      // The order asked for first, then shown in a slice of its own (the caller renders next).
      if (!this.orderOf(this.order.key, false).build(more) || !more()) return false;
      this.shownOrder = this.order;
      this.walk();
      return false;
    }
    if (!this.index.warmBits(more)) return false;
    if (this.waiting) {
      // In a slice of its own (the search reads the texts of the rows without tokens yet), which
      // ends there: the caller shows the answer next, in a task of its own.
      if (!more()) return false;
      this.research();
      this.walk();
      return false; // the tokens are still to do: some rows had no bits a moment ago
    }
    for (const key of WARM_ORDER) if (!this.orderOf(key, false).build(more)) return false;
    return this.index.warmTokens(more);
  }

  private orderOf(key: SortKey, now = true): ColumnOrder {
    let o = this.orders.get(key);
    if (!o) this.orders.set(key, (o = new ColumnOrder(key, this.slots)));
    if (now) o.build(() => true);
    return o;
  }

  /** Every set holds every slot (room made as rows come: capacity.ts). */
  private reserve(): void {
    const n = this.slots.size;
    if (n <= this.bitWords * 32) return;
    const words = wordsFor(roomFor(n, this.bitWords * 32));
    const cap = words * 32;
    this.bitWords = words;
    this.fields = resized(this.fields, words);
    this.statuses = this.statuses.map((b) => resized(b, words));
    this.match = resized(this.match, words);
    this.visible = new Uint32Array(words);
    this.index.resize(words);
    this.searches.resize(words);
    const shownAt = new Int32Array(cap);
    shownAt.set(this.shownAt);
    this.shownAt = shownAt;
  }

  private placeStatus(s: number): void {
    const row = this.slots.rows[s];
    const code = row ? STATUS_CODE[row.status] : -1;
    this.statuses.forEach((bits, c) => setBit(bits, s, c === code));
  }

  private setStatuses(statuses: readonly Status[]): void {
    for (const s of STATUSES) this.statusShown[STATUS_CODE[s]] = (statuses.length ? statuses.includes(s) : s !== 'archive') ? 1 : 0;
  }

  private refilterFields(): void {
    const { rows } = this.slots;
    const f = this.filter;
    const all = !f.categories.length && !f.priorities.length && !f.commune.trim();
    for (let s = 0; s < rows.length; s++) {
      const row = rows[s];
      setBit(this.fields, s, !!row && (all || matchesFields(row, f)));
    }
  }

  /** The search words changed: the slots holding them, then what matches every filter. */
  private research(): void {
    const words = searchWords(this.filter.text);
    const ready = !words.length || this.index.missingBits <= this.bitsAtOnce;
    const known = words.length ? this.searches.remembered(words) : undefined;
    this.waiting = !ready && !known;
    if (this.waiting) return this.rematch();
    this.text = known ?? (words.length ? this.searches.of(words) : null);
    this.rematch();
  }

  private rematch(): void {
    if (this.text) intersect(this.match, this.fields, this.text.bits);
    else this.match.set(this.fields);
    this.count();
  }

  private count(): void {
    const counts = zeroCounts();
    STATUSES.forEach((s, c) => (counts[s] = countBoth(this.match, this.statuses[c]!)));
    this.counts = counts;
  }

  /** The rows shown, in order: one pass over the column's order through the set of visible slots. */
  private walk(): void {
    const { match, visible, statuses, statusShown } = this;
    const shownCodes = statuses.filter((_, c) => statusShown[c] === 1);
    for (let i = 0; i < visible.length; i++) {
      let st = 0;
      for (const b of shownCodes) st |= b[i]!;
      visible[i] = match[i]! & st;
    }
    const { rows } = this.slots;
    const { shownAt } = this;
    const perm = this.orderOf(this.shownOrder.key).sorted(this.shownOrder.descending);
    // Sized at once from the counts (growing it by push copies it again and again at 100,000 rows).
    let n = 0;
    STATUSES.forEach((st, c) => statusShown[c] && (n += this.counts[st]));
    const shown = new Array<Sighting>(n);
    let k = 0;
    for (let i = 0; i < perm.length; i++) {
      const s = perm[i]!;
      if ((visible[s >>> 5]! >>> (s & 31)) & 1) {
        shownAt[s] = k;
        shown[k++] = rows[s]!;
      }
    }
    shown.length = k; // k = n: every visible slot is a live row, in every order
    this.shown = shown;
    this.version++;
  }
}

function zeroCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
}

function sameFilter(a: SightingFilter, b: SightingFilter): boolean {
  return a.text === b.text && a.commune === b.commune && sameList(a.statuses, b.statuses) && sameList(a.categories, b.categories) && sameList(a.priorities, b.priorities);
}
