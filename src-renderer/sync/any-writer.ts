// lib0's `writeAny`, byte for byte, with strings copied in one piece. lib0 encodes a string shorter
// than its scratch buffer into that buffer, then writes it to the encoder one byte per call: for
// Vigie's log (an envelope is ~1 KB of text) that loop was most of the time an open copy spent
// streaming a crisis to a newcomer (150–300 ms tasks at 100,000 sightings). Same wire format
// (lib0/encoding.js `writeAny`, types 118 object and 119 string); anything else goes to lib0.
import * as encoding from 'lib0/encoding';
import { encodeUtf8Into } from '../core/utf8';

let scratch = new Uint8Array(64 * 1024);

/** lib0's `writeVarString`: the UTF-8 length as a varuint, then the bytes. */
export function writeString(encoder: encoding.Encoder, s: string): void {
  // UTF-8 takes at most 3 bytes per UTF-16 unit.
  if (s.length * 3 > scratch.length) scratch = new Uint8Array(s.length * 3);
  const written = encodeUtf8Into(s, scratch); // not TextEncoder: it would make `s` external (core/utf8.ts)
  encoding.writeVarUint(encoder, written);
  encoding.writeUint8Array(encoder, scratch.subarray(0, written));
}

export function writeAny(encoder: encoding.Encoder, v: unknown): void {
  if (typeof v === 'string') {
    encoding.write(encoder, 119);
    return writeString(encoder, v);
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array)) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    encoding.write(encoder, 118);
    encoding.writeVarUint(encoder, keys.length);
    for (const k of keys) {
      writeString(encoder, k);
      writeAny(encoder, o[k]);
    }
    return;
  }
  encoding.writeAny(encoder, v as never);
}
