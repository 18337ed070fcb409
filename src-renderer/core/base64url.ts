// base64url without padding (RFC 4648 §5): ids, keys, derived names and invitations use it, so
// they travel in URLs and file names unchanged. Written out rather than through btoa/atob: their
// strings are the browser's (external, each with a weak handle: core/utf8.ts), and an open copy
// makes two per entry it signs and one per signature it checks.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function toBase64url(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    s += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  if (i + 1 === bytes.length) {
    const n = bytes[i]! << 16;
    s += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]!;
  } else if (i + 2 === bytes.length) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    s += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]!;
  }
  return s;
}

/**
 * Throws on text that is not base64url. Reads what the earlier `atob` of the padded text read:
 * standard base64's `+` and `/`, padding, ASCII whitespace ignored, the last character's unused bits
 * ignored (the WHATWG "forgiving-base64 decode").
 */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  let s = text.replace(/[\t\n\f\r ]/g, '');
  s += '='.repeat((4 - (text.length % 4)) % 4); // as the padding was added before whitespace went
  if (s.length % 4 === 0) s = s.endsWith('==') ? s.slice(0, -2) : s.endsWith('=') ? s.slice(0, -1) : s;
  if (s.length % 4 === 1) throw new Error('base64url invalide');
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c === 43 /* + */ ? 62 : c === 47 /* / */ ? 63 : c < 128 ? VALUE[c]! : -1;
    if (v < 0) throw new Error('base64url invalide');
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[k++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
