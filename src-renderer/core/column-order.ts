// One column's order over every row: the slots (row-slots.ts) sorted by the column's key, ascending,
// ties newest first then by id (query.ts sortSightings). Built once, in slices that the page runs
// when idle, then kept sorted change by change; sorting the table by this column is then a walk of
// this list through the filter's mask, linear and without a single comparison.
import { roomFor } from './capacity';
import { sortKey, type SortKey } from './query';
import type { RowSlots } from './row-slots';

/** Rows sorted at once before merging (a slice of work). */
const RUN = 1024;

/**
 * Characters of a text key kept once the order is built. A whole key is up to 200 characters (and
 * often a concatenation): kept for every row of two text columns it was ~25 MB of a 100,000-row
 * crisis. A prefix orders two rows unless both are this long and equal; then the whole keys are
 * worked out again from the rows, a few per edit. Below 13 characters V8 copies a slice instead
 * of pointing into the whole key, so the whole key is really let go.
 */
const PREFIX = 12;

/** Columns whose keys are numbers (query.ts sortKey). */
const NUMBER_KEYS = new Set<SortKey>(['createdAt', 'updatedAt', 'postedAt', 'priority', 'status']);

/** One sorted list of slots and the comparison it is sorted by. */
interface Sorted {
  perm: Int32Array;
  cmp: (a: number, b: number) => number;
}

export class ColumnOrder {
  /**
   * Each slot's key, compared with plain `<`: text (cut to PREFIX once built), or numbers (times,
   * ranks) unboxed in a Float64Array, NaN for none (in a plain array V8 boxed each time: 3.6 MB of
   * the three time columns at 100,000 rows).
   */
  private keys: (string | number | undefined)[] | Float64Array;
  /** Whole text keys worked out again while placing or taking rows (one call of take or place). */
  private readonly whole = new Map<number, string | number>();
  private cut = false;
  private readonly asc: Sorted;
  private readonly desc: Sorted;
  size = 0;
  private building: Generator<void> | null = null;
  /** Slots changed while the order was being built: placed once it is. */
  private readonly late = new Set<number>();
  ready = false;

  constructor(
    readonly key: SortKey,
    private readonly slots: RowSlots,
  ) {
    this.keys = NUMBER_KEYS.has(key) ? new Float64Array(0) : [];
    const ties = (a: number, b: number) => slots.createdAt[b]! - slots.createdAt[a]! || (slots.ids[a]! < slots.ids[b]! ? -1 : slots.ids[a]! > slots.ids[b]! ? 1 : 0);
    // Two equal prefixes of PREFIX characters: the whole keys decide (the row is the one the key was
    // placed with: take runs before a row changes, place after).
    const rest = (a: number, b: number, k: string | number) => {
      if (!this.cut || typeof k !== 'string' || k.length < PREFIX) return 0;
      const x = this.wholeKey(a);
      const y = this.wholeKey(b);
      return x < y ? -1 : x > y ? 1 : 0;
    };
    // Descending reverses the keys, not the ties (still newest first, then id), as sortSightings does.
    this.asc = {
      perm: new Int32Array(0),
      cmp: (a, b) => {
        const { keys } = this;
        return keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : rest(a, b, keys[a]!) || ties(a, b);
      },
    };
    this.desc = {
      perm: new Int32Array(0),
      cmp: (a, b) => {
        const { keys } = this;
        return keys[a]! > keys[b]! ? -1 : keys[a]! < keys[b]! ? 1 : -rest(a, b, keys[a]!) || ties(a, b);
      },
    };
  }

  private hasKey(s: number): boolean {
    const { keys } = this;
    return keys instanceof Float64Array ? s < keys.length && !Number.isNaN(keys[s]) : keys[s] !== undefined;
  }

  private setKey(s: number, k: string | number): void {
    let { keys } = this;
    if (keys instanceof Float64Array && s >= keys.length) {
      const grown = new Float64Array(roomFor(s + 1, 0)).fill(NaN);
      grown.set(keys);
      this.keys = keys = grown;
    }
    keys[s] = k as number;
  }

  private wholeKey(s: number): string | number {
    let k = this.whole.get(s);
    if (k === undefined) this.whole.set(s, (k = sortKey(this.slots.rows[s]!, this.key)));
    return k;
  }

  /** The key kept for a row: whole while the order is built, then cut (prefixes shared). */
  private keep(k: string | number, shared?: Map<string, string>): string | number {
    if (!this.cut || typeof k !== 'string') return k;
    const short = k.length > PREFIX ? k.slice(0, PREFIX) : k;
    if (!shared) return short;
    const known = shared.get(short);
    if (known !== undefined) return known;
    shared.set(short, short);
    return short;
  }

  /** Works on building the order until `more()` says stop; true once it is ready. */
  build(more: () => boolean): boolean {
    if (this.ready) return true;
    this.building ??= this.steps();
    while (!this.building.next().done) if (!more()) return false;
    this.building = null;
    this.ready = true;
    const late = [...this.late];
    this.late.clear();
    this.take(late.filter((s) => this.hasKey(s) && position(this.asc, this.size, s) >= 0));
    this.place(late);
    // Cut in one go: a category or a commune repeats its key over thousands of rows, one string each.
    this.cut = true;
    const shared = new Map<string, string>();
    const { keys } = this;
    if (!(keys instanceof Float64Array)) keys.forEach((k, s) => k !== undefined && (keys[s] = this.keep(k, shared)));
    return true;
  }

  private *steps(): Generator<void> {
    const { slots } = this;
    // Room for every row at once (growing it row by row would leave up to half of it unused).
    if (this.keys instanceof Float64Array && slots.size) this.setKey(slots.size - 1, NaN);
    const live: number[] = [];
    for (let s = 0; s < slots.size; s++) {
      const row = slots.rows[s];
      if (!row) continue;
      this.setKey(s, sortKey(row, this.key));
      live.push(s);
      // A key can take a normalisation of 200 characters: a few dozen per slice.
      if (live.length % 64 === 0) yield;
    }
    this.asc.perm = yield* sortSliced(Int32Array.from(live), this.asc.cmp);
    // Descending is ascending read backwards by key, each run of equal keys kept in its tie order:
    // one linear pass instead of a second sort (half of an order's cost at 100,000 rows).
    this.desc.perm = yield* descendingOf(this.asc.perm, this.keys);
    this.size = live.length;
  }

  /**
   * Before the rows of these slots change: takes them out of the order. Call `place` with the same
   * slots once the rows are updated.
   */
  take(changed: readonly number[]): void {
    if (!this.ready) {
      for (const s of changed) this.late.add(s);
      return;
    }
    const placed = changed.filter((s) => this.hasKey(s)); // the others were never placed
    let size = this.size;
    for (const sorted of [this.asc, this.desc]) size = removeAll(sorted, this.size, placed);
    this.size = size;
    this.whole.clear();
    // Out of the order until placed again: a slot whose row is gone has no whole key to work out.
    for (const s of placed) this.keys[s] = this.keys instanceof Float64Array ? NaN : undefined;
  }

  /** After the rows changed: puts back those that exist, at their new place. */
  place(changed: readonly number[]): void {
    if (!this.ready) return;
    const { rows } = this.slots;
    const incoming = [...new Set(changed)].filter((s) => rows[s]);
    for (const s of incoming) this.setKey(s, this.keep(sortKey(rows[s]!, this.key)));
    for (const sorted of [this.asc, this.desc]) insertAll(sorted, this.size, Int32Array.from(incoming).sort(sorted.cmp));
    this.size += incoming.length;
    this.whole.clear();
  }

  /** The slots in this order (a view of the order itself: read it, do not keep it across changes). */
  sorted(descending: boolean): Int32Array {
    return (descending ? this.desc : this.asc).perm.subarray(0, this.size);
  }
}

/**
 * `asc` with its runs of equal keys in reverse order, each run as it was; yields every RUN rows (one
 * pass over 100,000 string keys is ~100 ms: a wheel notch waited for it in the map bench).
 */
function* descendingOf(asc: Int32Array, keys: ArrayLike<string | number | undefined>): Generator<void, Int32Array> {
  // Equal as the comparators see it (neither before the other), NaN included.
  const same = (a: string | number, b: string | number) => !(a < b) && !(a > b);
  const out = new Int32Array(asc.length);
  let k = 0;
  let sinceYield = 0;
  for (let end = asc.length; end > 0; ) {
    const key = keys[asc[end - 1]!];
    let start = end - 1;
    while (start > 0 && same(keys[asc[start - 1]!]!, key!)) start--;
    out.set(asc.subarray(start, end), k);
    k += end - start;
    sinceYield += end - start;
    end = start;
    if (sinceYield >= RUN) {
      sinceYield = 0;
      yield;
    }
  }
  return out;
}

/** A merge sort that yields between slices of work (a run sorted, part of a merge). */
function* sortSliced(input: Int32Array, cmp: (x: number, y: number) => number): Generator<void, Int32Array> {
  let a: Int32Array = input;
  const n = a.length;
  for (let lo = 0; lo < n; lo += RUN) {
    a.subarray(lo, Math.min(n, lo + RUN)).sort(cmp);
    yield;
  }
  let b: Int32Array = new Int32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        b[k++] = cmp(a[i]!, a[j]!) <= 0 ? a[i++]! : a[j++]!;
        if ((k & (RUN - 1)) === 0) yield;
      }
      while (i < mid) b[k++] = a[i++]!;
      while (j < hi) b[k++] = a[j++]!;
    }
    [a, b] = [b, a];
  }
  return a;
}

/**
 * Inserts `incoming` (sorted the same way, none already there) into the first `size` slots of the
 * list, in place from the end: one binary search per row and each stretch of the list moved once
 * by a block copy. A sync brings rows in batches of a few hundred into a list of 100,000: moving
 * the list once per row (or comparing every row of it per batch) made a newcomer's intake spend
 * half a minute keeping orders sorted.
 */
function insertAll(sorted: Sorted, size: number, incoming: Int32Array): void {
  if (!incoming.length) return;
  const perm = (sorted.perm = reserve(sorted.perm, size + incoming.length));
  let end = size; // perm[0, end) holds what is not yet moved
  for (let j = incoming.length - 1; j >= 0; j--) {
    const at = lowerBound(perm, end, incoming[j]!, sorted.cmp);
    perm.copyWithin(at + j + 1, at, end);
    perm[at + j] = incoming[j]!;
    end = at;
  }
}

/** Removes these slots (each placed with its current key) from the first `size`; returns the new size. */
function removeAll(sorted: Sorted, size: number, slots: readonly number[]): number {
  const at = Int32Array.from(new Set(slots.map((s) => position(sorted, size, s)))).filter((i) => i >= 0);
  if (!at.length) return size;
  at.sort();
  const { perm } = sorted;
  let write = at[0]!;
  for (let k = 0; k < at.length; k++) {
    const from = at[k]! + 1;
    const to = k + 1 < at.length ? at[k + 1]! : size;
    perm.copyWithin(write, from, to);
    write += to - from;
  }
  return write;
}

function reserve(perm: Int32Array, n: number): Int32Array {
  if (n <= perm.length) return perm;
  const grown = new Int32Array(roomFor(n, 0));
  grown.set(perm);
  return grown;
}

/** Index of the slot in the list, -1 if absent (its key must be the one it was placed with). */
function position({ perm, cmp }: Sorted, size: number, slot: number): number {
  const at = lowerBound(perm, size, slot, cmp);
  return at < size && perm[at] === slot ? at : -1;
}

function lowerBound(perm: Int32Array, size: number, slot: number, cmp: (a: number, b: number) => number): number {
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(perm[mid]!, slot) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
