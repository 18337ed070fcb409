// Framing for messages larger than a WebRTC data channel takes. Chromium drops messages over
// 256 KiB, and y-webrtc sends a newcomer the whole document in one message: cut big messages into
// numbered frames, put them back together on the other side. Small messages travel unchanged, so
// a plain y-webrtc peer still understands everything a small crisis sends.
//
// Frame: F5 56 47 01 | message id (u32) | index (u32) | count (u32) | payload (≤ FRAME_PAYLOAD)
// y-webrtc's own messages start with a small varint message type, never 0xF5.

const MAGIC = [0xf5, 0x56, 0x47, 0x01];
const HEADER_BYTES = 16;
export const FRAME_PAYLOAD = 60 * 1024;
/** The longest frame, header included. */
export const FRAME_BYTES = HEADER_BYTES + FRAME_PAYLOAD;
/**
 * A whole message may not exceed this: bounds what a peer can make us buffer. A newcomer receives
 * the whole crisis in one message: ~74 MB of Yjs state at 100,000 sightings, hence 128 MiB, the
 * same bound as the relay's largest frame (docs/relay.md).
 */
export const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

export class ChunkError extends Error {}

export function isFrame(data: Uint8Array): boolean {
  return data.length >= HEADER_BYTES && MAGIC.every((b, i) => data[i] === b);
}

/** Whether a message must be framed to travel (too big, or looking like a frame itself). */
export function needsFraming(message: Uint8Array): boolean {
  return message.length > FRAME_PAYLOAD || (message.length > 0 && message[0] === MAGIC[0]);
}

/** How many frames `message` travels in. */
export function frameCount(message: Uint8Array): number {
  return Math.max(1, Math.ceil(message.length / FRAME_PAYLOAD));
}

/**
 * Frame `index` of `message` written into `into` (long enough for it: FRAME_BYTES always is),
 * returned as a view of it: a sender that sends each frame at once (a data channel copies what it is
 * given) reuses one buffer for a whole crisis instead of a copy of it in frames.
 */
export function frameInto(into: Uint8Array, message: Uint8Array, id: number, index: number): Uint8Array {
  const payload = message.subarray(index * FRAME_PAYLOAD, (index + 1) * FRAME_PAYLOAD);
  into.set(MAGIC, 0);
  const view = new DataView(into.buffer, into.byteOffset, HEADER_BYTES);
  view.setUint32(4, id >>> 0);
  view.setUint32(8, index);
  view.setUint32(12, frameCount(message));
  into.set(payload, HEADER_BYTES);
  return into.subarray(0, HEADER_BYTES + payload.length);
}

/**
 * Rebuilds messages from frames that arrive in order (data channels are ordered and reliable, and a
 * sender sends the frames of one message back to back): one partial message at a time, of at most
 * `maxMessageBytes`. Anything else is a broken or hostile sender: ChunkError, and the caller closes.
 */
export class Reassembler {
  private id = -1;
  private expected = 0;
  private parts: Uint8Array[] = [];
  private bytes = 0;

  constructor(private readonly maxMessageBytes = MAX_MESSAGE_BYTES) {}

  /**
   * Returns the whole message when its last frame arrives; throws ChunkError on a bad frame. Frames
   * are kept as given, not copied, until their message is whole: a frame's buffer must not be reused
   * meanwhile (each message event of a data channel has a buffer of its own). A copy of each frame
   * was 100 MB of small buffers for the collector when a newcomer received a 100k crisis.
   */
  push(frame: Uint8Array): Uint8Array | null {
    if (!isFrame(frame)) throw new ChunkError('trame invalide');
    const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
    const id = view.getUint32(4);
    const index = view.getUint32(8);
    const count = view.getUint32(12);
    if (count === 0) return this.fail('nombre de trames invalide');
    if (count > Math.ceil(this.maxMessageBytes / FRAME_PAYLOAD)) {
      return this.fail(`message annoncé trop grand (${count} trames, au plus ${Math.floor(this.maxMessageBytes / (1024 * 1024))} Mio)`);
    }
    if (index === 0) {
      // A new message while another is half received: the sender skipped frames.
      if (this.expected > 0) return this.fail('message interrompu');
      this.start(id, count);
    } else if (id !== this.id || index !== this.parts.length || count !== this.expected) return this.fail('trame hors séquence');
    const payload = frame.subarray(HEADER_BYTES);
    if (payload.length > FRAME_PAYLOAD) return this.fail('trame trop longue');
    if (this.bytes + payload.length > this.maxMessageBytes) return this.fail('message trop grand');
    this.parts.push(payload);
    this.bytes += payload.length;
    if (this.parts.length < this.expected) return null;
    const whole = new Uint8Array(this.bytes);
    let at = 0;
    for (const p of this.parts) {
      whole.set(p, at);
      at += p.length;
    }
    this.start(-1, 0);
    return whole;
  }

  private start(id: number, count: number): void {
    this.id = id;
    this.expected = count;
    this.parts = [];
    this.bytes = 0;
  }

  private fail(reason: string): never {
    this.start(-1, 0);
    throw new ChunkError(reason);
  }
}
