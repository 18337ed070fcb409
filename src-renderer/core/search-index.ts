// Every row's search text (query.ts searchText) indexed so that a keystroke reads few texts or none
// (issue #13: a keystroke within a frame at 100,000 sightings).
// - Letters and pairs of letters: one bitset over the slots per letter (a–z, digits, the rest) and per
//   pair of letters a–z (676): a search word of one or two letters is one of these sets, no text read.
// - Longer words go through the texts' tokens, the runs between spaces: a search word holds no space,
//   so a text holds it if and only if one of its tokens does. The distinct tokens (far fewer
//   characters than the texts: the posts repeat their words) are searched, then the slots listing a
//   matching token are set from its postings. A word typed on from an earlier one (the next letter,
//   "st" become "saint") searches only the tokens that one matched.
// Built in idle slices (warm), kept up to date row by row (update).
import { resized, setBit } from './bitset';
import { searchText } from './query';
import type { RowSlots } from './row-slots';
import { BIGRAM_WORDS, textSignature } from './search';
import type { Sighting } from './sighting';

/** Recent words whose matching tokens are kept, for the words typed on from them. */
const TOKEN_CACHE = 64;
/** Up to this many rows taken out at once, each is looked for in its tokens' postings; above, one filter pass per token. */
const FEW = 8;

export class SearchIndex {
  /** Words of 32 bits in every set (the view's capacity in slots, rounded up). */
  private words = 0;
  private readonly letters: Uint32Array[] = Array.from({ length: 28 }, () => new Uint32Array(0));
  private readonly pairs: Uint32Array[] = Array.from({ length: 676 }, () => new Uint32Array(0));
  private readonly tokenIds = new Map<string, number>();
  private readonly tokens: string[] = [];
  /** Per token: its letters (search.ts textSignature's first bits), to skip most tokens without reading them. */
  private tokenMasks = new Uint32Array(1024);
  /** Per token: the slots whose text holds it (each once). */
  private readonly postings: number[][] = [];
  /** Per token: the last add() that listed it (a text lists a token once). */
  private stamps = new Int32Array(1024);
  private pass = 0;
  /** The row each indexed slot's entries were made from (undefined: none), to take them out when it changes. */
  private readonly indexedRows: (Sighting | undefined)[] = [];
  /** Slots below this one are indexed (the idle warm-up's cursor; slots are added at the end). */
  indexed = 0;
  private readonly scratch = new Uint32Array(BIGRAM_WORDS);
  private readonly tokenCache = new Map<string, { ids: Int32Array; upTo: number }>();

  constructor(private readonly slots: RowSlots) {}

  /** Grows every set to this many words. */
  resize(words: number): void {
    if (words <= this.words) return;
    this.words = words;
    for (const sets of [this.letters, this.pairs]) for (let i = 0; i < sets.length; i++) sets[i] = resized(sets[i]!, words);
  }

  /** Indexes the slots not indexed yet, until `more()` says stop; true once all are. */
  warm(more: () => boolean): boolean {
    const n = this.slots.size;
    while (this.indexed < n) {
      const end = Math.min(n, this.indexed + 32);
      for (let s = this.indexed; s < end; s++) this.add(s);
      this.indexed = end;
      if (!more()) break;
    }
    return this.indexed >= n;
  }

  /** Everything indexed now (before a search). */
  catchUp(): void {
    this.warm(() => true);
  }

  /** After the rows of these slots changed (RowSlots.set done): their entries follow. */
  update(changed: readonly number[]): void {
    const out: number[] = [];
    for (const s of changed) {
      if (s >= this.indexed) continue; // the warm-up will reach it
      const was = this.indexedRows[s];
      const row = this.slots.rows[s];
      if (was === row) continue;
      // Most edits (status, priority, notes) leave the search text as it was.
      if (was && row && searchText(was) === searchText(row)) this.indexedRows[s] = row;
      else out.push(s);
    }
    if (!out.length) return;
    this.remove(out);
    for (const s of out) this.add(s);
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
    for (const t of this.tokensOf(word)) {
      const list = this.postings[t]!;
      for (let i = 0; i < list.length; i++) {
        const s = list[i]!;
        bits[s >>> 5]! |= 1 << (s & 31);
      }
    }
    return bits;
  }

  /** The tokens holding this word: among those of a cached word it holds (and the tokens added since), or all. */
  private tokensOf(word: string): Int32Array {
    const hit = this.tokenCache.get(word);
    if (hit && hit.upTo === this.tokens.length) return hit.ids;
    let from: { ids: Int32Array; upTo: number } | undefined = hit;
    if (!from) for (const [w, c] of this.tokenCache) if (word.includes(w) && (!from || c.ids.length < from.ids.length)) from = c;
    const mask = textSignature(word, this.scratch.fill(0), 0);
    const { tokens, tokenMasks } = this;
    const out: number[] = [];
    const test = (t: number) => {
      if ((tokenMasks[t]! & mask) === mask && tokens[t]!.includes(word)) out.push(t);
    };
    if (from) for (const t of from.ids) test(t);
    for (let t = from ? from.upTo : 0; t < tokens.length; t++) test(t);
    const ids = Int32Array.from(out);
    this.tokenCache.delete(word);
    this.tokenCache.set(word, { ids, upTo: tokens.length });
    if (this.tokenCache.size > TOKEN_CACHE) this.tokenCache.delete(this.tokenCache.keys().next().value!);
    return ids;
  }

  private add(s: number): void {
    const row = this.slots.rows[s];
    this.indexedRows[s] = row;
    if (!row) return;
    const text = searchText(row);
    const { scratch } = this;
    scratch.fill(0);
    const mask = textSignature(text, scratch, 0);
    const w = s >>> 5;
    const bit = 1 << (s & 31);
    for (let l = 0; l < 28; l++) if (mask & (1 << l)) this.letters[l]![w]! |= bit;
    for (let i = 0; i < BIGRAM_WORDS; i++) {
      let x = scratch[i]!;
      while (x) {
        const low = 31 - Math.clz32(x & -x);
        this.pairs[i * 32 + low]![w]! |= bit;
        x &= x - 1;
      }
    }
    const pass = ++this.pass;
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf(' ', start);
      if (end < 0) end = text.length;
      if (end > start) {
        const t = this.tokenId(text.slice(start, end));
        if (this.stamps[t] !== pass) {
          this.stamps[t] = pass;
          this.postings[t]!.push(s);
        }
      }
      start = end + 1;
    }
  }

  private tokenId(token: string): number {
    let t = this.tokenIds.get(token);
    if (t !== undefined) return t;
    t = this.tokens.length;
    this.tokenIds.set(token, t);
    this.tokens.push(token);
    this.postings.push([]);
    if (t >= this.tokenMasks.length) {
      this.tokenMasks = grow(this.tokenMasks);
      this.stamps = grow(this.stamps);
    }
    this.tokenMasks[t] = textSignature(token, this.scratch.fill(0), 0);
    return t;
  }

  /** Takes these slots' entries out (their indexed rows say which tokens list them). */
  private remove(out: readonly number[]): void {
    const touched = new Map<number, number[]>();
    for (const s of out) {
      for (const sets of [this.letters, this.pairs]) for (const bits of sets) setBit(bits, s, false);
      const was = this.indexedRows[s];
      this.indexedRows[s] = undefined;
      if (!was) continue;
      for (const token of new Set(searchText(was).split(' '))) {
        const t = this.tokenIds.get(token);
        if (t === undefined) continue;
        const list = touched.get(t);
        if (list) list.push(s);
        else touched.set(t, [s]);
      }
    }
    for (const [t, gone] of touched) {
      const list = this.postings[t]!;
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

function grow<T extends Uint32Array | Int32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
