// Accent- and case-insensitive matching: "st etienne" finds "Saint-Étienne", "creche" finds "Crèche",
// "oeuilly" finds "Œuilly".
import { decodeUtf8, encodeUtf8Into } from './utf8';

export function normalise(s: string): string {
  // The same steps as normaliseReference below, in fewer passes: this runs over every row's text
  // (100,000 rows, ~300 characters each) before the first search.
  let t: string;
  if (NON_ASCII.test(s)) {
    t = s.normalize('NFD').replace(MARKS, '').toLowerCase();
    if (NON_ASCII.test(t)) t = t.replace(/œ/g, 'oe').replace(/æ/g, 'ae');
  } else t = s.toLowerCase();
  if (t.includes('st')) t = t.replace(SAINT, (_, e: string) => (e ? 'sainte' : 'saint'));
  t = t.replace(SEPARATORS, ' ').trim();
  return t !== s && NON_ASCII.test(s) ? asciiCopy(t) : t;
}
const NON_ASCII = /[^\x00-\x7f]/;

let bytes = new Uint8Array(1024);
/**
 * A copy of its own of an ASCII text, flat and in one byte per character (any other text is
 * returned as it is). Once its accents are taken off, a French text is mostly ASCII, but V8 keeps it
 * in two bytes per character like the string it came from (NFD put combining marks in it). What
 * normalise returns is kept for every row (the search index's texts and tokens, the Texte column's
 * sort keys: 100,000 texts of ~300 characters), so this halves them. A UTF-8 round trip of ASCII
 * gives the same characters back (~2 µs a text, against ~11 for normalising it).
 */
export function asciiCopy(t: string): string {
  if (NON_ASCII.test(t)) return t;
  if (t.length > bytes.length) bytes = new Uint8Array(t.length * 2);
  return decodeUtf8(bytes.subarray(0, encodeUtf8Into(t, bytes)), () => t); // ASCII: never falls back
}
const MARKS = /[\u0300-\u036f]+/g;
const SAINT = /\bst(e?)\b/g;
/** Runs of spaces, hyphens, apostrophes and underscores, except a single space (already right). */
const SEPARATORS = /(?! (?![\s'’_-]))[\s'’_-]+/g;

/** The definition normalise follows (kept for the tests that compare the two). */
export function normaliseReference(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .replace(/[-'’_]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query appears in the haystack (already normalised). */
export function matchesWords(haystack: string, query: string): boolean {
  const words = normalise(query).split(' ').filter(Boolean);
  return words.every((w) => haystack.includes(w));
}

/**
 * What a normalised text holds, for a search that reads few texts: which letters (one bit each, a–z;
 * all digits share one bit, every other character another) and which pairs of letters a–z follow
 * each other (676 bits, BIGRAM_WORDS words from `at`). A search word needs every one of its bits:
 * most rows are ruled out, and a word of one or two letters decided, without reading their text
 * (search-index.ts keeps these bits as one set of slots per letter and per pair).
 */
export function textSignature(s: string, bigrams: Uint32Array, at: number): number {
  let m = 0;
  let prev = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) {
      const l = c - 97;
      m |= 1 << l;
      if (prev >= 0) {
        const b = prev * 26 + l;
        bigrams[at + (b >>> 5)]! |= 1 << (b & 31);
      }
      prev = l;
    } else {
      m |= 1 << (c >= 48 && c <= 57 ? 26 : 27);
      prev = -1;
    }
  }
  return m;
}

/** Words of 32 bits per text in textSignature's pair set. */
export const BIGRAM_WORDS = 22;
