// UTF-8 in and out of JavaScript strings without the browser's TextDecoder and TextEncoder. In
// Chromium a string TextDecoder returns is an external string (its characters outside the JavaScript
// heap, with a weak handle in the page's string cache), and a string handed to TextEncoder (or to any
// browser API: URL…) is made external in place, for good. Kept by the hundred thousand (the exchange
// document's envelopes, decoded when read and encoded when streamed to a newcomer or sealed for the
// disk; the journal's texts; every row's link), external strings are walked in the pause of every
// major garbage collection: the external string table and the weak handles took 20–55 ms of each
// 50–170 ms pause of an open copy during a join (V8's `--trace-gc-nvp`).

/** Code units converted by one String.fromCharCode call (its arguments go on the stack). */
const CHUNK = 8192;
/** Largest scratch buffer kept between calls (in units or bytes). */
const KEPT_BUFFER = 1 << 16;
let units = new Uint16Array(1024);

/**
 * `bytes` as UTF-8, into a JavaScript string of the page's own heap. What is not plainly well-formed
 * UTF-8 (malformed, truncated, or starting with a byte order mark) goes to `decoder` instead, so the
 * result is always the decoder's own: its errors, its replacement characters, its BOM handling.
 */
export function decodeUtf8(bytes: Uint8Array, decoder: (b: Uint8Array) => string): string {
  const len = bytes.length;
  if (len >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decoder(bytes);
  // One buffer for the usual strings (an envelope is ~1 KB); a rare long one gets its own.
  if (units.length < len && len <= KEPT_BUFFER) units = new Uint16Array(Math.max(len, units.length * 2));
  const out = len <= units.length ? units : new Uint16Array(len);
  let n = 0;
  let i = 0;
  while (i < len) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out[n++] = b;
      i++;
    } else if (b >= 0xc2 && b <= 0xdf && i + 1 < len && (bytes[i + 1]! & 0xc0) === 0x80) {
      out[n++] = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      i += 2;
    } else if (b >= 0xe0 && b <= 0xef && i + 2 < len) {
      const c1 = bytes[i + 1]!;
      // No overlong forms (E0 80–9F) and no surrogates (ED A0–BF).
      const lo = b === 0xe0 ? 0xa0 : 0x80;
      const hi = b === 0xed ? 0x9f : 0xbf;
      if (c1 < lo || c1 > hi || (bytes[i + 2]! & 0xc0) !== 0x80) return decoder(bytes);
      out[n++] = ((b & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      i += 3;
    } else if (b >= 0xf0 && b <= 0xf4 && i + 3 < len) {
      const c1 = bytes[i + 1]!;
      // No overlong forms (F0 80–8F) and nothing above U+10FFFF (F4 90–BF).
      const lo = b === 0xf0 ? 0x90 : 0x80;
      const hi = b === 0xf4 ? 0x8f : 0xbf;
      if (c1 < lo || c1 > hi || (bytes[i + 2]! & 0xc0) !== 0x80 || (bytes[i + 3]! & 0xc0) !== 0x80) return decoder(bytes);
      const cp = (((b & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f)) - 0x10000;
      out[n++] = 0xd800 + (cp >> 10);
      out[n++] = 0xdc00 + (cp & 0x3ff);
      i += 4;
    } else {
      return decoder(bytes); // malformed or truncated
    }
  }
  if (n <= CHUNK) return String.fromCharCode.apply(null, out.subarray(0, n) as unknown as number[]);
  let s = '';
  for (let k = 0; k < n; k += CHUNK) s += String.fromCharCode.apply(null, out.subarray(k, Math.min(n, k + CHUNK)) as unknown as number[]);
  return s;
}

/**
 * `s` as UTF-8 into `bytes` from `at` (at least 3 bytes per UTF-16 unit of room, or utf8Length(s)),
 * as TextEncoder's `encodeInto` writes it (a lone surrogate becomes U+FFFD); returns the bytes
 * written. TextEncoder is not used because Chromium turns any string handed to it into an external
 * string, for good: the exchange document's envelopes, each encoded when streamed to a newcomer or
 * sealed for the disk.
 */
export function encodeUtf8Into(s: string, bytes: Uint8Array, at = 0): number {
  let n = at;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      bytes[n++] = c;
      continue;
    }
    if (c < 0x800) {
      bytes[n++] = 0xc0 | (c >> 6);
      bytes[n++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        bytes[n++] = 0xf0 | (cp >> 18);
        bytes[n++] = 0x80 | ((cp >> 12) & 0x3f);
        bytes[n++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[n++] = 0x80 | (cp & 0x3f);
        continue;
      }
      c = 0xfffd; // a lone surrogate
    }
    bytes[n++] = 0xe0 | (c >> 12);
    bytes[n++] = 0x80 | ((c >> 6) & 0x3f);
    bytes[n++] = 0x80 | (c & 0x3f);
  }
  return n - at;
}

/** How many bytes encodeUtf8Into writes for `s` (a lone surrogate: 3, U+FFFD's). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      n += 2; // a pair: 4 bytes for 2 units
      i++;
    } else n += 2;
  }
  return n;
}

let scratch = new Uint8Array(1024);

/** `s` as UTF-8, in a new array (TextEncoder's `encode`, without making `s` external). */
export function encodeUtf8(s: string): Uint8Array<ArrayBuffer> {
  const room = s.length * 3;
  if (scratch.length < room && room <= KEPT_BUFFER) scratch = new Uint8Array(Math.max(room, scratch.length * 2));
  const out = room <= scratch.length ? scratch : new Uint8Array(room);
  return out.slice(0, encodeUtf8Into(s, out));
}
