// UTF-8 decoded into heap strings: the same text TextDecoder gives, the same refusals.
import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8, encodeUtf8Into, utf8Length } from '../../../src-renderer/core/utf8';

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const native = (b: Uint8Array) => fatal.decode(b as Uint8Array<ArrayBuffer>);
const outcome = (f: () => string) => {
  try {
    return { text: f() };
  } catch (e) {
    return { error: (e as Error).name };
  }
};

/** Random bytes biased towards UTF-8's interesting places (lead bytes, continuations, edges). */
function randomBytes(seed: number, n: number): Uint8Array<ArrayBuffer> {
  let x = seed;
  const next = () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 8) & 0xff;
  const picks = [0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90];
  return Uint8Array.from({ length: n }, () => (next() & 1 ? next() : picks[next() % picks.length]!));
}

describe('UTF-8 décodé en chaînes du tas JavaScript', () => {
  it('donne le texte de TextDecoder pour tout texte : accents, apostrophes typographiques, émojis, BOM, longs textes', () => {
    const texts = [
      '',
      'Crue du Tarn',
      'L’eau monte à Montauban : évacuez le camping des Trois Rivières 🚨🌊',
      '\u0000\u007f\u0080\u07ff\u0800\uffff\u{10000}\u{10ffff}',
      'é'.repeat(20_000) + '🌊'.repeat(5_000), // beyond one String.fromCharCode call
      'à'.repeat(70_000) + 'x', // beyond the buffer kept between calls
      'court', // the kept buffer still right after
    ];
    for (const t of texts) {
      const bytes = new TextEncoder().encode(t);
      expect(decodeUtf8(bytes, native)).toBe(t);
    }
  });

  it('laisse au décodeur ce qui commence par un BOM : chacun le garde ou l’ôte à sa façon', () => {
    const bytes = new TextEncoder().encode('\uFEFFdébut avec BOM');
    expect(decodeUtf8(bytes, native)).toBe('\uFEFFdébut avec BOM'); // ignoreBOM: kept
    const usual = new TextDecoder();
    expect(decodeUtf8(bytes, (b) => usual.decode(b))).toBe('début avec BOM'); // the default: taken off
  });

  it('refuse ce que TextDecoder refuse (octets mal formés, tronqués, surrogats, formes trop longues) et accepte le reste', () => {
    const cases = [
      [0x80], [0xc0, 0x80], [0xc1, 0xbf], [0xe0, 0x80, 0x80], [0xed, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0x80],
      [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xf0, 0x9f, 0x8c], [0x41, 0xc3], [0xff],
    ].map((a) => Uint8Array.from(a));
    for (let seed = 1; seed <= 3000; seed++) cases.push(randomBytes(seed, 1 + (seed % 23)));
    let refused = 0;
    for (const bytes of cases) {
      const ours = outcome(() => decodeUtf8(bytes, native));
      expect(ours, `octets ${[...bytes].map((b) => b.toString(16)).join(' ')}`).toEqual(outcome(() => native(bytes)));
      if ('error' in ours) refused++;
    }
    expect(refused).toBeGreaterThan(12); // the malformed cases above, at least, were refused
    expect(refused).toBeLessThan(cases.length); // and random bytes are sometimes well-formed
  });

  it('encode comme TextEncoder : ASCII, accents, émojis, surrogats isolés (U+FFFD), longs textes', () => {
    const texts = [
      '',
      'Crue du Tarn',
      'L’eau monte à Montauban 🚨🌊',
      '\u0000\u007f\u0080\u07ff\u0800\uffff\u{10000}\u{10ffff}',
      'seul \ud800 ici, \udc00 là, à la fin \ud83d',
      '\udc00\ud800',
      'é'.repeat(20_000) + '🌊'.repeat(5_000),
      'à'.repeat(70_000) + '🌊',
      'court',
    ];
    let x = 7;
    for (let k = 0; k < 500; k++) {
      // random UTF-16 units, surrogates included
      texts.push(String.fromCharCode(...Array.from({ length: 1 + (k % 17) }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 8) % 0x10000)));
    }
    const native = new TextEncoder();
    for (const t of texts) {
      expect(encodeUtf8(t)).toEqual(native.encode(t));
      const room = new Uint8Array(t.length * 3);
      const n = encodeUtf8Into(t, room);
      expect(room.subarray(0, n)).toEqual(native.encode(t));
      expect(utf8Length(t)).toBe(n);
      // From an offset, in room of exactly that length: the bytes before it untouched.
      const exact = new Uint8Array(5 + n).fill(0xaa);
      expect(encodeUtf8Into(t, exact, 5)).toBe(n);
      expect(exact.subarray(0, 5)).toEqual(new Uint8Array(5).fill(0xaa));
      expect(exact.subarray(5)).toEqual(native.encode(t));
      expect(decodeUtf8(encodeUtf8(t), (b) => new TextDecoder().decode(b))).toBe(new TextDecoder().decode(native.encode(t)));
    }
  });
});
