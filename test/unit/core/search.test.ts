import { describe, expect, it } from 'vitest';
import { holdsWord, letterMask, normalise, normaliseReference, prepareWord } from '../../../src-renderer/core/search';
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
});

describe('recherche par masque de lettres et lettre la plus rare', () => {
  it('donne la même réponse que includes, sur 20 000 couples texte / mot aléatoires', () => {
    const r = rng(11);
    const letters = 'eauqwxz0129 -#@.';
    const pick = (n: number) => Array.from({ length: n }, () => letters[Math.floor(r() * letters.length)]).join('');
    let held = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = pick(1 + Math.floor(r() * 40));
      const word = pick(1 + Math.floor(r() * 4)).replace(/ /g, '') || 'e';
      const w = prepareWord(word);
      const byMask = (letterMask(text) & w.mask) === w.mask;
      const expected = text.includes(word);
      if (expected) held++;
      // The mask never rules out a text that holds the word, and decides one letter alone.
      if (expected) expect(byMask).toBe(true);
      if (w.decided) expect(byMask).toBe(expected);
      expect(holdsWord(text, w)).toBe(expected);
    }
    expect(held).toBeGreaterThan(2_000);
  });
  it('cherche à partir de la lettre la plus rare du mot', () => {
    expect(prepareWord('eau').at).toBe(2);
    expect(prepareWord('wagon').at).toBe(0);
    expect(prepareWord('e').decided).toBe(true);
    expect(prepareWord('9').decided).toBe(false);
    expect(holdsWord('de l’eau partout', prepareWord('eau'))).toBe(true);
    expect(holdsWord('ea u', prepareWord('eau'))).toBe(false);
  });
});
