// Chunked data channels over real WebRTC connections (@roamhq/wrtc, host candidates only, this
// machine): what a hostile or broken peer can send, and what a Node peer receives.
import { randomBytes } from 'node:crypto';
import wrtc from '@roamhq/wrtc';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunkedChannel, withChunkedChannels } from '../../src-renderer/sync/chunked-channel';
import { ChunkError, FRAME_BYTES, FRAME_PAYLOAD, MAX_MESSAGE_BYTES, Reassembler, frameCount, frameInto, isFrame } from '../../src-renderer/sync/chunks';
import { waitFor } from './relay-helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

const raw = wrtc as unknown as { RTCPeerConnection: typeof RTCPeerConnection; RTCSessionDescription: typeof RTCSessionDescription; RTCIceCandidate: typeof RTCIceCandidate };

/**
 * Two peer connections joined directly (offer, answer and candidates handed over in memory), as
 * simple-peer does it: the initiator creates the channel with createDataChannel, the other side
 * gets it through `ondatachannel` (a property assignment, as simple-peer makes).
 */
async function pair(initiatorRtc: typeof raw, answererRtc: typeof raw) {
  const a = new initiatorRtc.RTCPeerConnection({ iceServers: [] });
  const b = new answererRtc.RTCPeerConnection({ iceServers: [] });
  cleanups.push(() => a.close(), () => b.close());
  a.onicecandidate = (e) => e.candidate && void b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && void a.addIceCandidate(e.candidate);
  const sending = a.createDataChannel('vigie');
  sending.binaryType = 'arraybuffer';
  const receiving = new Promise<RTCDataChannel>((resolve) => {
    b.ondatachannel = (e) => resolve(e.channel);
  });
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription!);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription!);
  const channel = await receiving;
  channel.binaryType = 'arraybuffer';
  await waitFor(() => sending.readyState === 'open' && channel.readyState === 'open', 10_000, 'canal ouvert');
  const received: Uint8Array[] = [];
  // As simple-peer does: a property assignment, which the wrapper intercepts.
  channel.onmessage = (e: MessageEvent) => received.push(new Uint8Array(e.data as ArrayBuffer));
  return { sending, channel, received };
}

function frame(id: number, index: number, count: number, payload = new Uint8Array(16)): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(16 + payload.length);
  bytes.set([0xf5, 0x56, 0x47, 0x01]);
  const view = new DataView(bytes.buffer);
  view.setUint32(4, id);
  view.setUint32(8, index);
  view.setUint32(12, count);
  bytes.set(payload, 16);
  return bytes;
}

describe('chunked channels over @roamhq/wrtc', () => {
  it('a Node peer that accepts the connection (ondatachannel) rebuilds a 1 MB message', async () => {
    const errors: Error[] = [];
    const vigie = withChunkedChannels(raw, (e) => errors.push(e));
    const { sending, received } = await pair(vigie as typeof raw, vigie as typeof raw);
    const message = new Uint8Array(randomBytes(1024 * 1024));
    sending.send(message);
    // Before: wrtc's own `ondatachannel` property hid the wrapper, 18 raw frames arrived instead.
    await waitFor(() => received.length > 0, 10_000, 'le message');
    expect(received.length).toBe(1);
    expect(Buffer.from(received[0]).equals(Buffer.from(message))).toBe(true);
    expect(errors).toEqual([]);
  });

  it('a hostile sender announcing a message over the cap is cut off at its first frame, and reported', async () => {
    const errors: Error[] = [];
    const guarded = withChunkedChannels(raw, (e) => errors.push(e));
    const { sending, channel, received } = await pair(raw, guarded as typeof raw);
    // 3,000 frames of 60 KiB announced (~176 MiB): before, anything up to 1 GiB was buffered.
    const count = Math.ceil(MAX_MESSAGE_BYTES / FRAME_PAYLOAD) + 1;
    sending.send(frame(1, 0, count, new Uint8Array(FRAME_PAYLOAD)));
    await waitFor(() => channel.readyState === 'closed' || channel.readyState === 'closing', 5_000, 'canal fermé');
    expect(received).toEqual([]);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/^Trame WebRTC rejetée : message annoncé trop grand/)]);
  });

  it('a message interrupted by another is rejected (one partial message at a time)', async () => {
    const errors: Error[] = [];
    const guarded = withChunkedChannels(raw, (e) => errors.push(e), { maxMessageBytes: 1024 * 1024 });
    const { sending, channel } = await pair(raw, guarded as typeof raw);
    sending.send(frame(1, 0, 10));
    sending.send(frame(2, 0, 10));
    await waitFor(() => errors.length > 0, 5_000, 'rejet');
    expect(errors[0].message).toBe('Trame WebRTC rejetée : message interrompu');
    await waitFor(() => channel.readyState !== 'open', 5_000, 'canal fermé');
  });

  it('a send while the channel is still connecting is not reported as a failure', async () => {
    const errors: Error[] = [];
    const vigie = withChunkedChannels(raw, (e) => errors.push(e));
    const a = new vigie.RTCPeerConnection({ iceServers: [] });
    cleanups.push(() => a.close());
    const channel = a.createDataChannel('vigie');
    expect(channel.readyState).toBe('connecting');
    expect(() => channel.send(new Uint8Array([1, 2, 3]))).not.toThrow();
    expect(errors).toEqual([]);
  });
});

describe('Reassembler limits', () => {
  it('rebuilds what frameInto cut, refuses more than its cap, and a frame out of sequence', () => {
    const r = new Reassembler(3 * FRAME_PAYLOAD);
    const message = new Uint8Array(2 * FRAME_PAYLOAD + 10).fill(7);
    // Each frame in a buffer of its own, as a data channel delivers them.
    const frames = Array.from({ length: frameCount(message) }, (_, i) => frameInto(new Uint8Array(FRAME_BYTES), message, 9, i));
    expect(frames.map((f) => r.push(f)).at(-1)).toEqual(message);
    expect(() => new Reassembler(3 * FRAME_PAYLOAD).push(frame(1, 0, 4))).toThrow(ChunkError);
    expect(() => new Reassembler().push(frame(1, 1, 4))).toThrow('trame hors séquence');
    expect(() => new Reassembler().push(frame(1, 0, 0))).toThrow('nombre de trames invalide');
  });
});

describe('back-pressure', () => {
  /** A data channel whose buffer drains only when told (a slow link); counts its listeners. */
  class SlowChannel extends EventTarget {
    readyState = 'open';
    bufferedAmount = 0;
    bufferedAmountLowThreshold = 0;
    sent = 0;
    listeners = 0;
    override addEventListener(type: string, f: EventListenerOrEventListenerObject | null, o?: AddEventListenerOptions | boolean): void {
      if (type === 'bufferedamountlow') this.listeners++;
      super.addEventListener(type, f, o);
    }
    send(data: Uint8Array) {
      this.sent++;
      this.bufferedAmount += data.byteLength;
    }
    close() {
      this.readyState = 'closed';
    }
  }

  it('several big messages queued at once arrive whole and in order, their frames made one at a time in one buffer', async () => {
    const errors: Error[] = [];
    const vigie = withChunkedChannels(raw, (e) => errors.push(e));
    const { sending, received } = await pair(vigie as typeof raw, vigie as typeof raw);
    // 5 MiB in all: more than the channel's high-water mark, so most frames wait in the queue and
    // are written into the shared frame buffer long after send() returned.
    const messages = Array.from({ length: 5 }, () => new Uint8Array(randomBytes(1024 * 1024 + 17)));
    for (const m of messages) sending.send(m);
    // How much waits depends on how fast the native channel drains while send() runs: 1.6 to 4.4 MiB
    // in our runs (1.6 in a CI run, 29 Nov.).
    expect((sending as unknown as { queuedAmount: number }).queuedAmount).toBeGreaterThan(1024 * 1024);
    // Frames still queued here: a sender must not write its next message over the last one.
    expect((sending as unknown as { pendingAmount: number }).pendingAmount).toBeGreaterThan(0);
    await waitFor(() => received.length === messages.length, 20_000, 'les messages');
    expect((sending as unknown as { pendingAmount: number }).pendingAmount).toBe(0);
    received.forEach((r, i) => expect(Buffer.from(r).equals(Buffer.from(messages[i]!)), `message ${i}`).toBe(true));
    await waitFor(() => (sending as unknown as { queuedAmount: number }).queuedAmount === 0, 5_000, 'file vidée');
    expect(errors).toEqual([]);
  });

  it('a long stream over a slow link keeps one drain listener, and sends everything in order once drained', async () => {
    const slow = new SlowChannel();
    const channel = chunkedChannel(slow as unknown as RTCDataChannel, (e) => {
      throw e;
    });
    const message = new Uint8Array(FRAME_PAYLOAD - 64);
    // 3 MiB queued over a link that holds 2 MiB: the queue waits.
    for (let i = 0; i < 3 * 16; i++) channel.send(message);
    expect(slow.sent).toBeLessThan(3 * 16);
    // The link drains a little at a time, never below the low-water mark (no bufferedamountlow):
    // only the poll resumes the queue, cycle after cycle.
    for (let cycle = 0; cycle < 40; cycle++) {
      slow.bufferedAmount = Math.max(0, slow.bufferedAmount - 70_000);
      await new Promise((r) => setTimeout(r, 55));
    }
    expect(slow.listeners).toBe(1);
    // Drained: the event resumes the rest.
    for (let i = 0; i < 20 && slow.sent < 48; i++) {
      slow.bufferedAmount = 0;
      slow.dispatchEvent(new Event('bufferedamountlow'));
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(slow.sent).toBe(48);
    expect(slow.listeners).toBe(1);
  });

  it('sends for 8 ms at most in one task, then the rest in later tasks, in order', async () => {
    // A fast link (its buffer never fills) on a page where each send takes 1 ms (a fake clock).
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => now);
    const fast = new SlowChannel();
    const frames: Uint8Array[] = [];
    fast.send = (data: Uint8Array) => {
      now += 1;
      fast.sent++;
      frames.push(data.slice());
    };
    try {
      const channel = chunkedChannel(fast as unknown as RTCDataChannel, (e) => {
        throw e;
      });
      // One message of 60 frames, then a small one sent while they wait.
      const big = Uint8Array.from({ length: 60 * FRAME_PAYLOAD - 100 }, (_, i) => i % 251);
      channel.send(big);
      expect(fast.sent).toBeLessThanOrEqual(9); // one task's worth; the rest waits its turn
      channel.send(new Uint8Array([7, 7, 7]));
      expect(fast.sent).toBeLessThanOrEqual(9);
      const pending = () => (channel as unknown as { pendingAmount: number }).pendingAmount;
      expect(pending()).toBeGreaterThan(0);
      await vi.waitFor(() => expect(fast.sent).toBeGreaterThanOrEqual(61));
      // Every frame in the link's hands (which copies them): the sender's array is free again.
      expect(pending()).toBe(0);
      // Rebuilt on the other side: the big message whole, then the small one.
      const reassembler = new Reassembler();
      const got = frames.map((f) => (isFrame(f) ? reassembler.push(f) : f)).filter(Boolean);
      expect(got).toEqual([big, new Uint8Array([7, 7, 7])]);
    } finally {
      clock.mockRestore();
    }
  });
});
