// y-webrtc's provider, with two of its habits taken away (the package itself is not forked):
//
// 1. No BroadcastChannel. y-webrtc's `Room.connect()` always also talks to the other tabs of the
//    origin: it encodes the *whole* document (sync step 2) and encrypts it for a BroadcastChannel,
//    on the main thread, at every connection (seconds at 100k sightings), and `disconnect()` posts
//    there too. Vigie has one window per copy and no use for it. y-webrtc offers no option for this
//    (`filterBcConns` only stops announcing the peer id), so the provider puts its own `connect` /
//    `disconnect` on the room it creates: the same steps minus the BroadcastChannel ones (listen to
//    the document and the awareness, subscribe and announce through the signaling servers).
//
// 2. No one-shot answer to a peer's sync step 1. y-webrtc answers with
//    `Y.encodeStateAsUpdate(doc, peerStateVector)`: for a newcomer, the whole crisis in one buffer,
//    encoded in one task. Here the answer is streamed (stream-state.ts): slices of a few ms, each a
//    valid update, sent as the channel drains, then sync step 2 with the delete set.
//
// 3. No echo. y-webrtc sends every update the document applies to every connection, including the
//    one it just came from: a newcomer sent the whole crisis back to the copy that streamed it, which
//    decoded it all again for nothing (seconds of its main thread at 100k). Here an update applied
//    while reading a connection's message goes to the other connections only (A–B–C still relays).
//
// 4. No second encoding of what a peer sent: its updates are applied here and passed on (to the
//    disk, to the other connections) as received (received-update.ts).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { removeAwarenessStates } from 'y-protocols/awareness';
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';
import { applyReceived, EMPTY_UPDATE } from './received-update';
import { streamState } from './stream-state';
import { MessageBuffer, withPayload } from './with-payload';

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

/** What the provider's room and its connections look like from here (y-webrtc internals, 10.3). */
interface PeerLike {
  send(data: Uint8Array): void;
  listeners(event: string): ((...args: unknown[]) => void)[];
  removeAllListeners(event: string): void;
  on(event: string, f: (...args: unknown[]) => void): void;
  destroyed?: boolean;
  _channel?: { readyState?: string; queuedAmount?: number; pendingAmount?: number; bufferedAmount?: number };
}
export interface ConnLike {
  peer: PeerLike;
  connected: boolean;
  closed: boolean;
  remotePeerId: string;
  destroy(): void;
}
interface SignalingConnLike {
  connected: boolean;
  providers: Set<unknown>;
  send(message: unknown): void;
}
export interface RoomLike {
  name: string;
  peerId: string;
  key: CryptoKey | null;
  doc: Y.Doc;
  awareness: import('y-protocols/awareness').Awareness;
  webrtcConns: Map<string, ConnLike>;
  bcconnected: boolean;
  _docUpdateHandler: (...args: unknown[]) => void;
  _awarenessUpdateHandler: (...args: unknown[]) => void;
  connect(): void;
  disconnect(): void;
}

/** A y-protocols sync message as y-webrtc sends it: [messageSync][step][update]; in `into` when given. */
function syncFrame(step: number, update: Uint8Array, into?: MessageBuffer): Uint8Array {
  return withPayload(
    (e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, step);
    },
    update,
    into,
  );
}

/** y-webrtc's `encryptJson` (src/crypto.js, not exported): lib0 `writeAny`, then AES-GCM. */
export async function encryptJson(data: unknown, key: CryptoKey | null): Promise<Uint8Array> {
  const plain = encoding.createEncoder();
  encoding.writeAny(plain, data as never);
  const bytes = encoding.toUint8Array(plain);
  if (!key) return bytes;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes);
  const out = encoding.createEncoder();
  encoding.writeVarString(out, 'AES-GCM');
  encoding.writeVarUint8Array(out, iv);
  encoding.writeVarUint8Array(out, new Uint8Array(cipher));
  return encoding.toUint8Array(out);
}

function base64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export interface StreamReport {
  peer: string;
  slices: number;
  bytes: number;
  longestMs: number;
  ms: number;
}

export interface QuietProviderOptions {
  /** Called after each streamed answer (tests, bench). */
  onStreamed?(report: StreamReport): void;
  /** Longest slice of encoding (ms) when answering a peer (default 8). */
  sliceMs?: number;
}

export class QuietWebrtcProvider extends WebrtcProvider {
  /** Set by the room setter during super(): read through `quiet()`. */
  declare private _quiet?: QuietProviderOptions;
  declare private _room?: RoomLike | null;
  private readonly wrapped = new WeakSet<object>();
  private readonly streams = new Map<ConnLike, { cancelled: boolean }>();
  /** The connection whose message is being read (y-webrtc applies it synchronously): not echoed to. */
  source: ConnLike | null = null;

  constructor(roomName: string, doc: Y.Doc, options: ConstructorParameters<typeof WebrtcProvider>[2] & { quiet?: QuietProviderOptions }) {
    // filterBcConns: false, so that y-webrtc does not announce this peer on the BroadcastChannel either.
    super(roomName, doc, { ...options, filterBcConns: false });
    this._quiet = options?.quiet ?? {};
    this.on('peers', () => this.watchConnections());
  }

  /** Every connection's incoming messages: sync step 1 is answered here, the rest goes to y-webrtc. */
  watchConnections(): void {
    for (const conn of this._room?.webrtcConns.values() ?? []) {
      if (this.wrapped.has(conn)) continue;
      this.wrapped.add(conn);
      const peer = conn.peer;
      const original = peer.listeners('data');
      peer.removeAllListeners('data');
      peer.on('data', (data: unknown) => {
        const bytes = data as Uint8Array;
        if (bytes && bytes.length >= 2 && bytes[0] === MESSAGE_SYNC && bytes[1] === SYNC_STEP_1) return void this.answer(conn, bytes);
        const outer = this.source;
        this.source = conn;
        try {
          const update = this.receive(bytes);
          for (const f of original) f.call(peer, update ? syncFrame(bytes[1]!, EMPTY_UPDATE) : data);
        } finally {
          this.source = outer;
        }
      });
      peer.on('close', () => {
        const s = this.streams.get(conn);
        if (s) s.cancelled = true;
      });
    }
  }

  /**
   * A sync step 2 or update from a peer, applied here (received-update.ts); y-webrtc is then handed
   * the same step with an empty update, for its own bookkeeping (synced). Returns whether it was one.
   */
  private receive(message: Uint8Array): boolean {
    // The room is the origin y-webrtc gives what a peer sends (a null origin would read as a local write).
    if (!this._room || !message || message.length < 3 || message[0] !== MESSAGE_SYNC || (message[1] !== SYNC_STEP_2 && message[1] !== SYNC_UPDATE)) return false;
    let update: Uint8Array;
    try {
      const d = decoding.createDecoder(message);
      decoding.readVarUint(d);
      decoding.readVarUint(d);
      update = decoding.readVarUint8Array(d);
    } catch {
      return false; // unreadable: y-webrtc's own handling decides
    }
    try {
      applyReceived(this.doc, update, this._room);
    } catch (error) {
      // As y-protocols does: a peer's unreadable update is not a reason to drop the connection.
      console.error('Vigie : mise à jour illisible reçue d’un pair', error);
    }
    return true;
  }

  private async answer(conn: ConnLike, message: Uint8Array): Promise<void> {
    let sv: Map<number, number>;
    try {
      // [messageSync][syncStep1][varUint8Array state vector]
      let pos = 2;
      let len = 0;
      for (let shift = 0; ; shift += 7) {
        const b = message[pos++];
        len += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) break;
        if (pos >= message.length) throw new Error('short');
      }
      sv = Y.decodeStateVector(message.subarray(pos, pos + len));
    } catch {
      return; // a peer's garbage: no answer (y-webrtc would throw in its handler)
    }
    // One answer at a time per connection: a new step 1 replaces the one being answered.
    const previous = this.streams.get(conn);
    if (previous) previous.cancelled = true;
    const state = { cancelled: false };
    this.streams.set(conn, state);
    // The slices' messages, written in one array: the stream waits until the channel has handed the
    // last one to the browser (which copies it) before it makes the next (`holding`). A fresh array
    // only if frames of the last are still queued all the same (another sender's, say).
    const sent = new MessageBuffer();
    const started = performance.now();
    const result = await streamState(this.doc, sv, {
      sliceMs: this._quiet?.sliceMs,
      cancelled: () => state.cancelled || conn.closed || !!conn.peer.destroyed,
      queued: () => conn.peer._channel?.queuedAmount ?? conn.peer._channel?.bufferedAmount ?? 0,
      holding: () => (conn.peer._channel?.pendingAmount ?? 0) > 0,
      send: (update, last) => {
        if (state.cancelled || conn.closed) return false;
        try {
          const reuse = conn.peer._channel?.pendingAmount === 0;
          conn.peer.send(syncFrame(last ? SYNC_STEP_2 : SYNC_UPDATE, update, reuse ? sent : undefined));
          return true;
        } catch {
          return false; // the channel closed: y-webrtc reconnects and both sides start over
        }
      },
    });
    if (this.streams.get(conn) === state) this.streams.delete(conn);
    if (!state.cancelled) this._quiet?.onStreamed?.({ peer: conn.remotePeerId, ...result, ms: performance.now() - started });
  }

  /** The room y-webrtc opened, with BroadcastChannel-free connect and disconnect (see above). */
  static quietRoom(room: RoomLike, provider: QuietWebrtcProvider): RoomLike {
    const conns = () => provider.signalingConns as SignalingConnLike[];
    // y-webrtc's handler, minus the BroadcastChannel and minus the connection the update came from.
    room._docUpdateHandler = (update: unknown) => {
      // Made for the first connection that needs it: a newcomer receiving the crisis from its only
      // peer framed every megabyte it received again, for nobody.
      let message: Uint8Array | null = null;
      for (const conn of room.webrtcConns.values()) {
        if (conn === provider.source) continue;
        message ??= syncFrame(SYNC_UPDATE, update as Uint8Array);
        try {
          conn.peer.send(message);
        } catch {
          // a closing channel: y-webrtc drops the connection and the next one resynchronises
        }
      }
    };
    room.connect = function (this: RoomLike) {
      this.doc.on('update', this._docUpdateHandler);
      this.awareness.on('update', this._awarenessUpdateHandler);
      // y-webrtc's announceSignalingInfo: subscribe, and announce while below maxConns.
      for (const conn of conns()) {
        if (!conn.connected) continue;
        conn.send({ type: 'subscribe', topics: [this.name] });
        if (this.webrtcConns.size < provider.maxConns)
          void encryptJson({ type: 'announce', from: this.peerId }, this.key).then((data) =>
            conn.send({ type: 'publish', topic: this.name, data: this.key ? base64(data) : { type: 'announce', from: this.peerId } }),
          );
      }
    };
    room.disconnect = function (this: RoomLike) {
      for (const conn of conns()) if (conn.connected && conn.providers.size > 0) conn.send({ type: 'unsubscribe', topics: [this.name] });
      removeAwarenessStates(this.awareness, [this.doc.clientID], 'disconnect');
      this.bcconnected = false;
      this.doc.off('update', this._docUpdateHandler);
      this.awareness.off('update', this._awarenessUpdateHandler);
      this.webrtcConns.forEach((c) => c.destroy());
    };
    return room;
  }
}

// y-webrtc assigns `this.room` in its constructor (null first, then the room once the key is
// derived) and calls `this.room.connect()` right after: an accessor on the subclass sees the room
// between the two. (An accessor, not a class field: fields would be defined after super() returns.)
Object.defineProperty(QuietWebrtcProvider.prototype, 'room', {
  configurable: true,
  get(this: { _room?: RoomLike | null }) {
    return this._room ?? null;
  },
  set(this: { _room?: RoomLike | null }, room: RoomLike | null) {
    this._room = room ? QuietWebrtcProvider.quietRoom(room, this as unknown as QuietWebrtcProvider) : room;
  },
});
