// One Vigie copy in its own Node process, for the sync bench (bench/sync/suite.ts drives it over IPC).
// Own process because y-webrtc keeps module-global state (one room per name per process; two
// providers of one room in one process would talk over BroadcastChannel, not WebRTC), and so that
// every copy has its own event loop, as on separate machines.
//
// It holds a Y.Doc and connects it with Vigie's real transports (connectWebrtc: y-webrtc with the
// chunked data channels; connectRelay: the Hocuspocus provider). The RTC implementation and the
// WebSocket class it is given are @roamhq/wrtc's and ws's, with a thin layer that only timestamps
// and counts what crosses the wire (data channel opened, bytes sent/received, when the frames of a
// big message arrive). Times are CLOCK_MONOTONIC ms (clock.ts), comparable across processes.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import wrtc from '@roamhq/wrtc';
import WebSocket from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { chunkedChannel, type RtcImplementation } from '../../src-renderer/sync/chunked-channel';
import { isFrame } from '../../src-renderer/sync/chunks';
import { connectRelay } from '../../src-renderer/sync/relay-transport';
import type { Transport } from '../../src-renderer/sync/transport';
import { connectWebrtc } from '../../src-renderer/sync/webrtc-transport';
import { now } from './clock';
import { createdSighting, creationEntries, newSigner, priorityEdit, type LogEntry } from './entries';

// y-webrtc's signaling client (lib0/websocket) needs the browser's global; Node 20 has none.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export type TransportKind = 'webrtc' | 'relay';
export interface PeerInit {
  transport: TransportKind;
  /** ws://…/signal for WebRTC, ws://…/sync for the relay. */
  url: string;
  crisisKey: string;
  /** The crisis's id: what every entry's signature covers with its body. */
  crisisId: string;
}

const doc = new Y.Doc();
const log = doc.getArray<LogEntry>('log');
// One awareness for the copy's whole life, reused across pause/resume as SyncSession does.
const awareness = new Awareness(doc);
let init: PeerInit | null = null;
let transport: Transport | null = null;
let loopDelay: IntervalHistogram | null = null;
/** This copy's member key: every entry it writes is signed with it (its id is the entries' author). */
const signer = newSigner();
/** While the driver measures latency: report every envelope of a small remote transaction (by signature). */
let probing = false;

// ---- wire instrumentation ----------------------------------------------------------------

interface BigMessage {
  /** Frames (WebRTC) or 1 (WebSocket). */
  frames: number;
  bytes: number;
  /** First and last frame received. */
  first: number;
  last: number;
}
let wire = freshWire();
function freshWire() {
  return { opened: [] as number[], sent: 0, received: 0, big: [] as BigMessage[] };
}

const sizeOf = (data: unknown): number =>
  typeof data === 'string' ? Buffer.byteLength(data) : data instanceof ArrayBuffer ? data.byteLength : ArrayBuffer.isView(data) ? data.byteLength : Array.isArray(data) ? data.reduce((n, b) => n + sizeOf(b), 0) : 0;

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/** Frames of framed messages (chunks.ts) as they arrive on a raw data channel. */
function frameWatcher(into: () => BigMessage[]) {
  let current: BigMessage | null = null;
  return (data: unknown) => {
    const t = now();
    const bytes = bytesOf(data);
    if (!bytes || !isFrame(bytes)) return;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const index = view.getUint32(8);
    const count = view.getUint32(12);
    if (index === 0) current = { frames: count, bytes: 0, first: t, last: t };
    if (!current) return;
    current.bytes += bytes.byteLength - 16;
    current.last = t;
    if (index === count - 1) {
      into().push(current);
      current = null;
    }
  };
}

/**
 * @roamhq/wrtc 0.10's data channels have no bufferedAmountLowThreshold and never fire
 * 'bufferedamountlow' (its EventTarget also ignores `{ once }`). Vigie's chunkedChannel pauses
 * past 2 MiB buffered and resumes on that event, as browsers fire it; with wrtc as is, a message
 * over ~2 MiB stalls until the next send() happens to pump the queue again. This gives wrtc's
 * channels the event, from bufferedAmount polled every millisecond while someone waits for it.
 */
function withBufferedAmountLow(channel: RTCDataChannel): RTCDataChannel {
  if ('onbufferedamountlow' in (channel as object)) return channel; // a real implementation
  let threshold = 0;
  Object.defineProperty(channel, 'bufferedAmountLowThreshold', { get: () => threshold, set: (v: number) => (threshold = v), configurable: true });
  const waiting = new Set<(event: Event) => void>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const poll = () => {
    timer = null;
    if (channel.readyState !== 'open') return waiting.clear();
    if (channel.bufferedAmount > threshold) return void (timer = setTimeout(poll, 1));
    const listeners = [...waiting];
    waiting.clear();
    for (const listener of listeners) listener({ type: 'bufferedamountlow' } as Event);
  };
  const add = channel.addEventListener.bind(channel) as (type: string, listener: unknown, options?: unknown) => void;
  (channel as unknown as { addEventListener: typeof add }).addEventListener = (type, listener, options) => {
    if (type !== 'bufferedamountlow') return add(type, listener, options);
    waiting.add(listener as (event: Event) => void); // every caller here asks for { once: true }
    timer ??= setTimeout(poll, 1);
  };
  return channel;
}

function instrument(channel: RTCDataChannel): RTCDataChannel {
  withBufferedAmountLow(channel);
  const opened = () => wire.opened.push(now());
  if (channel.readyState === 'open') opened();
  else channel.addEventListener('open', opened, { once: true });
  const send = channel.send.bind(channel) as (data: unknown) => void;
  // chunkedChannel calls send on this very object for every frame it pumps.
  (channel as unknown as { send: (data: unknown) => void }).send = (data) => {
    wire.sent += sizeOf(data);
    send(data);
  };
  const frames = frameWatcher(() => wire.big);
  channel.addEventListener('message', (event) => {
    wire.received += sizeOf(event.data);
    frames(event.data);
  });
  return channel;
}

const plainRtc: RtcImplementation = {
  RTCPeerConnection: wrtc.RTCPeerConnection as unknown as typeof RTCPeerConnection,
  RTCSessionDescription: wrtc.RTCSessionDescription as unknown as typeof RTCSessionDescription,
  RTCIceCandidate: wrtc.RTCIceCandidate as unknown as typeof RTCIceCandidate,
};

/**
 * @roamhq/wrtc's RTCPeerConnection as a browser's behaves for subclasses: wrtc defines `ondatachannel`
 * (and the other on… handlers) as own, non-configurable data properties of each instance, which
 * shadow any accessor a subclass puts on its prototype. Vigie's withChunkedChannels wraps incoming
 * data channels through such an accessor (chunked-channel.ts), so with wrtc as is, the answering
 * side of every link reads frames unassembled ("Unable to compute message" from y-webrtc) and never
 * receives a crisis larger than one frame. This class holds the real connection and forwards every
 * method and property to it, so that accessors of subclasses take effect, as in Chromium.
 */
function withPrototypeHandlers(Real: typeof RTCPeerConnection): typeof RTCPeerConnection {
  const sample = new Real({ iceServers: [] });
  const names = new Set<string>();
  for (let o: object | null = sample; o && o !== Object.prototype; o = Object.getPrototypeOf(o)) for (const name of Object.getOwnPropertyNames(o)) names.add(name);
  sample.close();
  type Any = Record<string, unknown> & { real: Record<string, unknown> };
  class Forwarding {
    readonly real: unknown;
    constructor(config?: RTCConfiguration) {
      this.real = new Real(config);
    }
  }
  for (const name of names) {
    if (name === 'constructor' || name.startsWith('_')) continue;
    const isMethod = !Object.prototype.hasOwnProperty.call(sample, name) && typeof (sample as unknown as Record<string, unknown>)[name] === 'function';
    Object.defineProperty(
      Forwarding.prototype,
      name,
      isMethod
        ? { value(this: Any, ...args: unknown[]) { return (this.real[name] as (...a: unknown[]) => unknown).apply(this.real, args); }, writable: true, configurable: true }
        : { get(this: Any) { return this.real[name]; }, set(this: Any, value: unknown) { this.real[name] = value; }, configurable: true },
    );
  }
  return Forwarding as unknown as typeof RTCPeerConnection;
}

class InstrumentedPeerConnection extends withPrototypeHandlers(plainRtc.RTCPeerConnection) {
  override createDataChannel(label: string, init?: RTCDataChannelInit): RTCDataChannel {
    return instrument(super.createDataChannel(label, init));
  }
  override set ondatachannel(handler: ((event: RTCDataChannelEvent) => void) | null) {
    super.ondatachannel = handler && ((event: RTCDataChannelEvent) => (instrument(event.channel), handler(event)));
  }
  override get ondatachannel() {
    return super.ondatachannel;
  }
}
const instrumentedRtc: RtcImplementation = { ...plainRtc, RTCPeerConnection: InstrumentedPeerConnection };

class InstrumentedWebSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    // The relay may hand a newcomer a whole crisis in one message (~70 MB at 100k sightings).
    super(address, protocols, { maxPayload: 1024 * 1024 * 1024 });
    this.on('open', () => wire.opened.push(now()));
    this.on('message', (data: WebSocket.RawData) => {
      const t = now();
      const n = sizeOf(data);
      wire.received += n;
      if (n > 1024 * 1024) wire.big.push({ frames: 1, bytes: n, first: t, last: t });
    });
  }
  override send(data: unknown, ...rest: unknown[]): void {
    wire.sent += sizeOf(data);
    (super.send as (...args: unknown[]) => void)(data, ...rest);
  }
}

// ---- the copy ------------------------------------------------------------------------------

async function connect(): Promise<Transport> {
  if (!init) throw new Error('init first');
  const common = { doc, awareness, crisisKey: init.crisisKey, onChange: () => {} };
  return init.transport === 'webrtc'
    ? connectWebrtc({ ...common, signaling: [init.url], ice: [], rtc: instrumentedRtc })
    : connectRelay({ ...common, url: init.url, WebSocketPolyfill: InstrumentedWebSocket });
}

/** Resolvers waiting for the log to hold at least n entries. */
const lengthWaits: { n: number; resolve: (t: number) => void }[] = [];
let lastLength = 0;
log.observe((event) => {
  const t = now();
  const length = log.length;
  for (let i = lengthWaits.length - 1; i >= 0; i--)
    if (length >= lengthWaits[i].n) {
      lengthWaits[i].resolve(t);
      lengthWaits.splice(i, 1);
    }
  // Latency probes: small remote transactions, each envelope named by its signature.
  if (probing && !event.transaction.local && length - lastLength <= 16) {
    for (const op of event.changes.delta)
      for (const entry of (op.insert as LogEntry[] | undefined) ?? []) process.send!({ event: 'probe', key: entry.g, t });
  }
  lastLength = length;
});
const logAtLeast = (n: number) => (log.length >= n ? Promise.resolve(now()) : new Promise<number>((resolve) => lengthWaits.push({ n, resolve })));

async function until(test: () => boolean, what: string, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return now();
}

const sightingIds = () => log.toArray().flatMap((e) => createdSighting(e) ?? []);
const sameOrAhead = (target: Map<number, number>) => {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of target) if ((have.get(client) ?? 0) < clock) return false;
  return true;
};

// ---- the bare-channel floor ---------------------------------------------------------------

let floorPc: RTCPeerConnection | null = null;
let floorChannel: RTCDataChannel | null = null;
let floorResult: Promise<{ t: number; bytes: number; first: number; last: number }> | null = null;

async function gathered(pc: RTCPeerConnection): Promise<RTCSessionDescriptionInit> {
  // No trickle: wait for every (host) candidate, then hand over one description.
  await until(() => pc.iceGatheringState === 'complete', 'ICE gathering', 10_000);
  const d = pc.localDescription!;
  return { type: d.type, sdp: d.sdp };
}

const floorError = (e: Error) => console.error('[peer] floor channel:', e.message);

// ---- commands ------------------------------------------------------------------------------

const commands = {
  init(o: PeerInit) {
    init = o;
    return { clientId: doc.clientID };
  },

  /**
   * n sightings created here: signed creation entries (signing timed apart: Node's WebCrypto), pushed
   * in transactions of 5,000 (createMany's batch in the store bench). Signing 100k entries takes a
   * minute in Node here: the first copy of a size writes them to `cache`, later ones of the same
   * crisis read them back (signed by the first one's key: receivers only count envelopes).
   */
  async fill({ n, cache }: { n: number; cache: string }) {
    const me = await signer;
    const t0 = now();
    const cached = await readFile(cache, 'utf8').then((text) => JSON.parse(text) as LogEntry[], () => null);
    const entries = cached ?? (await creationEntries(n, me, init!.crisisId));
    const t1 = now();
    if (!cached) await writeFile(cache, JSON.stringify(entries));
    for (let i = 0; i < n; i += 5000) doc.transact(() => log.push(entries.slice(i, i + 5000)));
    const t2 = now();
    const jsonBytes = entries.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e)), 0);
    return { signMs: cached ? NaN : t1 - t0, ms: t2 - t1, entries: log.length, jsonBytes, stateBytes: Y.encodeStateAsUpdate(doc).byteLength };
  },

  async connect() {
    const t = now();
    wire = freshWire();
    loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    transport = await connect();
    return { t };
  },

  /** The longest event-loop stall since connect, once the loop has been free for `quietMs`. */
  async stallSinceConnect({ quietMs }: { quietMs: number }) {
    let last = now();
    let quietSince = last;
    while (now() - quietSince < quietMs) {
      await new Promise((r) => setTimeout(r, 10));
      const t = now();
      if (t - last > 50) quietSince = t;
      last = t;
    }
    loopDelay?.disable();
    return { maxMs: (loopDelay?.max ?? 0) / 1e6 };
  },

  /** A newcomer: connects and waits until its log holds n entries (fails fast if no link opens). */
  async join({ n, openWithinMs = 30_000 }: { n: number; openWithinMs?: number }) {
    wire = freshWire();
    const tJoin = now();
    transport = await connect();
    const done = logAtLeast(n);
    await until(() => wire.opened.length > 0, 'no link opened', openWithinMs);
    const tDone = await done;
    return { tJoin, tDone, opened: wire.opened[0], big: wire.big.slice(), entries: log.length };
  },

  /** Until the transport reports `peers` peers (WebRTC: open data channels; relay: 1 once synced). */
  async waitPeers({ peers, timeoutMs }: { peers: number; timeoutMs?: number }) {
    return { t: await until(() => (transport?.status().peers ?? 0) >= peers, `${peers} peer(s)`, timeoutMs) };
  },

  async waitPeersAtMost({ peers }: { peers: number }) {
    return { t: await until(() => (transport?.status().peers ?? 0) <= peers, `at most ${peers} peer(s)`) };
  },

  async waitOnline() {
    return { t: await until(() => transport?.status().online ?? false, 'online') };
  },

  /** Relay: until the relay acknowledged every local change. */
  async waitHolds() {
    return { t: await until(() => transport?.status().holdsEverything ?? false, 'relay holds everything', 120_000) };
  },

  async waitLength({ n }: { n: number }) {
    return { t: await logAtLeast(n) };
  },

  /** Latency probes on or off (receivers report small remote transactions while on). */
  probing({ on }: { on: boolean }) {
    probing = on;
  },

  /**
   * A latency probe: one signed edit, one transaction; t is taken after signing, just before the
   * push (the transport's part; signing and the receiver's verification are in the store bench).
   */
  async edit({ sighting }: { sighting: string }) {
    const entry = await priorityEdit(sighting, await signer, init!.crisisId);
    const t = now();
    log.push([entry]);
    return { t, key: entry.g };
  },

  someSightings({ count }: { count: number }) {
    return sightingIds().slice(0, count);
  },

  /** Sync paused: Vigie's "pause" destroys the transports (SyncSession.pause). */
  pause() {
    transport?.destroy();
    transport = null;
  },

  async resume() {
    wire = freshWire();
    loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const t = now();
    transport = await connect();
    return { t };
  },

  /** count signed edits of existing sightings (signed first), one transaction each. */
  async editMany({ count }: { count: number }) {
    const ids = sightingIds();
    const me = await signer;
    const t = Date.now();
    const entries = await Promise.all(Array.from({ length: count }, (_, i) => priorityEdit(ids[(i * 7919) % ids.length]!, me, init!.crisisId, t + i)));
    const t0 = now();
    for (const e of entries) log.push([e]);
    return { ms: now() - t0 };
  },

  stateVector() {
    return Y.encodeStateVector(doc);
  },

  /** Resolves when this copy's state vector reaches target (the union of both sides' vectors). */
  async awaitStateVector({ target }: { target: Uint8Array }) {
    const want = Y.decodeStateVector(target);
    if (sameOrAhead(want)) return { t: now(), opened: wire.opened[0] };
    const t = await new Promise<number>((resolve) => {
      const check = () => {
        if (!sameOrAhead(want)) return;
        doc.off('afterTransaction', check);
        resolve(now());
      };
      doc.on('afterTransaction', check);
    });
    return { t, opened: wire.opened[0] };
  },

  digest() {
    const json = JSON.stringify(log.toJSON());
    return { entries: log.length, sha256: createHash('sha256').update(json).digest('hex'), stateVector: Buffer.from(Y.encodeStateVector(doc)).toString('base64') };
  },

  wire() {
    return { ...wire, big: wire.big.slice() };
  },

  /** What Yjs alone costs for a newcomer, no transport: encode this whole document, apply it to an empty one. */
  yjsAlone() {
    const t0 = now();
    const update = Y.encodeStateAsUpdate(doc);
    const t1 = now();
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, update);
    const t2 = now();
    if (fresh.getArray('log').length !== log.length) throw new Error('yjsAlone: not the same log');
    fresh.destroy();
    return { encodeMs: t1 - t0, applyMs: t2 - t1, bytes: update.byteLength };
  },

  // Floor over WebRTC: a bare RTCPeerConnection pair between two peer processes (no y-webrtc,
  // no simple-peer, no Yjs), with Vigie's framing and back-pressure (chunkedChannel) on both ends.
  async rtcOffer() {
    floorPc = new plainRtc.RTCPeerConnection({ iceServers: [] });
    floorChannel = withBufferedAmountLow(floorPc.createDataChannel('floor'));
    floorChannel.binaryType = 'arraybuffer';
    await floorPc.setLocalDescription(await floorPc.createOffer());
    return gathered(floorPc);
  },

  async rtcAnswer({ offer }: { offer: RTCSessionDescriptionInit }) {
    floorPc = new plainRtc.RTCPeerConnection({ iceServers: [] });
    floorPc.ondatachannel = (event) => {
      floorChannel = withBufferedAmountLow(event.channel);
      floorChannel.binaryType = 'arraybuffer';
    };
    await floorPc.setRemoteDescription(offer);
    await floorPc.setLocalDescription(await floorPc.createAnswer());
    return gathered(floorPc);
  },

  async rtcAccept({ answer }: { answer: RTCSessionDescriptionInit }) {
    await floorPc!.setRemoteDescription(answer);
    await until(() => floorChannel?.readyState === 'open', 'floor channel open', 20_000);
  },

  /** Receiver: ready for one message; rtcResult gives when it was whole. */
  async rtcArm() {
    await until(() => floorChannel?.readyState === 'open', 'floor channel open', 20_000);
    const raw = floorChannel!;
    let first = 0;
    let last = 0;
    raw.addEventListener('message', () => {
      last = now();
      first ||= last;
    });
    const channel = chunkedChannel(raw, floorError);
    floorResult = new Promise((resolve) => {
      channel.onmessage = (event: MessageEvent) => resolve({ t: now(), bytes: sizeOf(event.data), first, last });
    });
  },

  rtcResult() {
    return floorResult;
  },

  /** Sender: the document's bytes (encoded before the clock starts) as one message. */
  rtcSend() {
    const bytes = Y.encodeStateAsUpdate(doc);
    const channel = chunkedChannel(floorChannel!, floorError);
    const t0 = now();
    channel.send(bytes as Uint8Array<ArrayBuffer>);
    return { t0, bytes: bytes.byteLength };
  },

  rtcClose() {
    floorChannel?.close();
    floorPc?.close();
    floorPc = floorChannel = null;
  },

  // Floor over a WebSocket: upload the document's bytes to the bench's echo server (not timed);
  // it sends them back as one binary message, timed from its send() to our message event.
  async wsEcho({ url }: { url: string }) {
    const bytes = Y.encodeStateAsUpdate(doc);
    const ws = new WebSocket(url, { maxPayload: 1024 * 1024 * 1024 });
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const back = new Promise<{ t: number; bytes: number }>((resolve) => ws.once('message', (data) => resolve({ t: now(), bytes: sizeOf(data) })));
    ws.send(bytes);
    const result = await back;
    ws.close();
    return result;
  },

  quit() {
    transport?.destroy();
    floorPc?.close();
    setTimeout(() => process.exit(0), 50);
  },
};

export type Commands = typeof commands;
export interface Request {
  id: number;
  cmd: keyof Commands;
  args?: unknown;
}

process.on('message', async (request: Request) => {
  try {
    const result = await (commands[request.cmd] as (args: unknown) => unknown)(request.args);
    process.send!({ id: request.id, result });
  } catch (e) {
    process.send!({ id: request.id, error: (e as Error).stack ?? String(e) });
  }
});
// An exception thrown in an event handler is logged by a browser and the page goes on; do the same
// (y-webrtc 10.3 throws on an answer for a link it already dropped, after glare).
process.on('uncaughtException', (e) => console.error(`[peer ${process.pid}] uncaught, ignored as a browser would:`, e.message));
// Orphaned if the bench dies: leave with it.
process.on('disconnect', () => process.exit(0));
process.send!({ event: 'ready' });
