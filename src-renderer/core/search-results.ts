// The table's searches: which slots hold every word of a query, as a set of slots (bitset.ts), from
// the search index (search-index.ts). Recent results are remembered, so that Backspace finds the
// shorter query's result at once and a query typed on starts from the one it extends; an edit
// corrects them row by row instead of forgetting them.
import { count, hasBit, intersect, resized, setBit } from './bitset';
import { searchText } from './query';
import type { RowSlots } from './row-slots';
import type { SearchIndex } from './search-index';

/** Results of recent searches kept. */
const REMEMBERED = 32;
/** Up to this many rows changed at once, the remembered results are corrected row by row; above, forgotten. */
const PATCH_MAX = 256;

export interface SearchResult {
  readonly words: readonly string[];
  /** Slots whose search text holds every word (whatever the other filters). */
  bits: Uint32Array;
  /** How many. */
  size: number;
}

export class SearchResults {
  private found: SearchResult[] = [];
  /** Words of 32 bits in every result. */
  private words = 0;

  constructor(
    private readonly slots: RowSlots,
    private readonly index: SearchIndex,
  ) {}

  resize(words: number): void {
    this.words = words;
    for (const f of this.found) f.bits = resized(f.bits, words);
  }

  /** A remembered result of these words (kept right row by row: no need of the index's bits). */
  remembered(words: readonly string[]): SearchResult | undefined {
    return this.found.find((x) => sameList(x.words, words));
  }

  /** The slots holding every word (normalised, at least one): remembered, or searched now. */
  of(words: readonly string[]): SearchResult {
    this.index.catchUp();
    let f = this.found.find((x) => sameList(x.words, words));
    if (!f) {
      f = this.search(words);
      this.found.unshift(f);
      this.found.length = Math.min(this.found.length, REMEMBERED);
    }
    return f;
  }

  /**
   * After these rows changed (the index updated): each remembered result says again whether it holds
   * them. False when too many changed for that: everything is forgotten, results must be asked again.
   */
  patch(changed: readonly number[]): boolean {
    if (changed.length > PATCH_MAX) {
      this.found = [];
      return false;
    }
    if (!this.found.length) return true;
    for (const s of changed) {
      const row = this.slots.rows[s];
      const h = row ? searchText(row) : null;
      for (const f of this.found) {
        const on = h !== null && f.words.every((w) => h.includes(w));
        if (on === hasBit(f.bits, s)) continue;
        setBit(f.bits, s, on);
        f.size += on ? 1 : -1;
      }
    }
    return true;
  }

  /**
   * From the smallest remembered result of a query these words extend (each of its words inside one
   * of these), intersected with the index's sets of the words it lacks.
   */
  private search(words: readonly string[]): SearchResult {
    let from: SearchResult | null = null;
    for (const f of this.found) if (f.words.every((w) => words.some((x) => x.includes(w))) && (!from || f.size < from.size)) from = f;
    let bits: Uint32Array | null = from ? from.bits.slice() : null;
    for (const w of new Set(words)) {
      if (from?.words.includes(w)) continue;
      const ws = this.index.wordBits(w);
      bits = bits ? intersect(bits, bits, ws) : ws.slice();
    }
    bits ??= new Uint32Array(this.words);
    return { words, bits, size: count(bits) };
  }
}

export const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v, i) => v === b[i]);
