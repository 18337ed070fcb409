// lib0's `writeAny`, byte for byte, with strings copied in one piece. lib0 encodes a string shorter
// than its scratch buffer into that buffer, then writes it to the encoder one byte per call: for
// Vigie's log (an envelope is ~1 KB of text) that loop was most of the time an open copy spent
// streaming a crisis to a newcomer (150–300 ms tasks at 100,000 sightings). Same wire format
// (lib0/encoding.js `writeAny`, types 118 object and 119 string); anything else goes to lib0.
import * as encoding from 'lib0/encoding';
import { encodeUtf8Into, utf8Length } from '../core/utf8';

/**
 * lib0's `writeVarString`: the UTF-8 length as a varuint, then the bytes, written straight into the
 * encoder's buffer. Encoded into a scratch buffer first, each string cost a copy and two views of it
 * (ours and lib0's `writeUint8Array`): 47 MB of the 76 MB an open copy allocated while streaming a
 * 100k crisis to a newcomer (an allocation sampling of that page).
 */
export function writeString(encoder: encoding.Encoder, s: string): void {
  const length = utf8Length(s);
  encoding.writeVarUint(encoder, length);
  encoding.verifyLen(encoder, length); // room in the current buffer (lib0 starts a new one if needed)
  // Not TextEncoder: it would make `s` external (core/utf8.ts).
  encoder.cpos += encodeUtf8Into(s, encoder.cbuf, encoder.cpos);
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
