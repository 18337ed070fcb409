// A Node peer written from docs/sync.md §4 alone (its code block, run verbatim), with yjs, y-webrtc,
// @roamhq/wrtc and ws only: it joins a Vigie crisis through a Vigie relay's /signal, receives a
// large crisis from Vigie's own WebRTC transport (framed messages), survives announcements sealed
// with another key, and Vigie's sync bar counts it only once its connection is open.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import wrtc from '@roamhq/wrtc';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { startRelayServer } from '../../src-main/services/relay-server';
import { webrtcRoomName } from '../../src-renderer/core/secrets';
import type { RtcImplementation } from '../../src-renderer/sync/chunked-channel';
import type { Transport, TransportStatus } from '../../src-renderer/sync/transport';
import { connectWebrtc } from '../../src-renderer/sync/webrtc-transport';
import { logEntry, randomCrisisKey, waitFor } from './relay-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const root = fileURLToPath(new URL('../../', import.meta.url));
// Under node_modules so that the peer's bare imports resolve to this project's packages.
const PEER_FILE = `${root}node_modules/.cache/vigie-doc-peer/peer.mjs`;

/** The one ```js block of docs/sync.md §4 that starts the Node peer. */
async function docBlock(): Promise<string> {
  const doc = await readFile(`${root}docs/sync.md`, 'utf8');
  const section = doc.slice(doc.indexOf('## 4.'), doc.indexOf('## 5.'));
  const blocks = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  const peer = blocks.filter((b) => b.includes('new WebrtcProvider('));
  expect(peer.length).toBe(1);
  return peer[0];
}

beforeAll(async () => {
  const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  await mkdir(PEER_FILE.slice(0, PEER_FILE.lastIndexOf('/')), { recursive: true });
  // import declarations are hoisted: the prelude's `invitation` and `doc` exist before the block runs.
  await writeFile(PEER_FILE, [await fixture('doc-peer-prelude.mjs'), await docBlock(), await fixture('doc-peer-epilogue.mjs')].join('\n'));
});

interface Peer {
  child: ChildProcess;
  events: Record<string, any>[];
  stderr: string;
  push(line: string): void;
}

function spawnDocPeer(invitation: unknown): Peer {
  const child = spawn(process.execPath, [PEER_FILE, JSON.stringify(invitation)], { stdio: ['pipe', 'pipe', 'pipe'] });
  const peer: Peer = { child, events: [], stderr: '', push: (line) => child.stdin!.write(`${line}\n`) };
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  );
  let buffer = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) if (line.startsWith('{')) peer.events.push(JSON.parse(line));
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (peer.stderr += chunk));
  return peer;
}

const last = (peer: Peer, event: string) => [...peer.events].reverse().find((e) => e.event === event);
const alive = (peer: Peer) => peer.child.exitCode === null && peer.child.signalCode === null;

/** Vigie's own WebRTC transport in this process, as the app builds it (Node: ws and @roamhq/wrtc). */
async function vigieCopy(key: string, signaling: string[], doc: Y.Doc) {
  const previous = globalThis.WebSocket;
  (globalThis as { WebSocket: unknown }).WebSocket = WebSocket;
  cleanups.push(() => ((globalThis as { WebSocket: unknown }).WebSocket = previous));
  const snapshots: TransportStatus[] = [];
  let transport: Transport | undefined;
  const awareness = new Awareness(doc);
  transport = await connectWebrtc({
    doc,
    awareness,
    crisisKey: key,
    signaling,
    ice: [],
    rtc: wrtc as unknown as RtcImplementation,
    // What the sync bar shows: the status as it stood at the last change notification.
    onChange: () => transport && snapshots.push(transport.status()),
  });
  cleanups.push(() => {
    transport!.destroy();
    awareness.destroy();
  });
  return { transport, snapshots };
}

describe('a Node peer written from docs/sync.md §4', () => {
  it('joins through a Vigie relay, receives 2,000 entries from Vigie, writes back; the sync bar tells the truth', { timeout: 60_000 }, async () => {
    const server = await startRelayServer({ host: '127.0.0.1', port: 0, sync: false, log: () => {} });
    cleanups.push(() => server.close());
    const key = randomCrisisKey();
    const doc = new Y.Doc();
    const log = doc.getArray<unknown>('log');
    doc.transact(() => log.push(Array.from({ length: 2_000 }, (_, i) => logEntry(i))));
    const bytes = Y.encodeStateAsUpdate(doc).byteLength;
    const vigie = await vigieCopy(key, [server.signalingUrl!], doc);
    await waitFor(() => server.health().rooms === 1, 10_000, 'Vigie dans le salon');

    // Edits keep coming on Vigie's side while the peer connects: y-webrtc broadcasts each one to
    // every connection it knows, including the one still opening.
    let n = 2_000;
    const writer = setInterval(() => log.push([logEntry(n++)]), 15);
    cleanups.push(() => clearInterval(writer));
    const peer = spawnDocPeer({ key, addresses: { signaling: [server.signalingUrl!], relay: [], ice: [] } });
    await waitFor(() => last(peer, 'log')?.length >= 2_000, 40_000, 'le pair reçoit les 2 000 entrées');
    clearInterval(writer);
    await waitFor(() => last(peer, 'log')?.length === log.length, 10_000, 'le pair rattrape les dernières entrées');
    expect(last(peer, 'log')!.last).toEqual(log.get(log.length - 1));
    console.log(`[mesure] document de ${(bytes / 1e6).toFixed(1)} Mo (2 000 entrées), reçu entier par le pair Node du document`);

    // The sync bar: the count shown is the one at the last notification, and it says 1 pair.
    expect(vigie.transport.status().peers).toBe(1);
    expect(vigie.snapshots.at(-1)!.peers).toBe(1);
    // No stale alert ("Envoi WebRTC impossible : canal connecting") once paired and converged.
    expect(vigie.transport.status().error).toBeUndefined();

    peer.push('push écrit par le pair Node');
    await waitFor(() => log.toArray().includes('écrit par le pair Node'), 10_000, 'Vigie reçoit l’écriture du pair');
    // The Vigie relay saw one room, and it is the one derived from the token.
    expect(server.health().rooms).toBe(1);
    expect(alive(peer)).toBe(true);
  });

  it('survives announcements sealed with another key and garbage on a signaling server that checks nothing', { timeout: 60_000 }, async () => {
    // A server like y-webrtc's own (and the public ones): anyone who knows a room name publishes in it.
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => wss.once('listening', resolve));
    cleanups.push(() => new Promise((resolve) => wss.close(resolve)));
    const subscribers = new Map<string, Set<WebSocket>>();
    wss.on('connection', (socket) => {
      socket.on('message', (data) => {
        const m = JSON.parse(String(data));
        if (m.type === 'subscribe') for (const t of m.topics) (subscribers.get(t) ?? subscribers.set(t, new Set()).get(t)!).add(socket);
        if (m.type === 'publish') for (const s of subscribers.get(m.topic) ?? []) s.send(JSON.stringify({ ...m, clients: 1 }));
        if (m.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      });
      socket.on('close', () => subscribers.forEach((set) => set.delete(socket)));
    });
    const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
    const key = randomCrisisKey();
    const room = await webrtcRoomName(key);
    const invitation = { key, addresses: { signaling: [url], relay: [], ice: [] } };
    const a = spawnDocPeer(invitation);
    await waitFor(() => subscribers.get(room)?.size === 1, 10_000, 'A dans le salon');

    // The attacker saw the room name. It announces with its own key, the way y-webrtc would…
    // y-webrtc's own sealing (not exported by the package: loaded from its file).
    const cryptoFile = pathToFileURL(`${root}node_modules/y-webrtc/src/crypto.js`).href;
    const { deriveKey, encryptJson } = await import(/* @vite-ignore */ cryptoFile);
    const otherKey = await deriveKey(randomCrisisKey(), room);
    const attacker = new WebSocket(url);
    await new Promise((resolve) => attacker.once('open', resolve));
    cleanups.push(() => attacker.terminate());
    for (let i = 0; i < 5; i++) {
      const sealed: Uint8Array = await encryptJson({ type: 'announce', from: `intrus-${i}` }, otherKey);
      attacker.send(JSON.stringify({ type: 'publish', topic: room, data: Buffer.from(sealed).toString('base64') }));
    }
    // …and sends garbage: not even the encryption header.
    for (const data of ['AAAA', '', Buffer.from([7, 65, 69, 83]).toString('base64'), 42]) {
      attacker.send(JSON.stringify({ type: 'publish', topic: room, data }));
    }
    a.push('alive');
    await waitFor(() => a.events.some((e) => e.event === 'alive'), 10_000, 'A répond encore');
    await new Promise((resolve) => setTimeout(resolve, 300)); // the decryptions settle
    expect(alive(a)).toBe(true);

    // And it still does its job: a second peer joins and they converge.
    const b = spawnDocPeer(invitation);
    await waitFor(() => last(a, 'webrtc')?.connected === 1 && last(b, 'webrtc')?.connected === 1, 30_000, 'A et B connectés');
    a.push('push de A');
    b.push('push de B');
    await waitFor(() => last(a, 'log')?.length === 2 && last(b, 'log')?.length === 2, 10_000, 'convergence');
    expect(alive(a) && alive(b)).toBe(true);
  });
});
