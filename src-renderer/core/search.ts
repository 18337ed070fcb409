// Accent- and case-insensitive matching: "st etienne" finds "Saint-Étienne", "creche" finds "Crèche",
// "oeuilly" finds "Œuilly".
export function normalise(s: string): string {
  // The same steps as normaliseReference below, in fewer passes: this runs over every row's text
  // (100,000 rows, ~300 characters each) before the first search.
  let t: string;
  if (NON_ASCII.test(s)) {
    t = s.normalize('NFD').replace(MARKS, '').toLowerCase();
    if (NON_ASCII.test(t)) t = t.replace(/œ/g, 'oe').replace(/æ/g, 'ae');
  } else t = s.toLowerCase();
  if (t.includes('st')) t = t.replace(SAINT, (_, e: string) => (e ? 'sainte' : 'saint'));
  return t.replace(SEPARATORS, ' ').trim();
}
const NON_ASCII = /[^\x00-\x7f]/;
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
 * Which letters a normalised text holds, one bit each (a–z; all digits share one bit, every other
 * character another). A search word needs every bit of its own mask: most rows are ruled out, or a
 * one-letter word decided, without reading their text (the first keystroke of a search, at 100,000
 * rows: about 1 ms instead of 20).
 */
export function letterMask(s: string): number {
  let m = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    m |= 1 << (c >= 97 && c <= 122 ? c - 97 : c >= 48 && c <= 57 ? 26 : 27);
  }
  return m;
}

/** True when the mask alone says whether a text holds the word: one letter from a to z. */
export function decidedByMask(word: string): boolean {
  if (word.length !== 1) return false;
  const c = word.charCodeAt(0);
  return c >= 97 && c <= 122;
}

/** How often each letter appears in French text (per mille, rounded; others rare). */
const FREQUENCY: Record<string, number> = {
  e: 147, a: 76, i: 75, s: 79, n: 71, t: 72, r: 66, u: 63, l: 55, o: 54, d: 37, c: 33, p: 30, m: 30,
  v: 16, q: 14, f: 11, b: 9, g: 9, h: 7, j: 6, x: 4, y: 3, z: 1, k: 1, w: 1,
};

/**
 * A word prepared for a fast search: its least frequent character first. String.includes looks for
 * the word's first character and compares from each one it finds: with "eau" it stops at every e
 * (one character in seven in French); from the u, four times less often.
 */
export interface PreparedWord {
  word: string;
  /** Index in the word of its rarest character. */
  at: number;
  mask: number;
  decided: boolean;
}

export function prepareWord(word: string): PreparedWord {
  let at = 0;
  for (let i = 1; i < word.length; i++) if ((FREQUENCY[word[i]!] ?? 0) < (FREQUENCY[word[at]!] ?? 0)) at = i;
  return { word, at, mask: letterMask(word), decided: decidedByMask(word) };
}

/** True when `text` holds the word (the same answer as text.includes(word)). */
export function holdsWord(text: string, w: PreparedWord): boolean {
  if (w.at === 0) return text.includes(w.word);
  const c = w.word[w.at]!;
  for (let i = text.indexOf(c, w.at); i >= 0; i = text.indexOf(c, i + 1)) if (text.startsWith(w.word, i - w.at)) return true;
  return false;
}
