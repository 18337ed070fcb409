import { describe, expect, it } from 'vitest';
import { hasBit, wordsFor } from '../../../src-renderer/core/bitset';
import { searchText as searchTextOf } from '../../../src-renderer/core/query';
import { RowSlots } from '../../../src-renderer/core/row-slots';
import { SearchIndex } from '../../../src-renderer/core/search-index';
import { DEFAULT_FIELDS, type Sighting } from '../../../src-renderer/core/sighting';
import { TokenDictionary } from '../../../src-renderer/core/token-dictionary';
import { seededRandom } from '../../seeded-random';

// The search index (letter and pair sets, tokens and their postings, texts read until a slot's
// tokens are listed) must say exactly which texts hold a word, whatever state its idle warm-up is in
// and after any edits: compared with `searchText(row).includes(word)` for every slot.
const WORDS = ['Moissac', 'moissonneuse', 'pont', 'Pont-de-Larn', 'évacuation', 'crue', 'n° 9', 'Saint-Étienne', 'St-Antonin', 'école', 'Œuvre', 'l’eau', "d'eau", 'eaux', 'route', 'coupée', 'gymnase', '#crue82', 'sdis', 'SDIS82', 'a', 'y'];

// Rows never change (an edit is a new object): their texts are computed once for the checks.
const texts = new WeakMap<Sighting, string>();
function searchText(row: Sighting): string {
  let t = texts.get(row);
  if (t === undefined) texts.set(row, (t = searchTextOf(row)));
  return t;
}

function makeRow(id: string, r: () => number, unique: number): Sighting {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  return {
    ...DEFAULT_FIELDS,
    id,
    text: Array.from({ length: Math.floor(r() * 6) }, () => pick(WORDS)).join(r() < 0.8 ? ' ' : '-'),
    authorHandle: r() < 0.3 ? pick(['@SDIS82', '@Préfet82', '@moissac_info']) : '',
    placeText: r() < 0.3 ? pick(['quai du Port', 'Rue de l’École']) : '',
    communeName: pick(['Moissac', 'Montauban', '', 'Saint-Antonin-Noble-Val']),
    // Links: mostly unique tokens, as real ones are (thousands of them: several dictionary chunks).
    url: r() < 0.9 ? `https://x.com/u${Math.floor(r() * 50)}/status/${unique}${Math.floor(r() * 1e6)}` : '',
    createdAt: 1000,
    createdBy: 'a',
    updatedAt: 1000,
    updatedBy: 'a',
  };
}

/** A word to look for: a piece of some row's text (of any length), a prefix typed on, or something else. */
function someWord(r: () => number, rows: (Sighting | undefined)[]): string {
  const row = rows[Math.floor(r() * rows.length)];
  const x = r();
  if (row && x < 0.75) {
    const tokens = searchText(row).split(' ').filter(Boolean);
    const t = tokens[Math.floor(r() * tokens.length)] ?? 'e';
    const from = Math.floor(r() * t.length);
    return t.slice(from, from + 1 + Math.floor(r() * 8));
  }
  return ['82', 'x.com/u1', '@sdis82', 'zzq', 'saint', 'eau', 'e', 'ea', 'ae', '9', '/', 'status/1'][Math.floor(r() * 12)]!;
}

describe('index de recherche', () => {
  for (const seed of [1, 2, 3]) {
    it(`dit exactement quels textes contiennent un mot, à tout moment de sa préparation et après des modifications (graine ${seed})`, () => {
      const r = seededRandom(seed);
      const slots = new RowSlots();
      const index = new SearchIndex(slots);
      let next = 0;
      const add = () => {
        const id = `s${next}`;
        slots.set(slots.slotFor(id, 1000), makeRow(id, r, next++));
        index.resize(wordsFor(Math.max(4096, slots.size * 2)));
        return slots.slot(id)!;
      };
      for (let i = 0; i < 4000; i++) add();
      let checked = 0;
      for (let step = 0; step < 160; step++) {
        const x = r();
        if (x < 0.25) {
          // Idle time cut anywhere: bits first, then tokens (the view's order).
          let budget = Math.floor(r() * 60);
          if (index.warmBits(() => budget-- > 0)) index.warmTokens(() => budget-- > 0);
        } else if (x < 0.5) {
          // Edits (text or not), deletions, new rows; now and then a large batch.
          const changed: number[] = [];
          const many = r() < 0.1 ? 300 : 1 + Math.floor(r() * 4);
          for (let k = 0; k < many; k++) {
            const y = r();
            if (y < 0.2) changed.push(add());
            else {
              const s = Math.floor(r() * slots.size);
              const prev = slots.rows[s];
              slots.set(s, y < 0.3 ? undefined : y < 0.6 || !prev ? makeRow(slots.ids[s]!, r, next++) : { ...prev, priority: 'P1' });
              changed.push(s);
            }
          }
          index.update(changed);
        } else {
          // A word typed letter by letter (the typed-on path), or one word alone.
          const word = someWord(r, slots.rows);
          const typed = r() < 0.5 ? Array.from(word, (_, i) => word.slice(0, i + 1)) : [word];
          for (const w of typed) {
            index.catchUp();
            const bits = index.wordBits(w);
            for (let s = 0; s < slots.size; s++) {
              const row = slots.rows[s];
              const expected = !!row && searchText(row).includes(w);
              if (hasBit(bits, s) !== expected) expect({ word: w, slot: s, text: row && searchText(row), found: hasBit(bits, s) }).toEqual({ expected });
            }
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(100);
      // Everything indexed at the end, and still exact.
      while (!(index.warmBits(() => true) && index.warmTokens(() => true)));
      for (const w of ['moissac', 'eau', 'saint', 'sdis82', 'x.com/u4', 'ea', 'z']) {
        const bits = index.wordBits(w);
        for (let s = 0; s < slots.size; s++) expect(hasBit(bits, s)).toBe(!!slots.rows[s] && searchText(slots.rows[s]!).includes(w));
      }
    }, 60_000);
  }
});

describe('dictionnaire des mots des textes', () => {
  it('trouve les mots qui contiennent un mot cherché, par morceaux joints, en tapant lettre à lettre et après des ajouts', () => {
    const r = seededRandom(4);
    const dict = new TokenDictionary();
    const all: string[] = [];
    const numbers = new Map<string, number>();
    const letters = 'aeimnostu0189/.@';
    const addSome = (n: number) => {
      for (let i = 0; i < n; i++) {
        const t = Array.from({ length: 1 + Math.floor(r() * 9) }, () => letters[Math.floor(r() * letters.length)]).join('');
        if (!numbers.has(t)) numbers.set(t, all.push(t) - 1);
        expect(dict.id(t)).toBe(numbers.get(t));
      }
    };
    const expectFound = (word: string) => {
      const found = [...dict.find(word)].sort((a, b) => a - b);
      const expected = all.flatMap((t, i) => (t.includes(word) ? [i] : []));
      expect(found, word).toEqual(expected);
    };
    addSome(14000);
    expect(all.length).toBeGreaterThan(4096 * 2);
    for (let k = 0; k < 100; k++) {
      const word = Array.from({ length: 1 + Math.floor(r() * 4) }, () => letters[Math.floor(r() * letters.length)]).join('');
      for (let i = 1; i <= word.length; i++) expectFound(word.slice(0, i));
      // Tokens arrive between two searches (a capture, a sync): the last chunk is joined again.
      if (k % 20 === 0) {
        addSome(1 + Math.floor(r() * 3000));
        expectFound(word);
      }
    }
    dict.join();
    expectFound('mo');
  });

  it('garde chaque mot tel quel, qu’il tienne en un octet par caractère ou non, court ou très long', () => {
    const dict = new TokenDictionary();
    const long = `https://exemple.fr/${'a1/'.repeat(900)}fin`;
    const tokens = ['crue', 'vague🌊', 'ŝ', long, `${long}é`, 'oe', 'x'.repeat(1024), 'y'.repeat(1025)];
    // Sliced out of a text, as the index does; the dictionary keeps copies of them.
    const text = tokens.join(' ');
    let at = 0;
    for (const t of tokens) {
      expect(dict.id(text.slice(at, at + t.length))).toBe(tokens.indexOf(t));
      at += t.length + 1;
    }
    for (const t of tokens) expect(dict.known(t)).toBe(tokens.indexOf(t));
    expect([...dict.find('🌊')]).toEqual([1]);
    expect([...dict.find('fin')]).toEqual([3, 4]);
    expect([...dict.find('a1/fin')]).toEqual([3, 4]);
    expect([...dict.find('finé')]).toEqual([4]);
    expect([...dict.find('xy')]).toEqual([]);
    expect([...dict.find('y'.repeat(1025))]).toEqual([7]);
  });
});
