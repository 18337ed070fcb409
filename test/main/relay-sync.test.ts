// The Yjs relay (/sync) with real Hocuspocus clients over real sockets on 127.0.0.1.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { relayDocumentName, relayToken } from '../../src-renderer/core/secrets';
import { isAuthorized } from '../../src-main/services/relay-sync';
import { startRelayServer, type RelayServer, type RelayServerOptions } from '../../src-main/services/relay-server';
import { connectClient, logEntry, randomCrisisKey, waitFor, type RelayClient } from './relay-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  // Clients first, then servers, then folders: in reverse order of creation.
  while (cleanups.length > 0) await cleanups.pop()!();
});

const logs: string[] = [];
async function relay(options: RelayServerOptions = {}): Promise<RelayServer> {
  const server = await startRelayServer({ host: '127.0.0.1', port: 0, log: (line) => logs.push(line), ...options });
  cleanups.push(() => server.close());
  return server;
}
async function client(server: RelayServer, key: string, options?: Parameters<typeof connectClient>[2]): Promise<RelayClient> {
  const c = await connectClient(server.syncUrl!, key, options);
  cleanups.push(() => c.destroy());
  return c;
}
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-relay-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
const logOf = (c: RelayClient) => c.doc.getArray<Record<string, unknown>>('log');

describe('relay token check', () => {
  it('accepts exactly the document name derived from the token', async () => {
    const token = await relayToken(randomCrisisKey());
    const name = await relayDocumentName(token);
    await expect(isAuthorized(token, name)).resolves.toBe(true);
    const other = await relayToken(randomCrisisKey());
    await expect(isAuthorized(other, name)).resolves.toBe(false);
    await expect(isAuthorized(token, await relayDocumentName(other))).resolves.toBe(false);
    for (const bad of ['', null, 42, `${token}x`, name]) await expect(isAuthorized(bad, name)).resolves.toBe(false);
    await expect(isAuthorized(token, '../../etc/passwd')).resolves.toBe(false);
  });
});

describe('relay sync', () => {
  it('listens on 127.0.0.1 only and serves /sync next to /signal', async () => {
    const server = await relay();
    expect(server.host).toBe('127.0.0.1');
    expect(server.syncUrl).toBe(`ws://127.0.0.1:${server.port}/sync`);
    expect(server.signalingUrl).toBe(`ws://127.0.0.1:${server.port}/signal`);
  });

  it('two clients holding the crisis key converge', async () => {
    const server = await relay();
    const key = randomCrisisKey();
    const a = await client(server, key);
    const b = await client(server, key);
    await Promise.all([a.synced, b.synced]);
    logOf(a).push([logEntry(1)]);
    logOf(b).push([logEntry(2)]);
    await waitFor(() => logOf(a).length === 2 && logOf(b).length === 2, 5_000, 'les deux entrées des deux côtés');
    expect(logOf(a).toJSON()).toEqual(logOf(b).toJSON());
    expect(server.health()).toMatchObject({ sync: true, rooms: 1, clients: 2 });
  });

  it('accepts the one-line provider form the app uses (url + WebSocketPolyfill)', async () => {
    const server = await relay();
    const key = randomCrisisKey();
    const token = await relayToken(key);
    const doc = new Y.Doc();
    // What src-renderer/sync/relay-transport.ts does; in a browser WebSocketPolyfill is left out.
    // WebSocketPolyfill is not in the provider's type but is handed on to the socket it creates.
    const configuration = { url: server.syncUrl!, name: await relayDocumentName(token), token, document: doc, WebSocketPolyfill: WebSocket };
    const provider = new HocuspocusProvider(configuration);
    cleanups.push(() => {
      provider.destroy();
      doc.destroy();
    });
    const other = await client(server, key);
    await other.synced;
    logOf(other).push([logEntry(5)]);
    await waitFor(() => doc.getArray('log').length === 1, 5_000, 'le client de forme courte reçoit');
    expect(provider.isAuthenticated).toBe(true);
  });

  it('refuses a token derived from another key: that client receives nothing', async () => {
    const server = await relay();
    const key = randomCrisisKey();
    const a = await client(server, key);
    await a.synced;
    logOf(a).push([logEntry(1)]);

    // Same document name, but the token of another crisis's key.
    const intruder = await client(server, key, { tokenKey: randomCrisisKey() });
    await expect(intruder.refused).resolves.toBe('permission-denied');
    logOf(a).push([logEntry(2)]);
    const witness = await client(server, key);
    await waitFor(() => logOf(witness).length === 2, 5_000, 'le témoin reçoit les deux entrées');
    expect(logOf(intruder).length).toBe(0);
    expect(intruder.provider.isAuthenticated).toBe(false);
    expect(logs.some((line) => line.includes('connexion refusée'))).toBe(true);
  });

  it('keeps crises apart and never logs a key or a token', async () => {
    logs.length = 0;
    const server = await relay();
    const [key1, key2] = [randomCrisisKey(), randomCrisisKey()];
    const one = await client(server, key1);
    const two = await client(server, key2);
    await Promise.all([one.synced, two.synced]);
    logOf(one).push([logEntry(1)]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(logOf(two).length).toBe(0);
    expect(server.health().rooms).toBe(2);
    const secrets = [key1, key2, await relayToken(key1), await relayToken(key2)];
    expect(logs.length).toBeGreaterThan(0);
    for (const line of logs) for (const secret of secrets) expect(line).not.toContain(secret);
  });

  it('without --data, keeps a document in memory after its last client left', async () => {
    const server = await relay();
    const key = randomCrisisKey();
    const a = await client(server, key);
    await a.synced;
    logOf(a).push([logEntry(1), logEntry(2)]);
    await waitFor(() => !a.provider.hasUnsyncedChanges, 5_000, 'envoi confirmé');
    a.destroy();
    await waitFor(() => server.health().clients === 0, 5_000, 'départ du client');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const late = await client(server, key);
    await waitFor(() => logOf(late).length === 2, 5_000, 'le retardataire reçoit le document');
  });

  it('with --data, a restarted relay still has everything', async () => {
    const dir = await tempDir();
    const key = randomCrisisKey();
    const first = await startRelayServer({ host: '127.0.0.1', port: 0, dataDir: dir, log: () => {} });
    const a = await connectClient(first.syncUrl!, key);
    await a.synced;
    logOf(a).push([logEntry(1), logEntry(2), logEntry(3)]);
    await waitFor(() => !a.provider.hasUnsyncedChanges, 5_000, 'envoi confirmé');
    // Stopped while the client is still connected and the debounced write has not run yet.
    await first.close();
    a.destroy();

    const files = await readdir(dir);
    expect(files).toEqual([`${await relayDocumentName(await relayToken(key))}.yjs`]);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);

    const second = await relay({ dataDir: dir });
    const b = await client(second, key);
    await waitFor(() => logOf(b).length === 3, 5_000, 'le nouveau client reçoit les trois entrées');
    expect(logOf(b).get(2)).toEqual(logEntry(3));
  });

  it('refuses to start on a data folder it cannot write, in French', async () => {
    await expect(startRelayServer({ host: '127.0.0.1', port: 0, dataDir: '/dev/null/relais', log: () => {} })).rejects.toThrow(
      'Dossier de données inutilisable « /dev/null/relais » (ENOTDIR)',
    );
  });

  it('survives garbage on /sync: other clients keep syncing', async () => {
    const server = await relay();
    const key = randomCrisisKey();
    const a = await client(server, key);
    const b = await client(server, key);
    await Promise.all([a.synced, b.synced]);
    for (let round = 0; round < 5; round++) {
      const junk = new WebSocket(server.syncUrl!);
      await new Promise((resolve, reject) => junk.once('open', resolve).once('error', reject));
      for (let i = 0; i < 200; i++) {
        const frame = globalThis.crypto.getRandomValues(new Uint8Array(1 + Math.floor(Math.random() * 300)));
        junk.send(i % 3 === 0 ? Buffer.from(frame).toString('latin1') : frame);
      }
      junk.terminate();
    }
    logOf(a).push([logEntry(7)]);
    await waitFor(() => logOf(b).length === 1, 5_000, 'b reçoit après les trames aléatoires');
  });

  it('refuses connections beyond the limit, and closes a socket that sends non-Vigie frames', async () => {
    const server = await relay({ syncOptions: { maxClients: 1 } });
    const junk = new WebSocket(server.syncUrl!);
    const closed = new Promise<number>((resolve) => junk.on('close', (code) => resolve(code)));
    await new Promise((resolve) => junk.once('open', resolve));
    const second = new WebSocket(server.syncUrl!);
    second.on('error', () => {});
    const status = await new Promise<number>((resolve) => second.on('unexpected-response', (_req, res) => resolve(res.statusCode!)));
    second.terminate();
    expect(status).toBe(503);
    // A well-formed Hocuspocus frame for a name that is not a Vigie document: refused before Hocuspocus.
    junk.send(Uint8Array.from([4, ...Buffer.from('test'), 0, 0]));
    await expect(closed).resolves.toBe(1008);
    await waitFor(() => server.health().clients === 0, 2_000, 'le serveur oublie le client');
  });

  it('hands a large crisis (10,000 entries of ~900 B) to a new client', { timeout: 120_000 }, async () => {
    const server = await relay();
    const key = randomCrisisKey();
    const a = await client(server, key);
    await a.synced;
    const entries = Array.from({ length: 10_000 }, (_, i) => logEntry(i));
    const jsonBytes = Buffer.byteLength(JSON.stringify(entries));
    const t0 = performance.now();
    for (let i = 0; i < entries.length; i += 1_000) {
      a.doc.transact(() => logOf(a).push(entries.slice(i, i + 1_000)));
    }
    await waitFor(() => !a.provider.hasUnsyncedChanges, 60_000, 'le relais a reçu les 10 000 entrées');
    const uploadMs = performance.now() - t0;
    const docBytes = Y.encodeStateAsUpdate(a.doc).byteLength;

    const t1 = performance.now();
    const b = await client(server, key);
    await waitFor(() => logOf(b).length === 10_000, 60_000, 'le nouveau client a les 10 000 entrées');
    const downloadMs = performance.now() - t1;
    expect(logOf(b).get(9_999)).toEqual(entries[9_999]);
    console.log(
      `[mesure] 10 000 entrées : JSON ${(jsonBytes / 1e6).toFixed(1)} Mo, document ${(docBytes / 1e6).toFixed(1)} Mo ; ` +
        `envoi au relais ${uploadMs.toFixed(0)} ms ; nouveau client connecté → 10 000 entrées ${downloadMs.toFixed(0)} ms`,
    );
  });
});

describe('relay limits (attacks through real sockets)', () => {
  /** Opens a raw WebSocket to /sync, from another loopback address when asked (another machine). */
  async function rawSocket(server: RelayServer, localAddress?: string): Promise<{ socket: WebSocket; closed: Promise<number> }> {
    const socket = new WebSocket(server.syncUrl!, localAddress ? { localAddress } : {});
    socket.on('error', () => {});
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('unexpected-response', (_req, res) => reject(new Error(String(res.statusCode)))));
    cleanups.push(() => socket.terminate());
    return { socket, closed };
  }

  /** The header of a masked binary frame announcing `length` payload bytes (mask 0: bytes as is). */
  function frameHeader(length: number): Buffer {
    const header = Buffer.alloc(14);
    header[0] = 0x82;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(length), 2);
    return header; // the 4 mask bytes are zero
  }

  it('closes an unauthenticated socket as soon as a frame announces more than 64 KiB (1009), before buffering it', async () => {
    const server = await relay();
    const key = randomCrisisKey();
    const name = await relayDocumentName(await relayToken(key));
    // A frame that names a Vigie document (as a Hocuspocus message does) and announces 200 MB.
    const { socket, closed } = await rawSocket(server);
    const raw = (socket as unknown as { _socket: import('node:net').Socket })._socket;
    const prefix = Buffer.from([name.length, ...Buffer.from(name), 0, 2]);
    raw.write(frameHeader(200 * 1024 * 1024));
    raw.write(Buffer.concat([prefix, Buffer.alloc(256 * 1024 - prefix.length)]));
    // Before the limit, the relay waited for the 200 MB (six such sockets: 1.65 GB resident).
    await expect(closed).resolves.toBe(1009);

    // An authenticated client may still send big frames: 2 MB in one update.
    const a = await client(server, key);
    await a.synced;
    logOf(a).push([{ blob: 'x'.repeat(2 * 1024 * 1024) }]);
    const b = await client(server, key);
    await waitFor(() => logOf(b).length === 1, 10_000, 'b reçoit la grosse entrée');
  });

  it('one address cannot take every /sync slot: a legitimate pair still connects and syncs', async () => {
    const server = await relay({ syncOptions: { maxClients: 40, maxClientsPerAddress: 6 } });
    const held: unknown[] = [];
    const refused: string[] = [];
    for (let i = 0; i < 40; i++) {
      try {
        held.push(await rawSocket(server, '127.0.0.2'));
      } catch (error) {
        refused.push((error as Error).message);
      }
    }
    expect(held.length).toBe(6);
    expect(new Set(refused)).toEqual(new Set(['429']));
    const key = randomCrisisKey();
    const a = await client(server, key);
    const b = await client(server, key);
    await Promise.all([a.synced, b.synced]);
    logOf(a).push([logEntry(1)]);
    await waitFor(() => logOf(b).length === 1, 5_000, 'la paire se synchronise pendant le siège');
  });

  it('refuses updates over the per-update cap or the document quota: a newcomer never gets the junk; other crises keep syncing', { timeout: 30_000 }, async () => {
    const QUOTA = 1024 * 1024;
    const server = await relay({ syncOptions: { documentQuotaBytes: QUOTA, maxUpdateBytes: 512 * 1024 } });
    const junkKey = randomCrisisKey();
    const vandal = await client(server, junkKey);
    await vandal.synced;
    const closes: number[] = [];
    vandal.provider.configuration.websocketProvider.on('close', ({ event }: { event: { code: number } }) => closes.push(event.code));

    // One update over the per-update cap: refused, the socket closed with 4413.
    logOf(vandal).push([{ blob: 'a'.repeat(600 * 1024) }]);
    await waitFor(() => closes.includes(4413), 5_000, 'mise à jour trop grosse refusée');

    // Then many updates under the cap that together exceed the quota, while another crisis syncs.
    const key = randomCrisisKey();
    const [a, b] = [await client(server, key), await client(server, key)];
    await Promise.all([a.synced, b.synced]);
    const vandal2 = await client(server, junkKey, { doc: new Y.Doc() });
    await vandal2.synced;
    for (let i = 0; i < 8; i++) logOf(vandal2).push([{ blob: String(i).repeat(300 * 1024) }]);
    logOf(a).push([logEntry(1)]);
    await waitFor(() => logOf(b).length === 1, 5_000, 'l’autre crise se synchronise pendant le déluge');

    await new Promise((resolve) => setTimeout(resolve, 300));
    const newcomer = await client(server, junkKey, { doc: new Y.Doc() });
    await newcomer.synced;
    const stored = Y.encodeStateAsUpdate(newcomer.doc).byteLength;
    expect(stored).toBeLessThanOrEqual(QUOTA);
    expect(logOf(newcomer).length).toBeLessThan(8);
    expect(logOf(newcomer).toJSON().every((e) => String((e as { blob: string }).blob).length === 300 * 1024)).toBe(true);
    expect(logs.some((line) => line.includes('dépasserait son quota'))).toBe(true);
  });
});
