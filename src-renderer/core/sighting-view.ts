// The table's view of the crisis (filtered, sorted, counted), kept up to date change by change.
// Rows live in slots (row-slots.ts); the filters are masks over the slots; each column's order is a
// permutation of the slots kept sorted as rows change (column-order.ts). Then:
// - a keystroke tests the search words only against the rows that passed a query it extends (or,
//   widening, reuses the result of a query already computed), then walks the current order;
// - a sort, a status tab, a widened filter are one walk of an order already built, no comparison;
// - an edit or a capture moves one slot in each order, then walks.
// A walk is linear in the rows but touches only typed arrays: about a millisecond at 100,000 rows.
import { ColumnOrder } from './column-order';
import { matchesFields, searchWords, type SightingFilter, type SortKey, type SortOrder } from './query';
import { RowSlots, STATUS_CODE } from './row-slots';
import { prepareWord, type PreparedWord } from './search';
import type { Sighting } from './sighting';
import { STATUSES, type Status } from './taxonomy';

/** Results of recent searches, reused when the query is widened back (Backspace): a long query's letters. */
const REMEMBERED = 32;
/** The order the idle warm-up builds the column orders in: the likeliest clicks first. */
const WARM_ORDER: SortKey[] = ['text', 'commune', 'priority', 'status', 'category', 'platform', 'updatedAt', 'postedAt', 'createdAt'];

interface Found {
  words: string[];
  /** Slots passing the field filters and every word. */
  slots: Int32Array;
  /** Where the last word first appears in each slot's search text (when it was looked for there). */
  at?: Int32Array;
}

/** Words to check in a row, with the bits they need. */
interface Check {
  words: PreparedWord[];
  mask: number;
  /** One letter each: the letter mask decides alone. */
  maskDecides: boolean;
}

function checkOf(words: PreparedWord[]): Check {
  return { words, mask: words.reduce((m, w) => m | w.mask, 0), maskDecides: words.every((w) => w.decided && w.word.length === 1) };
}

export class SightingView {
  private slots = new RowSlots();
  private orders = new Map<SortKey, ColumnOrder>();
  /** Per slot: 1 when the row passes category, priority and commune. */
  private fields = new Uint8Array(0);
  /** Per slot: 1 when it also passes the search words (every filter but the status). */
  private match = new Uint8Array(0);
  /** The slots whose match is 1 (null: to be listed again from the mask). */
  private matched: Int32Array | null = null;
  private found: Found[] = [];
  /** placeLastWord's work in progress. */
  private placing: { found: Found; at: Int32Array; next: number } | null = null;
  private words: string[] = [];
  /** Every search word, for rows that change. */
  private all: Check = checkOf([]);
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
  ) {
    this.init();
  }

  private init(): void {
    this.slots = new RowSlots();
    this.orders = new Map();
    this.fields = new Uint8Array(0);
    this.match = new Uint8Array(0);
    this.matched = null;
    this.found = [];
    for (const [id, row] of this.source) this.slots.set(this.slots.slotFor(id, row.createdAt), row);
    this.reserve();
    const { filter } = this;
    this.setStatuses(filter.statuses);
    this.refilterFields();
    this.research();
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
    if (!sameList(next.categories, prev.categories) || !sameList(next.priorities, prev.priorities) || next.commune !== prev.commune) {
      this.refilterFields();
      this.research();
    } else if (next.text !== prev.text) this.research();
    this.walk();
  }

  setOrder(next: SortOrder): void {
    if (next.key === this.order.key && next.descending === this.order.descending) return;
    this.order = next;
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
    for (const o of this.orders.values()) o.take(slots);
    for (const s of slots) this.slots.set(s, this.source.get(this.slots.ids[s]!));
    for (const o of this.orders.values()) o.place(slots);
    this.reserve();
    for (const s of slots) {
      const row = this.slots.rows[s];
      this.fields[s] = row && matchesFields(row, this.filter) ? 1 : 0;
      this.match[s] = this.fields[s] && this.passes(s, this.all) ? 1 : 0;
    }
    // Earlier search results may have lost or gained these rows.
    this.found = [];
    this.matched = null;
    this.count();
    this.walk();
  }

  /**
   * Work done ahead while the page is idle: the search text of every row, then each column's
   * order. Runs until `more()` says stop; true once everything is ready.
   */
  warm(more: () => boolean): boolean {
    if (!this.slots.warm(more)) return false;
    for (const key of WARM_ORDER) if (!this.orderOf(key, false).build(more)) return false;
    return this.placeLastWord(more);
  }

  /**
   * While the page is idle after a search of a two-letter word: where that word first appears in
   * each row found, so that the third letter typed is looked for from there (at 100,000 rows, the
   * third letter of a common word otherwise reads 50,000 texts from their start).
   */
  private placeLastWord(more: () => boolean): boolean {
    const f = this.found[0];
    const last = f?.words.at(-1);
    if (!f || f.at || !last || last.length !== 2) return true;
    if (this.placing?.found !== f) this.placing = { found: f, at: new Int32Array(f.slots.length), next: 0 };
    const p = this.placing;
    while (p.next < f.slots.length) {
      const end = Math.min(f.slots.length, p.next + 256);
      for (let i = p.next; i < end; i++) p.at[i] = this.slots.haystack(f.slots[i]!).indexOf(last);
      p.next = end;
      if (!more()) return false;
    }
    f.at = p.at;
    this.placing = null;
    return true;
  }

  private orderOf(key: SortKey, now = true): ColumnOrder {
    let o = this.orders.get(key);
    if (!o) this.orders.set(key, (o = new ColumnOrder(key, this.slots)));
    if (now) o.build(() => true);
    return o;
  }

  private reserve(): void {
    const n = this.slots.size;
    if (n <= this.fields.length) return;
    const size = Math.max(n, this.fields.length * 2, 1024);
    const grow = (a: Uint8Array) => {
      const b = new Uint8Array(size);
      b.set(a);
      return b;
    };
    this.fields = grow(this.fields);
    this.match = grow(this.match);
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
      this.fields[s] = row && (all || matchesFields(row, f)) ? 1 : 0;
    }
    this.found = [];
  }

  private passes(slot: number, c: Check): boolean {
    if (!c.words.length) return true;
    if (c.maskDecides) return (this.slots.letterMask(slot) & c.mask) === c.mask;
    if (!this.prefilter(slot, c)) return false;
    const h = this.slots.haystack(slot);
    for (const w of c.words) if (!w.decided && !h.includes(w.word)) return false;
    return true;
  }

  /** The search words changed (or the field filters did): which slots match now. */
  private research(): void {
    const words = searchWords(this.filter.text);
    this.words = words;
    this.all = checkOf(words.map(prepareWord));
    const old = this.matched ?? this.list(this.match);
    for (const s of old) this.match[s] = 0;
    const same = this.found.find((f) => sameList(f.words, words));
    const found = same ?? this.narrowed(words);
    if (!same) {
      this.found.unshift(found);
      this.found.length = Math.min(this.found.length, REMEMBERED);
    }
    for (const s of found.slots) this.match[s] = 1;
    this.matched = found.slots;
    this.count();
  }

  /**
   * Rows matching these words, looked for among the rows of a query they extend (each of its words
   * inside one of these) when there is one: only the words it did not check are checked, and a last
   * word typed on from the previous one is looked for from where that one was found.
   */
  private narrowed(words: string[]): Found {
    let from: Found | null = null;
    for (const f of this.found) if (f.words.every((w) => words.some((x) => x.includes(w))) && (!from || f.slots.length < from.slots.length)) from = f;
    const out: number[] = [];
    const last = words.at(-1) ?? '';
    if (from?.at && from.words.length === words.length && from.words.every((w, i) => (i < words.length - 1 ? w === words[i] : last.startsWith(w)))) {
      const at: number[] = [];
      const { slots, at: was } = from;
      for (let i = 0; i < slots.length; i++) {
        const h = this.slots.haystack(slots[i]!);
        const p = was[i]!;
        const q = h.startsWith(last, p) ? p : h.indexOf(last, p + 1);
        if (q >= 0) out.push(slots[i]!), at.push(q);
      }
      return { words, slots: Int32Array.from(out), at: Int32Array.from(at) };
    }
    const checked: readonly string[] = from ? from.words : [];
    const unchecked = words.filter((w) => !checked.includes(w));
    // A last word of three letters or more is looked for with indexOf, its place kept for the next
    // letter typed (shorter words are decided by the letter bits, without reading the text).
    // The words research() prepared already (this.all), not prepared again.
    const prepared = new Map(this.all.words.map((w) => [w.word, w]));
    const locate = last.length >= 3 && unchecked.includes(last) ? checkOf([prepared.get(last)!]) : null;
    const c = checkOf(unchecked.filter((w) => !locate || w !== last).map((w) => prepared.get(w)!));
    const at: number[] = [];
    const take = (s: number) => {
      if (!this.passes(s, c)) return;
      if (!locate) return void out.push(s);
      if (!this.prefilter(s, locate)) return;
      const q = this.slots.haystack(s).indexOf(last);
      if (q >= 0) out.push(s), at.push(q);
    };
    if (from) for (const s of from.slots) take(s);
    else for (let s = 0, n = this.slots.size; s < n; s++) if (this.fields[s]) take(s);
    return { words, slots: Int32Array.from(out), ...(locate ? { at: Int32Array.from(at) } : {}) };
  }

  /** The letter and pair bits a row needs for these words (no text read). */
  private prefilter(slot: number, c: Check): boolean {
    if ((this.slots.letterMask(slot) & c.mask) !== c.mask) return false;
    for (const w of c.words) if (!this.slots.hasBigrams(slot, w)) return false;
    return true;
  }

  private list(mask: Uint8Array): Int32Array {
    const out: number[] = [];
    const n = this.slots.size;
    for (let s = 0; s < n; s++) if (mask[s]) out.push(s);
    return Int32Array.from(out);
  }

  private count(): void {
    this.matched ??= this.list(this.match);
    const byCode = new Array<number>(STATUSES.length).fill(0);
    const { status } = this.slots;
    for (const s of this.matched) byCode[status[s]!]++;
    this.counts = Object.fromEntries(STATUSES.map((s, i) => [s, byCode[i]])) as Record<Status, number>;
  }

  /** The rows shown, in order: one walk of the column's order through the masks. */
  private walk(): void {
    const { match, statusShown } = this;
    const { status, rows } = this.slots;
    if (this.shownAt.length < rows.length) this.shownAt = new Int32Array(this.match.length);
    const { shownAt } = this;
    const shown: Sighting[] = [];
    this.orderOf(this.order.key).walk(
      this.order.descending,
      (s) => match[s] === 1 && statusShown[status[s]!] === 1,
      (s) => (shownAt[s] = shown.push(rows[s]!) - 1),
    );
    this.shown = shown;
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
