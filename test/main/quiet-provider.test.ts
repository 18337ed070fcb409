// Vigie's y-webrtc provider (src-renderer/sync/quiet-provider.ts) never uses y-webrtc's
// BroadcastChannel: not to send (a whole-document encode at every connection), not to receive; it
// still syncs through WebRTC, answering a newcomer with a streamed state. And the session's
// loneliness watch restarts the transport only on evidence of a stuck pairing, never when alone.
import { pathToFileURL, fileURLToPath } from 'node:url';
import wrtc from '@roamhq/wrtc';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { startRelayServer } from '../../src-main/services/relay-server';
import { signalingToken, signalingUrlWithToken, webrtcRoomName } from '../../src-renderer/core/secrets';
import { withChunkedChannels, type RtcImplementation } from '../../src-renderer/sync/chunked-channel';
import { encryptJson, QuietWebrtcProvider, type ConnLike, type RoomLike, type StreamReport } from '../../src-renderer/sync/quiet-provider';
import { SyncSession } from '../../src-renderer/sync/session';
import { connectWebrtc } from '../../src-renderer/sync/webrtc-transport';
import { countWrites, logEntry, randomCrisisKey, waitFor } from './relay-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const root = fileURLToPath(new URL('../../', import.meta.url));
let copies = 0;
/**
 * Another instance of the y-webrtc module (its own room table, as in another tab), unmodified:
 * imported from its file with a query, which Node loads as a separate module.
 */
async function plainYWebrtc(): Promise<typeof import('y-webrtc')> {
  return import(/* @vite-ignore */ `${pathToFileURL(`${root}node_modules/y-webrtc/src/y-webrtc.js`).href}?copy=${++copies}`);
}

function nodeWebSocket() {
  const previous = globalThis.WebSocket;
  (globalThis as { WebSocket: unknown }).WebSocket = WebSocket;
  cleanups.push(() => ((globalThis as { WebSocket: unknown }).WebSocket = previous));
}

/** A Vigie relay service with its signaling only, on 127.0.0.1, closed after the test. */
async function signalingServer() {
  nodeWebSocket();
  const server = await startRelayServer({ host: '127.0.0.1', port: 0, sync: false, log: () => {} });
  cleanups.push(() => server.close());
  return server;
}

const rtc = wrtc as unknown as RtcImplementation;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function vigie(key: string, signaling: string[], doc: Y.Doc, onStreamed?: (r: StreamReport) => void) {
  const awareness = new Awareness(doc);
  const transport = await connectWebrtc({ doc, awareness, crisisKey: key, signaling, ice: [], rtc, onChange: () => {}, quiet: { onStreamed } });
  cleanups.push(() => {
    transport.destroy();
    awareness.destroy();
  });
  return transport;
}

async function plain(key: string, signaling: string[], doc: Y.Doc) {
  const { WebrtcProvider } = await plainYWebrtc();
  const token = await signalingToken(key);
  const provider = new WebrtcProvider(await webrtcRoomName(key), doc, {
    signaling: signaling.map((u) => signalingUrlWithToken(u, token)),
    password: key,
    peerOpts: { wrtc: withChunkedChannels(rtc, () => {}) },
  });
  cleanups.push(() => {
    provider.disconnect();
    provider.destroy();
  });
  return provider;
}

describe('QuietWebrtcProvider', () => {
  it('posts nothing on the BroadcastChannel and takes nothing from it; plain y-webrtc does both', { timeout: 30_000 }, async () => {
    const key = randomCrisisKey();
    const room = await webrtcRoomName(key);
    const heard: unknown[] = [];
    const listener = new BroadcastChannel(room);
    listener.onmessage = (e) => heard.push(e.data);
    cleanups.push(() => listener.close());

    // Vigie's copy, with a crisis in it, no signaling: only the BroadcastChannel could carry anything.
    const mine = new Y.Doc();
    mine.getArray('log').push(Array.from({ length: 200 }, (_, i) => logEntry(i)));
    const transport = await vigie(key, [], mine);
    await sleep(1500); // PBKDF2 key, room opened and connected
    expect(heard).toEqual([]);

    // A plain y-webrtc in the same room (another module instance, like another tab) posts its state
    // there; Vigie's copy does not take it.
    const theirs = new Y.Doc();
    theirs.getArray('log').push(['écrit par l’autre onglet']);
    await plain(key, [], theirs);
    await waitFor(() => heard.length > 0, 10_000, 'le y-webrtc ordinaire parle sur le BroadcastChannel');
    await sleep(1000);
    expect(mine.getArray('log').length).toBe(200);
    expect(theirs.getArray('log').length).toBe(1);
    const before = heard.length;
    transport.destroy(); // disconnect: still nothing from Vigie's copy
    await sleep(300);
    expect(heard.length).toBe(before);
  });

  it('two copies of one room in one process sync through WebRTC, the newcomer answered in slices', { timeout: 60_000 }, async () => {
    const server = await signalingServer();
    const key = randomCrisisKey();
    const mine = new Y.Doc();
    mine.transact(() => mine.getArray('log').push(Array.from({ length: 3_000 }, (_, i) => logEntry(i))));
    const reports: StreamReport[] = [];
    const transport = await vigie(key, [server.signalingUrl!], mine, (r) => reports.push(r));
    const theirs = new Y.Doc();
    await plain(key, [server.signalingUrl!], theirs);
    await waitFor(() => theirs.getArray('log').length === 3_000, 30_000, 'le nouveau reçoit les 3 000 entrées');
    await waitFor(() => reports.length > 0, 5_000, 'réponse en tranches');
    expect(reports[0].slices).toBeGreaterThan(1);
    expect(transport.status().peers).toBe(1);
    theirs.getArray('log').push(['retour']);
    await waitFor(() => mine.getArray('log').length === 3_001, 10_000, 'retour par WebRTC');
    console.log(`[mesure] 3 000 entrées : ${reports[0].slices} tranches, la plus longue ${reports[0].longestMs.toFixed(1)} ms`);
  });
});

describe('a streamed answer bigger than the channel holds', () => {
  it('arrives exactly as sent, though the slices are written in one array while frames of earlier ones still wait', { timeout: 90_000 }, async () => {
    // Each send takes ~0.5 ms, as on a slow laptop: a slice's frames outlast the channel's 8 ms of
    // sends per task, and the rest of them wait in its queue while the next slice is made.
    const proto = (wrtc as unknown as { RTCDataChannel: { prototype: { send(d: unknown): void } } }).RTCDataChannel.prototype;
    const send = proto.send;
    proto.send = function (this: unknown, d: unknown) {
      for (const until = performance.now() + 0.5; performance.now() < until; );
      return send.call(this, d);
    };
    cleanups.push(() => (proto.send = send));
    const server = await signalingServer();
    const key = randomCrisisKey();
    const mine = new Y.Doc();
    // ~12 MB in slices of ~1 MB.
    const filler = 'crue '.repeat(180);
    mine.transact(() => mine.getArray('log').push(Array.from({ length: 12_000 }, (_, i) => ({ ...logEntry(i), note: `${i} ${filler}` }))));
    const reports: StreamReport[] = [];
    await vigie(key, [server.signalingUrl!], mine, (r) => reports.push(r));
    const theirs = new Y.Doc();
    await plain(key, [server.signalingUrl!], theirs);
    await waitFor(() => reports.length > 0, 60_000, 'réponse en tranches');
    await waitFor(() => theirs.getArray('log').length === 12_000, 10_000, 'le nouveau reçoit les 12 000 entrées');
    expect(reports[0].slices).toBeGreaterThan(10);
    expect(Y.encodeStateAsUpdate(theirs)).toEqual(Y.encodeStateAsUpdate(mine));
  });
});

describe('what a peer sends', () => {
  it('reaches the newcomer\'s listeners (its disk) as received: Yjs encodes none of it again', { timeout: 60_000 }, async () => {
    const server = await signalingServer();
    const key = randomCrisisKey();
    const mine = new Y.Doc();
    mine.transact(() => mine.getArray('log').push(Array.from({ length: 3_000 }, (_, i) => logEntry(i))));
    await plain(key, [server.signalingUrl!], mine); // (one y-webrtc room per module: the other copy is plain)
    const theirs = new Y.Doc();
    const heard: Uint8Array[] = [];
    theirs.on('update', (u: Uint8Array) => heard.push(u));
    const encodedAgain = countWrites(theirs, cleanups);
    const token = await signalingToken(key);
    const provider = new QuietWebrtcProvider(await webrtcRoomName(key), theirs, {
      signaling: [signalingUrlWithToken(server.signalingUrl!, token)],
      password: key,
      peerOpts: { wrtc: withChunkedChannels(rtc, () => {}) },
    });
    let synced = false;
    provider.on('synced', (e: { synced: boolean }) => (synced ||= e.synced));
    cleanups.push(() => (provider.disconnect(), provider.destroy()));
    await waitFor(() => theirs.getArray('log').length === 3_000, 30_000, 'le nouveau reçoit les 3 000 entrées');
    expect(encodedAgain()).toBe(0);
    const replayed = new Y.Doc();
    for (const u of heard) Y.applyUpdate(replayed, u);
    expect(replayed.getArray('log').toJSON()).toEqual(mine.getArray('log').toJSON());
    // y-webrtc still saw the sync step 2 (its "synced"), and a local write still goes out.
    await waitFor(() => synced, 10_000, 'y-webrtc : synchronisé');
    theirs.getArray('log').push(['retour']);
    await waitFor(() => mine.getArray('log').length === 3_001, 10_000, 'retour par WebRTC');
  });
});

describe('no echo', () => {
  /** A room as y-webrtc makes it, with two open connections that record what they are sent. */
  function roomWithTwoPeers() {
    const doc = new Y.Doc();
    const sent = { a: [] as Uint8Array[], b: [] as Uint8Array[] };
    const conn = (name: 'a' | 'b') => ({ peer: { send: (m: Uint8Array) => sent[name].push(m) }, connected: true, closed: false, remotePeerId: name, destroy() {} }) as unknown as ConnLike;
    const a = conn('a');
    const b = conn('b');
    const awareness = new Awareness(doc);
    const room = { name: 'r', peerId: 'p', key: null, doc, awareness, webrtcConns: new Map([['a', a], ['b', b]]), bcconnected: false, _awarenessUpdateHandler: () => {} } as unknown as RoomLike;
    const provider = { signalingConns: [], maxConns: 20, source: null as ConnLike | null };
    QuietWebrtcProvider.quietRoom(room, provider as unknown as QuietWebrtcProvider);
    room.connect();
    cleanups.push(() => (room.disconnect(), awareness.destroy()));
    return { doc, a, b, sent, provider };
  }

  it('an update read from a connection goes to the others, not back to it; a local one goes to all', () => {
    const { doc, a, sent, provider } = roomWithTwoPeers();
    const remote = new Y.Doc();
    remote.getArray('log').push(['de A']);
    provider.source = a; // as while y-webrtc reads A's message
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'room');
    provider.source = null;
    expect(sent.a).toHaveLength(0);
    expect(sent.b).toHaveLength(1);
    // What B receives is a y-protocols sync update holding A's entry (B passes it on: A–B–C).
    const relayed = new Y.Doc();
    const message = sent.b[0]!;
    expect([message[0], message[1]]).toEqual([0, 2]);
    let pos = 2;
    let len = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = message[pos++]!;
      len += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    Y.applyUpdate(relayed, message.subarray(pos, pos + len));
    expect(relayed.getArray('log').toArray()).toEqual(['de A']);

    doc.getArray('log').push(['écrit ici']);
    expect(sent.a).toHaveLength(1);
    expect(sent.b).toHaveLength(2);
  });
});

/** Just what SyncSession reads of a CrisisStore. */
function fakeStore(doc: Y.Doc, key: string) {
  return {
    doc,
    me: { id: 'moi', name: 'Moi', role: 'veilleur' },
    crisis: { id: 'crise', key },
    docReady: Promise.resolve(),
    subscribe: () => () => {},
    member: () => undefined,
    members: () => [],
    signReceipt: async () => 'g'.repeat(86),
    ownClientIds: new Set<number>([doc.clientID]),
    rejectedCount: 0,
    waitingCount: 0,
  };
}

describe('the loneliness watch', () => {
  it('never restarts a copy alone in its room, and restarts once a copy showed up but never paired', { timeout: 30_000 }, async () => {
    const server = await signalingServer();
    const key = randomCrisisKey();
    const doc = new Y.Doc();
    const session = new SyncSession(fakeStore(doc, key) as never, { signaling: [server.signalingUrl!], relay: [], ice: [] }, {
      rtc,
      lonely: { firstMs: 100, maxMs: 400, stuckAfterMs: 500 },
    });
    cleanups.push(() => session.destroy());
    await session.start();
    await waitFor(() => session.status().transports[0]?.online === true, 10_000, 'signalisation');
    await sleep(2_000); // 20 checks: alone, nothing to retry
    expect(session.restarts).toBe(0);

    // A ghost announces itself in the room (sealed with the key) and never answers the offer.
    const room = await webrtcRoomName(key);
    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(key), 'PBKDF2', false, ['deriveKey']);
    const roomKey = await crypto.subtle.deriveKey(
      { name: 'PBKDF2', salt: new TextEncoder().encode(room), iterations: 100_000, hash: 'SHA-256' },
      material,
      { name: 'AES-GCM', length: 256 },
      true,
      ['encrypt', 'decrypt'],
    );
    const ghost = new WebSocket(signalingUrlWithToken(server.signalingUrl!, await signalingToken(key)));
    cleanups.push(() => ghost.close());
    await new Promise((resolve) => ghost.once('open', resolve));
    ghost.send(JSON.stringify({ type: 'subscribe', topics: [room] }));
    const data = Buffer.from(await encryptJson({ type: 'announce', from: 'fantome' }, roomKey)).toString('base64');
    ghost.send(JSON.stringify({ type: 'publish', topic: room, data }));
    await waitFor(() => session.restarts === 1, 10_000, 'redémarrage sur appariement bloqué');
    await sleep(1_500); // the ghost said nothing more: no further restart
    expect(session.restarts).toBe(1);
  });
});
