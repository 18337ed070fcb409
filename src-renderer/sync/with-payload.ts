// A sync message that ends with a large payload (a slice of the crisis, ~1 MB): its header, then the
// payload's length and bytes, in one array of the exact size. lib0's writeVarUint8Array copies the
// payload into a grown buffer that toUint8Array copies again: three megabytes of ArrayBuffers per
// megabyte sent. Streaming 100,000 sightings to a newcomer made hundreds of megabytes of them, and
// the collections they forced froze the open copy for 100–300 ms at a time.
import * as encoding from 'lib0/encoding';

/** `head`'s fields, then `payload` as lib0's writeVarUint8Array writes it. */
export function withPayload(head: (e: encoding.Encoder) => void, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  head(e);
  encoding.writeVarUint(e, payload.length);
  const prefix = encoding.toUint8Array(e);
  const out = new Uint8Array(prefix.length + payload.length);
  out.set(prefix);
  out.set(payload, prefix.length);
  return out;
}
