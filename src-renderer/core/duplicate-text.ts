// Near-identical posts: a repost ("RT @moissac_info: …"), a quote with a word added, the same text
// with other accents or hashtags. Texts are compared by their sets of character trigrams once
// normalised; an index cannot hold 100,000 such sets, so each text is summarised by a MinHash
// signature (SIG_SIZE minimums of hashed trigrams), whose agreement estimates the sets' Jaccard
// similarity, and the exact similarity is computed only for the few candidates worth showing.
import { normalise } from './search';

/** Hashes per signature; LSH bands of BAND_ROWS (see duplicates.ts). */
export const SIG_SIZE = 30;
export const BAND_ROWS = 3;
export const BANDS = SIG_SIZE / BAND_ROWS;
/** Below this many trigrams (about 25 letters) a text says too little to call two posts the same. */
export const MIN_SHINGLES = 24;

/**
 * The words that make a post, whatever way it was passed on: no "RT @compte :" in front, no links,
 * no @mentions, hashtags as words, no emoji or punctuation, accents and case folded.
 */
export function comparableText(text: string): string {
  return normalise(
    text
      .replace(/\b(?:rt|via|repost)\s*(?=@)/gi, ' ')
      .replace(/https?:\/\/\S+/gi, ' ')
      .replace(/(^|[\s(])@[\w.]+/g, ' ')
      .replace(/#/g, ' '),
  )
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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

/** Writes the MinHash signature of `set` into `into` at `at`. */
export function minhash(set: Uint32Array, into: Uint32Array, at = 0): void {
  for (let j = 0; j < SIG_SIZE; j++) {
    const seed = SEEDS[j]!;
    let min = 0xffffffff;
    for (let i = 0; i < set.length; i++) {
      const h = mix(set[i]! ^ seed);
      if (h < min) min = h;
    }
    into[at + j] = min;
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
