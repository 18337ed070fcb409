import { describe, expect, it } from 'vitest';
import { asciiCopy, BIGRAM_WORDS, normalise, normaliseReference, textSignature } from '../../../src-renderer/core/search';
import { seededRandom } from '../../seeded-random';

// normalise runs over every row before the first search, so it is written in fewer passes than its
// definition (normaliseReference); both must give the same text for any input.
const rng = seededRandom;
const PIECES = ['st', 'ste', 'St', 'STE', 'Saint', 'é', 'É', 'e\u0301', 'œ', 'Œ', 'æ', 'Æ', 'ß', 'İ', 'ﬁ', '-', "'", '’', '_', ' ', '  ', '\t', '\n', '\u00a0', '\u202f', '.', ',', 'a', 'Z', '9', '10', 'étienne', 'crèche', '#crue82', '@SDIS82', 'https://x.com/a', 'ça', '🌊', 'Ω'];

describe('normalise', () => {
  it('ignore accents, casse, traits d’union et espaces multiples', () => {
    expect(normalise('  Saint-Étienne ')).toBe('saint etienne');
    expect(normalise('St-Étienne')).toBe('saint etienne');
    expect(normalise('Ste  Marie')).toBe('sainte marie');
    expect(normalise('Œuilly l’Église')).toBe('oeuilly l eglise');
    expect(normalise('STEP')).toBe('step');
  });
  it('donne le même texte que sa définition, sur 20 000 textes aléatoires', () => {
    const r = rng(7);
    for (let i = 0; i < 20_000; i++) {
      const s = Array.from({ length: Math.floor(r() * 12) }, () => PIECES[Math.floor(r() * PIECES.length)]).join(r() < 0.5 ? '' : ' ');
      expect(normalise(s), JSON.stringify(s)).toBe(normaliseReference(s));
    }
  });
  it('rend les textes longs entiers, accentués ou non (copie en un octet par caractère)', () => {
    const long = 'Évacuation rue de l’Église à Moissac, crue du Tarn. '.repeat(120);
    expect(long.length).toBeGreaterThan(2048);
    expect(normalise(long)).toBe(normaliseReference(long));
    expect(normalise(`${long}🌊`)).toBe(normaliseReference(`${long}🌊`));
    const ascii = 'x'.repeat(5000);
    expect(asciiCopy(ascii)).toBe(ascii);
    expect(asciiCopy('crème')).toBe('crème');
  });
});

describe('recherche par lettres et paires de lettres', () => {
  const signature = (text: string) => {
    const set = new Uint32Array(BIGRAM_WORDS);
    return { mask: textSignature(text, set, 0), set };
  };
  /** Whether the text's letters and pairs hold every letter and pair of the word. */
  const allows = (text: string, word: string) => {
    const t = signature(text);
    const w = signature(word);
    return (t.mask & w.mask) === w.mask && w.set.every((x, i) => ((t.set[i]! & x) >>> 0) === x);
  };
  it('ne manque jamais un texte qui contient le mot, et décide seul d’un mot d’une ou deux lettres (20 000 couples aléatoires)', () => {
    const r = rng(11);
    const letters = 'eauqwxz0129 -#@.';
    const pick = (n: number) => Array.from({ length: n }, () => letters[Math.floor(r() * letters.length)]).join('');
    let held = 0;
    let decided = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = pick(1 + Math.floor(r() * 40));
      const word = pick(1 + Math.floor(r() * 4)).replace(/ /g, '') || 'e';
      const passes = allows(text, word);
      const expected = text.includes(word);
      if (expected) held++;
      if (expected) expect(passes).toBe(true);
      if (/^[a-z]{1,2}$/.test(word)) {
        decided++;
        expect(passes, `${JSON.stringify(text)} / ${word}`).toBe(expected);
      }
    }
    expect(held).toBeGreaterThan(2_000);
    expect(decided).toBeGreaterThan(2_000);
  });
  it('écarte un texte sans la paire, même avec toutes les lettres', () => {
    expect(allows('de l eau', 'ea')).toBe(true);
    expect(allows('a e', 'ea')).toBe(false);
  });
});
