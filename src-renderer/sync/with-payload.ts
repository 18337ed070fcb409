// A sync message that ends with a large payload (a slice of the crisis, ~1 MB): its header, then the
// payload's length and bytes, in one array of the exact size. lib0's writeVarUint8Array copies the
// payload into a grown buffer that toUint8Array copies again: three megabytes of ArrayBuffers per
// megabyte sent. Streaming 100,000 sightings to a newcomer made hundreds of megabytes of them, and
// the collections they forced froze the open copy for 100–300 ms at a time.
//
// A sender whose transport copies what it is given at once (a browser's WebSocket or data channel
// does, on `send`) writes its messages in a MessageBuffer instead: one array for a whole stream. V8
// counts array buffers against the heap's allowance for memory outside it, and frees them only when
// it collects; with little else allocated, the ~70 MB of one array per slice were what started full
// collections of the open copy's 250 MB heap while it streamed a crisis.
import * as encoding from 'lib0/encoding';

/** Messages longer than this are not kept for the next one (a stream's slices stay well under it). */
const KEPT_BYTES = 8 * 1024 * 1024;

/** One array reused from message to message: a message written in it is valid until the next. */
export class MessageBuffer {
  private bytes = new Uint8Array(0);

  /** An array of `length` bytes: a view of the kept one when it fits. */
  take(length: number): Uint8Array {
    if (length > KEPT_BYTES) return new Uint8Array(length);
    if (this.bytes.length < length) this.bytes = new Uint8Array(Math.min(KEPT_BYTES, Math.max(length, this.bytes.length * 2, 64 * 1024)));
    return this.bytes.subarray(0, length);
  }
}

/** `head`'s fields, then `payload` as lib0's writeVarUint8Array writes it; in `into` when given. */
export function withPayload(head: (e: encoding.Encoder) => void, payload: Uint8Array, into?: MessageBuffer): Uint8Array {
  const e = encoding.createEncoder();
  head(e);
  encoding.writeVarUint(e, payload.length);
  const prefix = encoding.toUint8Array(e);
  const length = prefix.length + payload.length;
  const out = into ? into.take(length) : new Uint8Array(length);
  out.set(prefix);
  out.set(payload, prefix.length);
  return out;
}
