// The signaling service (/signal) and the relay's HTTP surface, over real sockets on 127.0.0.1.
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { isValidTopic } from '../../src-main/services/signaling';
import { startRelayServer, type RelayServer, type RelayServerOptions } from '../../src-main/services/relay-server';
import { waitFor } from './relay-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function relay(options: RelayServerOptions = {}): Promise<RelayServer> {
  const server = await startRelayServer({ host: '127.0.0.1', port: 0, sync: false, log: () => {}, ...options });
  cleanups.push(() => server.close());
  return server;
}

interface Peer {
  socket: WebSocket;
  messages: Record<string, unknown>[];
  send(message: unknown): void;
  closed: Promise<number>;
}

async function peer(url: string, options: WebSocket.ClientOptions = {}): Promise<Peer> {
  const socket = new WebSocket(url, options);
  const messages: Record<string, unknown>[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  socket.on('error', () => {});
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  cleanups.push(() => socket.terminate());
  return { socket, messages, closed, send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)) };
}

/** The HTTP status a refused WebSocket upgrade gets. */
async function upgradeStatus(url: string): Promise<number> {
  const socket = new WebSocket(url);
  socket.on('error', () => {});
  const status = await new Promise<number>((resolve) => socket.on('unexpected-response', (_req, res) => resolve(res.statusCode!)));
  socket.terminate();
  return status;
}

/** Sends a ping and waits for its pong: every frame sent before it has been handled by then. */
async function roundTrip(p: Peer): Promise<void> {
  const before = p.messages.filter((m) => m.type === 'pong').length;
  p.send({ type: 'ping' });
  await waitFor(() => p.messages.filter((m) => m.type === 'pong').length > before, 2_000, 'pong');
}

const TOPIC = 'vigie-Qm9uam91ciBsZXMgdm9sb250YWlyZXMgZGUgVklTT1Y';

describe('signaling', () => {
  it('binds the one address asked for, 127.0.0.1 by default, and no other interface answers', async () => {
    const server = await relay();
    expect(server.address().address).toBe('127.0.0.1');
    const byDefault = await startRelayServer({ port: 0, sync: false, log: () => {} });
    cleanups.push(() => byDefault.close());
    expect(byDefault.address().address).toBe('127.0.0.1');

    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (lan) {
      const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
        const req = httpRequest({ host: lan.address, port: server.port, path: '/health' }, () => resolve(new Error('answered')));
        req.on('error', resolve);
        req.end();
      });
      expect(error.code).toBe('ECONNREFUSED');
    }
  });

  it('relays a publish to every subscriber of the topic, sender included, with the count', async () => {
    const server = await relay();
    const [a, b, outsider] = await Promise.all([peer(server.signalingUrl!), peer(server.signalingUrl!), peer(server.signalingUrl!)]);
    a.send({ type: 'subscribe', topics: [TOPIC] });
    b.send({ type: 'subscribe', topics: [TOPIC, 'vigie-other'] });
    await Promise.all([roundTrip(a), roundTrip(b)]);
    expect(server.health()).toMatchObject({ signaling: true, sync: false, rooms: 2, clients: 3 });

    // Like y-webrtc's server: anyone may publish, only subscribers receive.
    outsider.send({ type: 'publish', topic: TOPIC, data: { type: 'announce', from: 'peer-x' } });
    await waitFor(() => a.messages.length === 2 && b.messages.length === 2, 2_000, 'la publication');
    expect(a.messages[1]).toEqual({ type: 'publish', topic: TOPIC, data: { type: 'announce', from: 'peer-x' }, clients: 2 });
    expect(b.messages[1]).toEqual(a.messages[1]);
    await roundTrip(outsider);
    expect(outsider.messages.every((m) => m.type === 'pong')).toBe(true);

    a.send({ type: 'publish', topic: TOPIC, data: 'chiffré' });
    await waitFor(() => a.messages.length === 3 && b.messages.length === 3, 2_000, 'retour à l’émetteur');
    expect(a.messages[2]).toMatchObject({ data: 'chiffré', clients: 2 });
  });

  it('stops delivering after unsubscribe, and forgets the empty topic', async () => {
    const server = await relay();
    const [a, b] = await Promise.all([peer(server.signalingUrl!), peer(server.signalingUrl!)]);
    a.send({ type: 'subscribe', topics: [TOPIC] });
    b.send({ type: 'subscribe', topics: [TOPIC] });
    await Promise.all([roundTrip(a), roundTrip(b)]);
    b.send({ type: 'unsubscribe', topics: [TOPIC] });
    await roundTrip(b);
    a.send({ type: 'publish', topic: TOPIC, data: 1 });
    await waitFor(() => a.messages.some((m) => m.data === 1), 2_000, 'a reçoit sa publication');
    expect(a.messages.find((m) => m.data === 1)).toMatchObject({ clients: 1 });
    await roundTrip(b);
    expect(b.messages.some((m) => m.type === 'publish')).toBe(false);
    a.send({ type: 'unsubscribe', topics: [TOPIC] });
    await roundTrip(a);
    expect(server.health().rooms).toBe(0);
  });

  it('forgets the topics of a client that leaves', async () => {
    const server = await relay();
    const a = await peer(server.signalingUrl!);
    a.send({ type: 'subscribe', topics: [TOPIC, 'vigie-2', 'vigie-3'] });
    await roundTrip(a);
    expect(server.health().rooms).toBe(3);
    a.socket.close();
    await waitFor(() => server.health().clients === 0, 2_000, 'départ');
    expect(server.health().rooms).toBe(0);
  });

  it('ignores malformed messages and keeps the sender connected', async () => {
    const server = await relay();
    const [a, b] = await Promise.all([peer(server.signalingUrl!), peer(server.signalingUrl!)]);
    b.send({ type: 'subscribe', topics: [TOPIC] });
    for (const junk of [
      '{"type":"subscribe",',
      'null',
      '42',
      '[1,2]',
      '"publish"',
      JSON.stringify({ type: 'subscribe', topics: 'vigie-x' }),
      JSON.stringify({ type: 'subscribe', topics: ['a'.repeat(129), 'bad\nname', 'é', '', 7, null, { x: 1 }] }),
      JSON.stringify({ type: 'unsubscribe', topics: { length: 1e9 } }),
      JSON.stringify({ type: 'publish', topic: ['vigie-x'] }),
      JSON.stringify({ type: 'publish' }),
      JSON.stringify({ type: 'constructor' }),
      JSON.stringify({ type: '__proto__', topics: [TOPIC] }),
      JSON.stringify({ type: { toString: 1 } }),
    ]) {
      a.send(junk);
    }
    a.socket.send(Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    await roundTrip(a);
    expect(a.socket.readyState).toBe(WebSocket.OPEN);
    expect(server.health().rooms).toBe(1);
    a.send({ type: 'publish', topic: TOPIC, data: 'toujours là' });
    await waitFor(() => b.messages.some((m) => m.data === 'toujours là'), 2_000, 'b reçoit');
  });

  it('closes a sender of an oversize message (1009), and only it', async () => {
    const server = await relay({ signalingOptions: { maxMessageBytes: 64 * 1024 } });
    const [big, b] = await Promise.all([peer(server.signalingUrl!), peer(server.signalingUrl!)]);
    b.send({ type: 'subscribe', topics: [TOPIC] });
    await roundTrip(b);
    big.send({ type: 'publish', topic: TOPIC, data: 'x'.repeat(64 * 1024) });
    await expect(big.closed).resolves.toBe(1009);
    await roundTrip(b);
    expect(b.messages.some((m) => m.type === 'publish')).toBe(false);
  });

  it('survives 1,000 random frames; other clients keep working', async () => {
    const server = await relay();
    const [a, b] = await Promise.all([peer(server.signalingUrl!), peer(server.signalingUrl!)]);
    a.send({ type: 'subscribe', topics: [TOPIC] });
    b.send({ type: 'subscribe', topics: [TOPIC] });
    await Promise.all([roundTrip(a), roundTrip(b)]);
    const noisy = await peer(server.signalingUrl!);
    for (let i = 0; i < 1_000; i++) {
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(1 + Math.floor(Math.random() * 2_000)));
      // Text frames must be valid UTF-8 or ws closes the socket (1007): some are, some are binary.
      if (i % 2 === 0) noisy.socket.send(bytes);
      else noisy.send(Buffer.from(bytes).toString('base64'));
    }
    await roundTrip(noisy);
    // And raw bytes that are not even a WebSocket frame.
    const raw = new WebSocket(server.signalingUrl!);
    raw.on('error', () => {});
    await new Promise((resolve) => raw.once('open', resolve));
    (raw as unknown as { _socket: import('node:net').Socket })._socket.write(globalThis.crypto.getRandomValues(new Uint8Array(4096)));
    await waitFor(() => raw.readyState === WebSocket.CLOSED, 2_000, 'fermeture du client illisible');

    a.send({ type: 'publish', topic: TOPIC, data: 'après le bruit' });
    await waitFor(() => b.messages.some((m) => m.data === 'après le bruit'), 2_000, 'b reçoit après le bruit');
    expect(server.health().clients).toBe(3);
  });

  it('limits the topics of one connection', async () => {
    const server = await relay({ signalingOptions: { maxTopicsPerConnection: 5 } });
    const a = await peer(server.signalingUrl!);
    a.send({ type: 'subscribe', topics: Array.from({ length: 50 }, (_, i) => `vigie-${i}`) });
    await roundTrip(a);
    expect(server.health().rooms).toBe(5);
  });

  it('closes a socket that stops answering pings', async () => {
    const server = await relay({ signalingOptions: { pingIntervalMs: 50 } });
    const alive = await peer(server.signalingUrl!);
    const dead = await peer(server.signalingUrl!, { autoPong: false });
    await dead.closed;
    await waitFor(() => server.health().clients === 1, 2_000, 'le serveur oublie le client muet');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
    expect(server.health().clients).toBe(1);
  });

  it('refuses connections beyond the limit', async () => {
    const server = await relay({ signalingOptions: { maxClients: 2 } });
    await peer(server.signalingUrl!);
    await peer(server.signalingUrl!);
    expect(await upgradeStatus(server.signalingUrl!)).toBe(503);
  });
});

describe('relay HTTP surface', () => {
  async function get(server: RelayServer, path: string, method = 'GET') {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method, headers: { Origin: 'https://evil.example' } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('answers GET /health with counts only, no CORS, and 404 everywhere else', async () => {
    const server = await relay({ sync: true });
    const health = await get(server, '/health');
    expect(health.status).toBe(200);
    expect(health.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(health.body)).toEqual({ service: 'vigie-relay', signaling: true, sync: true, rooms: 0, clients: 0 });
    expect(health.headers['access-control-allow-origin']).toBeUndefined();
    expect((await get(server, '/health', 'POST')).status).toBe(405);
    for (const path of ['/', '/signal', '/sync', '/health/x', '/../etc/passwd', '/favicon.ico']) {
      expect((await get(server, path)).status).toBe(404);
    }
  });

  it('refuses WebSocket upgrades on other paths, and on a disabled service', async () => {
    const server = await relay({ sync: false });
    for (const path of ['/', '/sync', '/signal/x', '/health']) {
      expect(await upgradeStatus(`ws://127.0.0.1:${server.port}${path}`)).toBe(404);
    }
  });

  it('explains in French why it cannot listen', async () => {
    const server = await relay();
    await expect(startRelayServer({ host: '127.0.0.1', port: server.port, sync: false, log: () => {} })).rejects.toThrow(
      `Le port ${server.port} est déjà utilisé sur 127.0.0.1`,
    );
    await expect(startRelayServer({ host: '203.0.113.77', port: 0, sync: false, log: () => {} })).rejects.toThrow(
      'L’adresse 203.0.113.77 n’appartient à aucune interface réseau de cette machine.',
    );
  });

});

describe('topic names', () => {
  it('accepts y-webrtc room names as Vigie makes them, refuses odd ones', () => {
    expect(isValidTopic(TOPIC)).toBe(true);
    expect(isValidTopic('a'.repeat(128))).toBe(true);
    for (const bad of ['', 'a'.repeat(129), 'salle de crise', 'é', 'a\u0000b', 'a\nb', 42, null, undefined, ['x']]) {
      expect(isValidTopic(bad)).toBe(false);
    }
  });
});

describe('with real y-webrtc 10.3 clients', () => {
  interface Child {
    events: Record<string, any>[];
    push(line: string): void;
  }

  function spawnPeer(url: string, room: string): Child {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./fixtures/webrtc-peer.mjs', import.meta.url)), url, room, 'mot-de-passe-de-crise'], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    );
    const events: Record<string, any>[] = [];
    let buffer = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith('{')) events.push(JSON.parse(line));
    });
    return { events, push: (line) => child.stdin!.write(`${line}\n`) };
  }

  const last = (child: Child, event: string) => [...child.events].reverse().find((e) => e.event === event);

  it('two processes find each other through /signal and sync over WebRTC', { timeout: 30_000 }, async () => {
    const server = await relay();
    const room = 'vigie-cm9vbS1kZS10ZXN0LXBvdXItbGEtc2lnbmFsaXNhdGlvbg';
    const a = spawnPeer(server.signalingUrl!, room);
    // B joins once A is in the room, as volunteers do. Two y-webrtc 10.3 clients announcing in the
    // same few milliseconds can both send offers; their glare handling then sometimes leaves the pair
    // unconnected for good (observed here ~1 run in 10, client side, whatever the server).
    await waitFor(() => server.health().rooms === 1 && server.health().clients === 1, 10_000, 'A dans le salon');
    const b = spawnPeer(server.signalingUrl!, room);
    await waitFor(() => last(a, 'webrtc')?.connected === 1 && last(b, 'webrtc')?.connected === 1, 20_000, 'connexion WebRTC');
    // The signaling server saw the room (encrypted messages only) and both clients.
    expect(server.health()).toMatchObject({ rooms: 1, clients: 2 });
    a.push('remontée de A');
    b.push('remontée de B');
    await waitFor(() => last(a, 'log')?.entries.length === 2 && last(b, 'log')?.entries.length === 2, 10_000, 'convergence');
    expect([...last(a, 'log')!.entries].sort()).toEqual(['remontée de A', 'remontée de B']);
    expect(last(b, 'log')!.entries).toEqual(last(a, 'log')!.entries);
  });
});
