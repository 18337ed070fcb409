import { describe, expect, it } from 'vitest';
import { BIGRAM_WORDS, hasBigrams, normalise, normaliseReference, prepareWord, textSignature } from '../../../src-renderer/core/search';
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

describe('recherche par lettres et paires de lettres', () => {
  const signature = (text: string) => {
    const set = new Uint32Array(BIGRAM_WORDS);
    return { mask: textSignature(text, set, 0), set };
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
      const w = prepareWord(word);
      const { mask, set } = signature(text);
      const passes = (mask & w.mask) === w.mask && hasBigrams(set, 0, w);
      const expected = text.includes(word);
      if (expected) held++;
      if (expected) expect(passes).toBe(true);
      if (w.decided) {
        decided++;
        expect(passes, `${JSON.stringify(text)} / ${word}`).toBe(expected);
      }
    }
    expect(held).toBeGreaterThan(2_000);
    expect(decided).toBeGreaterThan(2_000);
  });
  it('écarte un texte sans la paire, même avec toutes les lettres', () => {
    const ea = prepareWord('ea');
    expect(ea.decided).toBe(true);
    expect(hasBigrams(signature('de l eau').set, 0, ea)).toBe(true);
    expect(hasBigrams(signature('a e').set, 0, ea)).toBe(false);
    expect(prepareWord('9').decided).toBe(false);
    expect(prepareWord('eau').decided).toBe(false);
  });
});
