// base64url written out (no btoa/atob): RFC 4648's vectors, and what atob read is read the same.
import { describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url } from '../../../src-renderer/core/base64url';

// The earlier implementation, through the platform's btoa/atob: the reference.
const reference = {
  to: (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
  from: (text: string) => {
    const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
  },
};
const outcome = (f: () => Uint8Array) => {
  try {
    return [...f()];
  } catch {
    return 'refusé';
  }
};

describe('base64url', () => {
  it('les vecteurs de la RFC 4648, sans remplissage', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg'], ['fo', 'Zm8'], ['foo', 'Zm9v'], ['foob', 'Zm9vYg'], ['fooba', 'Zm9vYmE'], ['foobar', 'Zm9vYmFy']];
    for (const [plain, coded] of vectors) {
      expect(toBase64url(new TextEncoder().encode(plain))).toBe(coded);
      expect(new TextDecoder().decode(fromBase64url(coded))).toBe(plain);
    }
    expect(toBase64url(Uint8Array.from([0xfb, 0xff, 0xbf]))).toBe('-_-_'); // the url-safe alphabet
  });

  it('encode et lit comme btoa/atob le faisaient, octets au hasard', () => {
    let x = 3;
    for (let n = 0; n < 400; n++) {
      const bytes = Uint8Array.from({ length: n % 90 }, () => ((x = (x * 1103515245 + 12345) >>> 0) >>> 8) & 255);
      const coded = reference.to(bytes);
      expect(toBase64url(bytes)).toBe(coded);
      expect(fromBase64url(coded)).toEqual(bytes);
    }
  });

  it('refuse ce que atob refusait, accepte ce qu’il acceptait (remplissage, espaces, +/)', () => {
    const texts = ['a', 'ab=c', '@@@@', 'abc$', 'é', 'abcde', 'ab==', 'ab=', 'abc=', 'YQ', 'YQ==', 'YWI=', 'Y+/_', '====', 'YW I=', ' YWI', 'YWI\n', 'Y\tWI=', 'YW\u00a0I', 'YWJjZA===', '=YWJ', 'YW=J', '', 'A', 'AA', 'AAA'];
    let refused = 0;
    for (const t of texts) {
      const ours = outcome(() => fromBase64url(t));
      expect(ours, JSON.stringify(t)).toEqual(outcome(() => reference.from(t)));
      if (ours === 'refusé') refused++;
    }
    expect(refused).toBeGreaterThan(5);
  });
});
