// A data channel that never drops a big message and never hides a send error. It stands in for
// the real RTCDataChannel that simple-peer (inside y-webrtc) drives: sends are framed (chunks.ts)
// and queued with back-pressure on bufferedAmount; frames received are reassembled before
// simple-peer sees them. A failure is reported and the channel closed, so y-webrtc reconnects and
// resynchronises from scratch instead of carrying on with a hole in what was sent.
import { FRAME_BYTES, FRAME_PAYLOAD, Reassembler, frameCount, frameInto, isFrame, needsFraming } from './chunks';

/** Pause sending while more than this is buffered (Chromium fails sends past ~16 MiB). */
const HIGH_WATER = 2 * 1024 * 1024;
const LOW_WATER = 256 * 1024;
/** Longest stretch of sends in one task: a drained buffer refills with ~110 frames, 70–80 ms of sends. */
const PUMP_MS = 8;

export type ChannelErrorHandler = (error: Error) => void;

/** A message too big for one send, queued whole: its frames are made one at a time as they go. */
interface Framed {
  message: Uint8Array;
  id: number;
  /** The next frame to send. */
  index: number;
}
type Queued = Uint8Array | string | Framed;

/** Bytes a queued item still has to send. */
function bytesLeft(item: Queued): number {
  if (typeof item === 'string') return item.length;
  if (item instanceof Uint8Array) return item.byteLength;
  return Math.max(0, item.message.byteLength - item.index * FRAME_PAYLOAD);
}

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

export interface ChunkedChannelOptions {
  /** Largest message rebuilt from frames (default MAX_MESSAGE_BYTES, 128 MiB). */
  maxMessageBytes?: number;
}

export function chunkedChannel(channel: RTCDataChannel, onError: ChannelErrorHandler, options: ChunkedChannelOptions = {}): RTCDataChannel {
  const queue: Queued[] = [];
  // Each frame is written here and sent at once (a data channel copies what it sends): streaming a
  // crisis no longer makes a second copy of it in frames for the collector to sweep.
  const frame = new Uint8Array(FRAME_BYTES);
  /** Bytes in `queue` (frames waiting for the channel to drain). */
  let queuedBytes = 0;
  const reassembler = new Reassembler(options.maxMessageBytes);
  let nextId = 1;
  let waiting = false;

  const fail = (error: Error) => {
    queue.length = 0;
    queuedBytes = 0;
    onError(error);
    try {
      channel.close();
    } catch {
      /* already closed */
    }
  };

  // One listener for the whole life of the channel. (A `{ once: true }` listener added at each wait
  // stayed registered whenever the poll below resumed first, which it does while a newcomer is
  // streamed to: thousands piled up, each add scanned them all, and when the buffer finally drained
  // Chromium ran them all in one native task — an 8-second freeze of the open copy at 100,000
  // sightings.)
  let poll: ReturnType<typeof setTimeout> | undefined;
  const resume = () => {
    if (!waiting) return;
    waiting = false;
    clearTimeout(poll);
    pump();
  };
  channel.addEventListener('bufferedamountlow', resume);

  let continuing = false;
  const pump = () => {
    if (continuing) return; // a later task carries on, in order
    const until = performance.now() + PUMP_MS;
    while (queue.length && channel.readyState === 'open') {
      if (performance.now() > until) {
        // The rest in a later task: input and paint go first. (Sends made meanwhile queue behind.)
        continuing = true;
        setTimeout(() => {
          continuing = false;
          pump();
        }, 0);
        return;
      }
      if (channel.bufferedAmount > HIGH_WATER) {
        if (!waiting) {
          waiting = true;
          channel.bufferedAmountLowThreshold = Math.min(channel.bufferedAmountLowThreshold || LOW_WATER, LOW_WATER);
          // Some implementations (@roamhq/wrtc in Node) never fire bufferedamountlow: look again.
          poll = setTimeout(resume, 50);
        }
        return;
      }
      const head = queue[0]!;
      let next: Uint8Array | string;
      if (typeof head === 'string' || head instanceof Uint8Array) {
        next = head;
        queuedBytes -= bytesLeft(head);
        queue.shift();
      } else {
        const before = bytesLeft(head);
        next = frameInto(frame, head.message, head.id, head.index++);
        queuedBytes -= before - bytesLeft(head);
        if (head.index === frameCount(head.message)) queue.shift();
      }
      try {
        channel.send(next as Uint8Array<ArrayBuffer>);
      } catch (e) {
        return fail(new Error(`Envoi WebRTC impossible : ${(e as Error).message}`));
      }
    }
  };

  const send = (data: unknown) => {
    if (channel.readyState === 'connecting') {
      // y-webrtc broadcasts every update to each connection it knows, open or not. Nothing is lost
      // by not sending before the channel opens: on open, y-webrtc runs sync step 1/2 and sends the
      // awareness states, which carry everything. Not a failure, so not reported.
      return;
    }
    if (channel.readyState !== 'open') {
      // Closing or closed: y-webrtc reconnects and resynchronises; frames lost with the channel
      // are reported by the close handler below.
      throw new Error(`Envoi WebRTC impossible : canal ${channel.readyState}`);
    }
    const bytes = bytesOf(data);
    const item: Queued = bytes && needsFraming(bytes) ? { message: bytes, id: nextId++, index: 0 } : ((bytes ?? data) as Uint8Array | string);
    queue.push(item);
    queuedBytes += bytesLeft(item);
    pump();
  };

  channel.addEventListener('close', () => {
    if (queue.length) onError(new Error(`Canal WebRTC fermé avec ${queue.length} message(s) non envoyé(s) : resynchronisation à la reconnexion`));
    queue.length = 0;
    queuedBytes = 0;
  });

  const receive = (handler: (event: MessageEvent) => void) => (event: MessageEvent) => {
    let message = event;
    try {
      const bytes = bytesOf(event.data);
      if (bytes && isFrame(bytes)) {
        const whole = reassembler.push(bytes);
        if (!whole) return;
        message = new MessageEvent('message', { data: whole.buffer });
      }
    } catch (e) {
      // Framing out of step: what follows cannot be trusted; start over on a new connection.
      return fail(new Error(`Trame WebRTC rejetée : ${(e as Error).message}`));
    }
    try {
      handler(message);
    } catch (e) {
      // A message y-webrtc could not read (a peer's garbage, or a bug) is dropped and reported;
      // it must not break this copy, and the messages after it are independent.
      onError(new Error(`Message WebRTC ignoré : ${(e as Error).message}`));
    }
  };

  return new Proxy(channel, {
    get(target, prop) {
      if (prop === 'send') return send;
      // What is waiting to go out: frames queued here plus the channel's own buffer (for senders
      // that pace themselves, like the streamed answer to a newcomer, quiet-provider.ts).
      if (prop === 'queuedAmount') return Math.max(0, queuedBytes) + target.bufferedAmount;
      // Only what is queued here: 0 once every message sent so far is in the browser's hands (it
      // copies what it sends), so a sender may write its next message in the same array.
      if (prop === 'pendingAmount') return queue.length ? Math.max(1, queuedBytes) : 0;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set(target, prop, value) {
      if (prop === 'onmessage') {
        target.onmessage = typeof value === 'function' ? receive(value) : value;
        return true;
      }
      return Reflect.set(target, prop, value, target);
    },
  });
}

export interface RtcImplementation {
  RTCPeerConnection: typeof RTCPeerConnection;
  RTCSessionDescription: typeof RTCSessionDescription;
  RTCIceCandidate: typeof RTCIceCandidate;
}

/**
 * The RTC implementation given to simple-peer (y-webrtc's `peerOpts.wrtc`): the browser's own, or
 * @roamhq/wrtc in Node, with every data channel wrapped by chunkedChannel.
 */
export function withChunkedChannels(rtc: RtcImplementation, onError: ChannelErrorHandler, options: ChunkedChannelOptions = {}): RtcImplementation {
  const wrapHandler = (handler: unknown) =>
    typeof handler === 'function'
      ? (event: RTCDataChannelEvent) => (handler as (e: RTCDataChannelEvent) => void)({ channel: chunkedChannel(event.channel, onError, options) } as RTCDataChannelEvent)
      : handler;
  class ChunkedPeerConnection extends rtc.RTCPeerConnection {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      // @roamhq/wrtc defines `ondatachannel` as a non-configurable own property of each instance,
      // which hides the accessor below: without this, channels a Node peer accepts (the
      // non-initiator's) were never wrapped, and a large crisis arrived as unreadable frames.
      if (Object.prototype.hasOwnProperty.call(this, 'ondatachannel')) {
        return new Proxy(this, {
          set(target, prop, value) {
            return Reflect.set(target, prop, prop === 'ondatachannel' ? wrapHandler(value) : value, target);
          },
        });
      }
    }
    override createDataChannel(label: string, init?: RTCDataChannelInit): RTCDataChannel {
      return chunkedChannel(super.createDataChannel(label, init), onError, options);
    }
    override set ondatachannel(handler: ((event: RTCDataChannelEvent) => void) | null) {
      super.ondatachannel = wrapHandler(handler) as typeof handler;
    }
    override get ondatachannel() {
      return super.ondatachannel;
    }
  }
  return { ...rtc, RTCPeerConnection: ChunkedPeerConnection };
}
