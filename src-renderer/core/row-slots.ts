// Every sighting the table knows, by slot: a small integer given once per id, so that filters,
// counts and column orders work on flat arrays (masks, permutations) instead of maps and objects.
// At 100,000 rows a pass over a Uint8Array costs a fraction of a millisecond; over a Map, tens.
import { searchText } from './query';
import { BIGRAM_WORDS, hasBigrams, textSignature, type PreparedWord } from './search';
import type { Sighting } from './sighting';
import { STATUSES, type Status } from './taxonomy';

export const STATUS_CODE = Object.fromEntries(STATUSES.map((s, i) => [s, i])) as Record<Status, number>;

export class RowSlots {
  private readonly slotOf = new Map<string, number>();
  /** The row as last seen (undefined: gone from the source). Rows are immutable: a change is a new object. */
  readonly rows: (Sighting | undefined)[] = [];
  readonly ids: string[] = [];
  /** Tie-breakers of every order (newest first, then id): fixed per slot. */
  readonly createdAt: number[] = [];
  status = new Uint8Array(1024);
  /** Normalised search text (query.ts searchText), built on first use or ahead in idle time. */
  private readonly hay: (string | undefined)[] = [];
  /** Per slot, the letters its search text holds, and its pairs of letters (search.ts textSignature), built with it. */
  private letters = new Uint32Array(1024);
  private bigrams = new Uint32Array(1024 * BIGRAM_WORDS);
  /** How many slots have their search text built, in slot order (the idle warm-up's cursor). */
  warmed = 0;

  get size(): number {
    return this.rows.length;
  }

  slot(id: string): number | undefined {
    return this.slotOf.get(id);
  }

  /**
   * The slot of this id, a new one at the end if it is new, or if it comes back (after it was gone)
   * with another creation time: a slot's tie-breakers never change under an order being built.
   */
  slotFor(id: string, createdAt: number): number {
    let slot = this.slotOf.get(id);
    if (slot !== undefined && (this.rows[slot] || this.createdAt[slot] === createdAt)) return slot;
    slot = this.rows.length;
    this.slotOf.set(id, slot);
    this.rows.push(undefined);
    this.ids.push(id);
    this.createdAt.push(createdAt);
    this.hay.push(undefined);
    if (slot >= this.status.length) {
      const grown = new Uint8Array(this.status.length * 2);
      grown.set(this.status);
      this.status = grown;
      const letters = new Uint32Array(grown.length);
      letters.set(this.letters);
      this.letters = letters;
      const bigrams = new Uint32Array(grown.length * BIGRAM_WORDS);
      bigrams.set(this.bigrams);
      this.bigrams = bigrams;
    }
    return slot;
  }

  set(slot: number, row: Sighting | undefined): void {
    this.rows[slot] = row;
    this.hay[slot] = undefined;
    if (row) this.status[slot] = STATUS_CODE[row.status];
  }

  haystack(slot: number): string {
    let h = this.hay[slot];
    if (h === undefined) {
      const row = this.rows[slot];
      h = this.hay[slot] = row ? searchText(row) : '';
      this.bigrams.fill(0, slot * BIGRAM_WORDS, (slot + 1) * BIGRAM_WORDS);
      this.letters[slot] = textSignature(h, this.bigrams, slot * BIGRAM_WORDS);
    }
    return h;
  }

  /** The letters of this slot's search text (built with it). */
  /** Whether this slot's search text has every pair of letters of the word (built with it). */
  hasBigrams(slot: number, w: PreparedWord): boolean {
    if (this.hay[slot] === undefined) this.haystack(slot);
    return hasBigrams(this.bigrams, slot * BIGRAM_WORDS, w);
  }

  letterMask(slot: number): number {
    if (this.hay[slot] === undefined) this.haystack(slot);
    return this.letters[slot]!;
  }

  /** Builds search texts ahead, until `more()` says stop; true once all are built. */
  warm(more: () => boolean): boolean {
    while (this.warmed < this.rows.length) {
      const end = Math.min(this.rows.length, this.warmed + 32);
      for (let s = this.warmed; s < end; s++) this.haystack(s);
      this.warmed = end;
      if (!more()) break;
    }
    return this.warmed >= this.rows.length;
  }
}
