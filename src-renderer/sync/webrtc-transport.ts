// The y-webrtc mesh: encrypted with the crisis key (y-webrtc's password), in a room whose name is
// derived from the key, with data channels that carry messages of any size (chunked-channel.ts).
// Addresses come only from the invitation or the settings: no public signaling or STUN default.
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { signalingToken, signalingUrlWithToken, webrtcRoomName } from '../core/secrets';
import { withChunkedChannels, type RtcImplementation } from './chunked-channel';
import { QuietWebrtcProvider, type QuietProviderOptions } from './quiet-provider';
import type { Transport, TransportStatus } from './transport';

export interface WebrtcOptions {
  doc: Y.Doc;
  awareness: Awareness;
  crisisKey: string;
  signaling: string[];
  ice: string[];
  /** The RTC implementation (tests in Node pass @roamhq/wrtc); the browser's by default. */
  rtc?: RtcImplementation;
  onChange: () => void;
  /** Reports of the streamed answers to peers (bench, tests). */
  quiet?: QuietProviderOptions;
}

const STALE_CONNECTION_MS = 8000;

interface SignalingConnLike {
  connected: boolean;
  on(event: string, f: () => void): void;
}

export async function connectWebrtc(o: WebrtcOptions): Promise<Transport> {
  let lastError: string | undefined;
  const rtc = o.rtc ?? { RTCPeerConnection, RTCSessionDescription, RTCIceCandidate };
  // A Vigie signaling server lets a socket into one room only, the one its token opens
  // (docs/sync.md §4): every address carries the token.
  const token = await signalingToken(o.crisisKey);
  const provider = new QuietWebrtcProvider(await webrtcRoomName(o.crisisKey), o.doc, {
    quiet: o.quiet,
    signaling: o.signaling.map((url) => signalingUrlWithToken(url, token)),
    password: o.crisisKey,
    awareness: o.awareness,
    peerOpts: {
      config: { iceServers: o.ice.length ? [{ urls: o.ice }] : [] },
      wrtc: withChunkedChannels(rtc, (e) => {
        lastError = e.message;
        console.warn('Vigie WebRTC :', e.message);
        o.onChange();
      }),
    },
  });
  // y-webrtc decrypts signaling messages without catching failures: a message sealed with another
  // key (an intruder, or a stale invitation) surfaces as an unhandled WebCrypto OperationError.
  // Say so once in the sync bar instead of letting it pass for a crash.
  const onRejection = (e: PromiseRejectionEvent) => {
    if (!(e.reason instanceof DOMException) || e.reason.name !== 'OperationError') return;
    e.preventDefault();
    lastError = 'Messages de signalisation illisibles reçus (autre clé ?) : ignorés.';
    o.onChange();
  };
  if (typeof window !== 'undefined') window.addEventListener('unhandledrejection', onRejection);
  // y-webrtc's 'peers' event fires when a connection is *created* (an announce, an offer), not when
  // it opens, and not again when it does: the sync bar then kept "1 pair(s)" for a minute after a
  // second link opened. Every connection is watched instead, and the count (connected ones only,
  // see status()) is recomputed when one opens or closes.
  const watched = new WeakSet<object>();
  // When another copy last showed up in the room (an announce or an offer reached us) with no
  // connection opened since: the session restarts the transport only on that evidence of a pairing
  // that did not happen, never because this copy is alone.
  let peerSeenAt: number | undefined;
  const watchConnections = () => {
    provider.watchConnections();
    const conns = provider.room?.webrtcConns as Map<string, { peer: { on(event: string, f: () => void): void } }> | undefined;
    for (const conn of conns?.values() ?? []) {
      if (watched.has(conn)) continue;
      watched.add(conn);
      conn.peer.on('connect', () => {
        peerSeenAt = undefined; // paired: no evidence of a stuck pairing any more
        o.onChange();
      });
      conn.peer.on('close', o.onChange);
    }
  };
  provider.on('peers', (e: { added: string[] }) => {
    if (e.added.length) peerSeenAt = Date.now();
    watchConnections();
    o.onChange();
  });
  // 'synced' (true) fires each time every open connection has exchanged sync step 2: an alert from
  // before is stale then, the copies hold the same document.
  provider.on('synced', (e: { synced: boolean }) => {
    if (e.synced && connectedPeers() > 0) lastError = undefined;
    o.onChange();
  });
  provider.on('status', () => o.onChange());
  for (const conn of provider.signalingConns as unknown as SignalingConnLike[]) {
    conn.on('connect', o.onChange);
    conn.on('disconnect', o.onChange);
  }
  // y-webrtc can leave two peers that announced at the same moment with half-open connections
  // that never complete (offer glare). A connection still not open after a while is dropped:
  // y-webrtc then announces again, and the next attempt pairs them.
  const firstSeen = new WeakMap<object, number>();
  let reported = 0;
  const watchdog = setInterval(() => {
    watchConnections();
    // And a last safety net: whatever event was missed, the count shown is never stale for long.
    const count = connectedPeers();
    if (count !== reported) {
      reported = count;
      o.onChange();
    }
    const conns = provider.room?.webrtcConns as Map<string, { connected: boolean; destroy(): void }> | undefined;
    const now = Date.now();
    for (const conn of conns?.values() ?? []) {
      if (conn.connected) continue;
      const seen = firstSeen.get(conn);
      if (seen === undefined) firstSeen.set(conn, now);
      else if (now - seen > STALE_CONNECTION_MS) conn.destroy();
    }
  }, STALE_CONNECTION_MS / 2);
  /** Peers with an open data channel: not those merely announced or still negotiating. */
  function connectedPeers(): number {
    const conns = provider.room?.webrtcConns as Map<string, { connected: boolean }> | undefined;
    return conns ? [...conns.values()].filter((c) => c.connected).length : 0;
  }
  return {
    kind: 'webrtc',
    status: (): TransportStatus => ({
      kind: 'webrtc',
      online: (provider.signalingConns as unknown as SignalingConnLike[]).some((c) => c.connected),
      peers: connectedPeers(),
      peerSeenAt,
      error: lastError,
    }),
    destroy: () => {
      clearInterval(watchdog);
      // destroy() alone leaves the signaling connections open and subscribed (they are shared
      // module-wide): a copy switched to other servers would still be found through the old ones.
      provider.disconnect();
      provider.destroy();
      if (typeof window !== 'undefined') window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}
