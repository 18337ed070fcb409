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

/**
 * The words that make a post, whatever way it was passed on: no "RT @compte :" in front, no links,
 * no @mentions, hashtags as words, no emoji or punctuation, accents and case folded. One pass over
 * the characters (it runs for every sighting when the index is built, and at every keystroke).
 */
export function comparableText(text: string): string {
  const t = text
    .replace(/\b(?:rt|via|repost)\s*(?=@)/gi, ' ')
    .replace(/https?:\/\/\S+/gi, ' ')
    .replace(/(^|[\s(])@[\w.]+/g, ' ');
  let out = '';
  let space = true; // no leading space, one between words
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    let piece: string | undefined;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) piece = t[i];
    else if (c >= 65 && c <= 90) piece = String.fromCharCode(c + 32);
    else if (c > 127) piece = FOLD.get(c);
    if (piece === undefined) {
      if (!space) out += ' ';
      space = true;
    } else {
      out += piece;
      space = false;
    }
  }
  return space ? out.slice(0, -1) : out;
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
  for (let i = 0; i < n; i++) {
    const c = (comparable.charCodeAt(i) << 16) ^ (comparable.charCodeAt(i + 1) << 8) ^ comparable.charCodeAt(i + 2);
    out[i] = mix(c);
  }
  out.sort();
  let k = 0;
  for (let i = 0; i < n; i++) if (i === 0 || out[i] !== out[i - 1]) out[k++] = out[i]!;
  return out.slice(0, k);
}

/** One seed per hash function of the signature (fixed: signatures are compared across sessions). */
const SEEDS = Uint32Array.from({ length: SIG_SIZE }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x632be5ab)));

/**
 * Writes the MinHash signature of `set` into `into` at `at`. The trigrams are already well-mixed
 * hashes, so each of the SIG_SIZE functions is a cheap xor-multiply-shift of them.
 */
export function minhash(set: Uint32Array, into: Uint32Array, at = 0): void {
  into.fill(0xffffffff, at, at + SIG_SIZE);
  for (let i = 0; i < set.length; i++) {
    const x = set[i]!;
    for (let j = 0; j < SIG_SIZE; j++) {
      let h = Math.imul(x ^ SEEDS[j]!, 0x85ebca6b);
      h = (h ^ (h >>> 13)) >>> 0;
      if (h < into[at + j]!) into[at + j] = h;
    }
  }
}

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
