// The strings Yjs reads from updates and writes into them (every envelope's `d` and `g`, their keys)
// go through core/utf8.ts instead of lib0's shared TextDecoder and TextEncoder, whose strings are
// external in Chromium: the exchange document keeps them as long as the page is open (core/utf8.ts
// says what they cost). lib0 keeps both in exported objects, read at each call (`utf8TextDecoder`,
// `utf8TextEncoder`): their methods are replaced there. Whatever is not well-formed UTF-8 still goes
// to lib0's own decoder (`fatal`: it throws, as Yjs expects of a corrupt update).
import { utf8TextDecoder, utf8TextEncoder } from 'lib0/string';
import { decodeUtf8, encodeUtf8, encodeUtf8Into } from '../core/utf8';

/** Makes lib0 (Yjs, y-protocols) decode and encode strings with core/utf8.ts. Idempotent. */
export function keepYjsStringsOnHeap(): void {
  const decoder = utf8TextDecoder as (TextDecoder & { vigie?: true }) | null;
  if (decoder && !decoder.vigie) {
    const native = TextDecoder.prototype.decode.bind(decoder) as (b: Uint8Array) => string;
    decoder.decode = ((bytes: Uint8Array) => decodeUtf8(bytes, native)) as TextDecoder['decode'];
    decoder.vigie = true;
  }
  const encoder = utf8TextEncoder as (TextEncoder & { vigie?: true }) | null;
  if (encoder && !encoder.vigie) {
    encoder.encode = ((s = '') => encodeUtf8(s)) as TextEncoder['encode'];
    // lib0 hands a buffer of its own, large enough for the strings it gives (`_maxStrBSize`).
    encoder.encodeInto = (s: string, bytes: Uint8Array) => {
      if (bytes.length < s.length * 3) return TextEncoder.prototype.encodeInto.call(encoder, s, bytes);
      const written = encodeUtf8Into(s, bytes);
      return { read: s.length, written };
    };
    encoder.vigie = true;
  }
}
