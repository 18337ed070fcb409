// Near-identical posts: a repost ("RT @moissac_info: …"), a quote with a word added, the same text
// with other accents or hashtags. Texts are compared by their sets of character trigrams once
// normalised; an index cannot hold 100,000 such sets, so each text is summarised by a MinHash
// signature (SIG_SIZE minimums of hashed trigrams), whose agreement estimates the sets' Jaccard
// similarity, and the exact similarity is computed only for the few candidates worth showing.

/** Hashes per signature; LSH bands of BAND_ROWS (see duplicates.ts). */
export const SIG_SIZE = 30;
export const BAND_ROWS = 3;
export const BANDS = SIG_SIZE / BAND_ROWS;
/** Below this many trigrams (about 25 letters) a text says too little to call two posts the same. */
export const MIN_SHINGLES = 24;

/** Accented letters folded as core/search.ts does (é → e, œ → oe), by code point, both cases. */
const FOLD = new Map<number, string>();
for (const [plain, accented] of Object.entries({
  a: 'àâäáãåā', c: 'çćč', e: 'éèêëēėę', i: 'îïíìī', o: 'ôöóòõøō', u: 'ùûüúū', y: 'ÿý', n: 'ñń', oe: 'œ', ae: 'æ', ss: 'ß', s: 'šś', z: 'žź', l: 'ł',
}))
  for (const ch of accented) {
    FOLD.set(ch.charCodeAt(0), plain);
    FOLD.set(ch.toUpperCase().charCodeAt(0), plain);
  }

/** What is taken out of a post before its words are compared: "RT @compte", links, @mentions. */
function withoutNoise(text: string): string {
  // Each pattern needs an "@" or a "://": most posts have neither, and skip the scans.
  const at = text.includes('@');
  let t = at ? text.replace(/\b(?:rt|via|repost)\s*(?=@)/gi, ' ') : text;
  if (t.includes('://')) t = t.replace(/https?:\/\/\S+/gi, ' ');
  return at ? t.replace(/(^|[\s(])@[\w.]+/g, ' ') : t;
}

/**
 * Calls `put` with the character codes of the post's comparable words (see comparableText): letters
 * and digits lowercased, accents folded, one space between words, none at either end.
 */
function forEachComparableCode(text: string, put: (code: number) => void): void {
  const t = withoutNoise(text);
  let space = false; // a space is owed before the next letter (never at the start or the end)
  let started = false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    let code = -1;
    let piece: string | undefined;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) code = c;
    else if (c >= 65 && c <= 90) code = c + 32;
    else if (c > 127) piece = FOLD.get(c);
    if (code < 0 && piece === undefined) {
      space = started;
      continue;
    }
    if (space) put(32);
    space = false;
    started = true;
    if (code >= 0) put(code);
    else for (let k = 0; k < piece!.length; k++) put(piece!.charCodeAt(k));
  }
}

/**
 * The words that make a post, whatever way it was passed on: no "RT @compte :" in front, no links,
 * no @mentions, hashtags as words, no emoji or punctuation, accents and case folded.
 */
export function comparableText(text: string): string {
  const codes: number[] = [];
  forEachComparableCode(text, (c) => codes.push(c));
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}

/** murmur3's finaliser: spreads a 32-bit value over all bits. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The text's character trigrams, hashed to 32 bits, sorted, without repeats. */
export function shingles(comparable: string): Uint32Array {
  const n = comparable.length - 2;
  if (n <= 0) return new Uint32Array(0);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = trigram(comparable.charCodeAt(i), comparable.charCodeAt(i + 1), comparable.charCodeAt(i + 2));
  return sortedUnique(out, n);
}

/**
 * shingles(comparableText(text)) in one pass over the post's characters, without building the
 * comparable string: it runs for every sighting when the index is built (100,000 at an open).
 */
export function textShingles(text: string): Uint32Array {
  // A folded letter may give two (œ → oe): at most two trigrams per character.
  if (scratch.length < 2 * text.length) scratch = new Uint32Array(2 * text.length);
  const out = scratch;
  let n = 0;
  forEachTrigram(text, (t) => (out[n++] = t));
  return n > 0 ? sortedUnique(out, n) : new Uint32Array(0);
}
let scratch = new Uint32Array(1024);

/** Calls `put` with each trigram of the post's comparable text, hashed, in order (repeats included). */
function forEachTrigram(text: string, put: (trigram: number) => void): void {
  let seen = 0;
  let a = 0;
  let b = 0;
  forEachComparableCode(text, (c) => {
    if (seen++ >= 2) put(trigram(a, b, c));
    a = b;
    b = c;
  });
}

function trigram(a: number, b: number, c: number): number {
  return mix((a << 16) ^ (b << 8) ^ c);
}

/** A copy of the first n values of `values`, sorted, without repeats (sorts `values` in place). */
function sortedUnique(values: Uint32Array, n: number): Uint32Array {
  const head = values.subarray(0, n).sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || head[i] !== head[i - 1]) head[k++] = head[i]!;
  return head.slice(0, k);
}

/** One seed per hash function of the signature (fixed: signatures are compared across sessions). */
const SEEDS = Uint32Array.from({ length: SIG_SIZE }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x632be5ab)));

/**
 * Writes the MinHash signature of the first `length` values of `set` into `into` at `at` (a set: no
 * value twice; in any order). The trigrams are already well-mixed hashes, so each of the SIG_SIZE
 * functions is a cheap xor-multiply-shift of them. One function at a time over the whole set keeps
 * its minimum in a register; minimums are compared as signed integers with the top bit flipped (the
 * same order as unsigned), and written unsigned.
 */
export function minhash(set: Uint32Array, into: Uint32Array, at = 0, length = set.length): void {
  for (let j = 0; j < SIG_SIZE; j++) {
    const seed = SEEDS_SIGNED[j]!;
    let min = 0x7fffffff;
    for (let i = 0; i < length; i++) {
      let h = Math.imul(set[i]! ^ seed, 0x85ebca6b);
      h = h ^ (h >>> 13) ^ 0x80000000;
      if (h < min) min = h;
    }
    into[at + j] = (min ^ 0x80000000) >>> 0;
  }
}
const SEEDS_SIGNED = Int32Array.from(SEEDS);

/**
 * The post's distinct trigrams (as textShingles gives them, but in no order) in `uniqueTrigrams.values`;
 * returns how many. What the index needs of each sighting at an open: no sort, no copy.
 */
export function uniqueTrigrams(text: string): number {
  if (unique.length < 2 * text.length) unique = new Uint32Array(2 * text.length);
  // An open-addressing set of positions in `unique` (+1; 0: empty), at most a quarter full.
  const size = 1 << (32 - Math.clz32(Math.max(64, 8 * text.length) - 1));
  if (table.length !== size) table = new Int32Array(size);
  else table.fill(0);
  const mask = size - 1;
  const values = unique;
  let n = 0;
  forEachTrigram(text, (t) => {
    for (let slot = t & mask; ; slot = (slot + 1) & mask) {
      const at = table[slot]!;
      if (at === 0) {
        table[slot] = n + 1;
        values[n++] = t;
        return;
      }
      if (values[at - 1] === t) return;
    }
  });
  uniqueTrigrams.values = values;
  return n;
}
uniqueTrigrams.values = new Uint32Array(0);
let unique = new Uint32Array(1024);
let table = new Int32Array(0);

/** Share of the signature positions where two texts agree: an estimate of their Jaccard similarity. */
export function signatureAgreement(sigs: Uint32Array, a: number, probe: Uint32Array): number {
  let same = 0;
  for (let j = 0; j < SIG_SIZE; j++) if (sigs[a + j] === probe[j]) same++;
  return same / SIG_SIZE;
}

/**
 * How much of two posts is the same text, from their trigram sets: the Jaccard similarity, or, when
 * the shorter is long enough to stand on its own and not much shorter, how much of it the other
 * contains (a quote adds a few words to a repost: "Impressionnant. RT @x: …").
 */
export function textSimilarity(a: Uint32Array, b: Uint32Array): number {
  if (a.length < MIN_SHINGLES || b.length < MIN_SHINGLES) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const jaccard = common / (a.length + b.length - common);
  const small = Math.min(a.length, b.length);
  const large = Math.max(a.length, b.length);
  const contained = small >= 2 * MIN_SHINGLES && small / large >= 0.5 ? (common / small) * 0.95 : 0;
  return Math.max(jaccard, contained);
}
