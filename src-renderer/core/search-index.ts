// Every row's search text (query.ts searchText) indexed so that a keystroke reads few texts or none
// (issue #13: a keystroke within a frame at 100,000 sightings). Two steps per slot, each in idle
// slices (warmBits, warmTokens), the first also done at once before a search (catchUp):
// - bits: one set over the slots per letter (a–z, digits, the rest) and per pair of letters a–z
//   (676): a search word of one or two letters is one of these sets, no text read;
// - tokens: the runs between spaces. A search word holds no space, so a text holds it if and only if
//   one of its tokens does: the distinct tokens (token-dictionary.ts) holding the word are found, then
//   the slots listing them (postings) are set. Until a slot's tokens are listed, its text is kept and
//   read, only when its bits hold every letter and pair of the word.
// Kept up to date row by row (update).
import { resized, setBit } from './bitset';
import { searchText } from './query';
import type { RowSlots } from './row-slots';
import { BIGRAM_WORDS, textSignature } from './search';
import type { Sighting } from './sighting';
import { TokenDictionary } from './token-dictionary';

/** Up to this many rows taken out of a token at once, each is looked for in its postings; above, one filter pass. */
const FEW = 8;

export class SearchIndex {
  /** Words of 32 bits in every set (the view's capacity in slots). */
  private words = 0;
  private readonly letters: Uint32Array[] = Array.from({ length: 28 }, () => new Uint32Array(0));
  private readonly pairs: Uint32Array[] = Array.from({ length: 676 }, () => new Uint32Array(0));
  private readonly dictionary = new TokenDictionary();
  /**
   * Per token, the slots whose text holds it: a list (each slot once) while it is shorter than a set
   * of every slot, then that set (the common words of the posts: "de" is in every text, a set of
   * 100,000 slots is 12.5 KB where a list takes 400 KB, and is ORed in a few thousand steps). A
   * token in one text only (most links: 100,000 of the 101,000 tokens) keeps that slot as a number,
   * not a list of one (an array of ~100 bytes each).
   */
  private readonly lists: (number[] | number | undefined)[] = [];
  private readonly sets: (Uint32Array | undefined)[] = [];
  /** Per token: the last text that listed it (a text lists a token once). */
  private stamps = new Int32Array(1024);
  private pass = 0;
  /** The row each slot's entries were made from (undefined: none), to take them out when it changes. */
  private readonly indexedRows: (Sighting | undefined)[] = [];
  /** Search texts of the slots with bits but no tokens yet. */
  private readonly texts: (string | undefined)[] = [];
  /** Slots below these have their bits, their tokens (the warm-up's cursors; slots are added at the end). */
  private withBits = 0;
  private withTokens = 0;
  private readonly scratch = new Uint32Array(BIGRAM_WORDS);

  constructor(private readonly slots: RowSlots) {}

  /** Grows every set to this many words. */
  resize(words: number): void {
    if (words <= this.words) return;
    this.words = words;
    for (const sets of [this.letters, this.pairs, this.sets]) for (let i = 0; i < sets.length; i++) if (sets[i]) sets[i] = resized(sets[i]!, words);
  }

  /** Gives every slot its bits (a search needs them), until `more()` says stop; true once all have them. */
  warmBits(more: () => boolean): boolean {
    const n = this.slots.size;
    while (this.withBits < n) {
      const end = Math.min(n, this.withBits + 32);
      for (let s = this.withBits; s < end; s++) this.addBits(s);
      this.withBits = end;
      if (!more()) break;
    }
    return this.withBits >= n;
  }

  /** Lists every slot's tokens (after its bits), until `more()` says stop; true once all are. */
  warmTokens(more: () => boolean): boolean {
    const n = this.withBits;
    while (this.withTokens < n) {
      const end = Math.min(n, this.withTokens + 32);
      for (let s = this.withTokens; s < end; s++) this.addTokens(s);
      this.withTokens = end;
      if (!more()) break;
    }
    if (this.withTokens < this.slots.size) return false;
    // The dictionary joined now rather than on the first search of a longer word.
    this.dictionary.join();
    return true;
  }

  /** Every slot's bits now (before a search). */
  catchUp(): void {
    this.warmBits(() => true);
  }

  /** Slots still without their bits: what catchUp() would read and normalise (~15 µs each at 300 characters). */
  get missingBits(): number {
    return this.slots.size - this.withBits;
  }

  /** After the rows of these slots changed (RowSlots.set done): their entries follow. */
  update(changed: readonly number[]): void {
    const out: number[] = [];
    for (const s of new Set(changed)) {
      if (s >= this.withBits) continue; // the warm-up will reach it
      const was = this.indexedRows[s];
      const row = this.slots.rows[s];
      if (was === row) continue;
      // Most edits (status, priority, notes) leave the search text as it was.
      if (was && row && searchText(was) === searchText(row)) this.indexedRows[s] = row;
      else out.push(s);
    }
    if (!out.length) return;
    this.remove(out);
    for (const s of out) {
      this.addBits(s);
      if (s < this.withTokens) this.addTokens(s);
    }
  }

  /**
   * The slots whose text holds this word (normalised, no space). A set of the index itself (do not
   * change it) for one or two letters a–z, a new one otherwise. Call catchUp() first.
   */
  wordBits(word: string): Uint32Array {
    const c0 = word.charCodeAt(0) - 97;
    const c1 = word.charCodeAt(1) - 97;
    const az = (c: number) => c >= 0 && c < 26;
    if (word.length === 1 && az(c0)) return this.letters[c0]!;
    if (word.length === 2 && az(c0) && az(c1)) return this.pairs[c0 * 26 + c1]!;
    const bits = new Uint32Array(this.words);
    for (const t of this.dictionary.find(word)) {
      const set = this.sets[t];
      if (set) for (let i = 0; i < set.length; i++) bits[i]! |= set[i]!;
      else {
        const list = this.lists[t];
        if (typeof list === 'number') bits[list >>> 5]! |= 1 << (list & 31);
        else if (list) for (let i = 0; i < list.length; i++) {
          const s = list[i]!;
          bits[s >>> 5]! |= 1 << (s & 31);
        }
      }
    }
    // Slots whose tokens are not listed yet: their text, when their bits allow the word. The sets of
    // the word's letters and pairs are intersected word by word first (a few thousand steps at
    // 100,000 slots), so only the slots they leave are visited: right after opening no slot has its
    // tokens, and testing every slot against each set took tens of milliseconds per keystroke.
    if (this.withTokens < this.withBits) {
      const mask = textSignature(word, this.scratch.fill(0), 0);
      const need: Uint32Array[] = [];
      for (let l = 0; l < 28; l++) if (mask & (1 << l)) need.push(this.letters[l]!);
      for (let i = 0; i < BIGRAM_WORDS; i++) for (let b = 0; b < 32; b++) if (this.scratch[i]! & (1 << b)) need.push(this.pairs[i * 32 + b]!);
      const from = this.withTokens;
      const to = this.withBits;
      for (let w = from >>> 5; w < (to + 31) >>> 5; w++) {
        let x = -1;
        for (let k = 0; k < need.length && x; k++) x &= need[k]![w]!;
        for (; x; x &= x - 1) {
          const s = (w << 5) + 31 - Math.clz32(x & -x);
          if (s >= from && s < to && this.texts[s]?.includes(word)) bits[w]! |= 1 << (s & 31);
        }
      }
    }
    return bits;
  }

  private addBits(s: number): void {
    const row = this.slots.rows[s];
    this.indexedRows[s] = row;
    this.texts[s] = undefined;
    if (!row) return;
    const text = searchText(row);
    this.texts[s] = text;
    const { scratch } = this;
    const mask = textSignature(text, scratch.fill(0), 0);
    const w = s >>> 5;
    const bit = 1 << (s & 31);
    for (let l = 0; l < 28; l++) if (mask & (1 << l)) this.letters[l]![w]! |= bit;
    for (let i = 0; i < BIGRAM_WORDS; i++) {
      for (let x = scratch[i]!; x; x &= x - 1) this.pairs[i * 32 + 31 - Math.clz32(x & -x)]![w]! |= bit;
    }
  }

  private addTokens(s: number): void {
    const text = this.texts[s];
    this.texts[s] = undefined;
    if (!text) return;
    const pass = ++this.pass;
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf(' ', start);
      if (end < 0) end = text.length;
      if (end > start) {
        const t = this.dictionary.id(text.slice(start, end));
        if (t >= this.lists.length) {
          this.lists.push(undefined);
          this.sets.push(undefined);
          if (t >= this.stamps.length) {
            const grown = new Int32Array(this.stamps.length * 2);
            grown.set(this.stamps);
            this.stamps = grown;
          }
        }
        if (this.stamps[t] !== pass) {
          this.stamps[t] = pass;
          this.post(t, s);
        }
      }
      start = end + 1;
    }
  }

  private post(t: number, s: number): void {
    const set = this.sets[t];
    if (set) return setBit(set, s, true);
    const was = this.lists[t];
    if (was === undefined) {
      this.lists[t] = s;
      return;
    }
    const list = typeof was === 'number' ? (this.lists[t] = [was]) : was;
    list.push(s);
    if (list.length <= this.words) return;
    const made = new Uint32Array(this.words);
    for (const x of list) setBit(made, x, true);
    this.sets[t] = made;
    this.lists[t] = undefined;
  }

  /** Takes these slots' entries out (their indexed rows say which tokens list them). */
  private remove(out: readonly number[]): void {
    const touched = new Map<number, number[]>();
    for (const s of out) {
      for (const sets of [this.letters, this.pairs]) for (const bits of sets) setBit(bits, s, false);
      const was = this.indexedRows[s];
      this.indexedRows[s] = undefined;
      this.texts[s] = undefined;
      if (!was || s >= this.withTokens) continue;
      for (const token of new Set(searchText(was).split(' '))) {
        const t = this.dictionary.known(token);
        if (t === undefined) continue;
        const list = touched.get(t);
        if (list) list.push(s);
        else touched.set(t, [s]);
      }
    }
    for (const [t, gone] of touched) {
      const set = this.sets[t];
      if (set) {
        for (const s of gone) setBit(set, s, false);
        continue;
      }
      const list = this.lists[t];
      if (typeof list === 'number') {
        if (gone.includes(list)) this.lists[t] = undefined;
        continue;
      }
      if (!list) continue;
      if (gone.length <= FEW) {
        for (const s of gone) {
          const at = list.lastIndexOf(s);
          if (at < 0) continue;
          list[at] = list[list.length - 1]!;
          list.pop();
        }
      } else {
        const drop = new Set(gone);
        let k = 0;
        for (let i = 0; i < list.length; i++) if (!drop.has(list[i]!)) list[k++] = list[i]!;
        list.length = k;
      }
    }
  }
}
