// The signaling service (/signal) and the relay's HTTP surface, over real sockets on 127.0.0.1.
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { isValidTopic } from '../../src-main/services/signaling';
import { startRelayServer, type RelayServer, type RelayServerOptions } from '../../src-main/services/relay-server';
import { signalingToken, signalingUrlWithToken, webrtcRoomName } from '../../src-renderer/core/secrets';
import { randomCrisisKey, waitFor } from './relay-helpers';

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

/** A crisis as the signaling server sees it: a token and the one room it opens. */
interface Room {
  key: string;
  token: string;
  name: string;
  url(server: RelayServer): string;
}

async function crisisRoom(key = randomCrisisKey()): Promise<Room> {
  const token = await signalingToken(key);
  return { key, token, name: await webrtcRoomName(key), url: (server) => signalingUrlWithToken(server.signalingUrl!, token) };
}

/** The HTTP status a refused WebSocket upgrade gets. */
async function upgradeStatus(url: string, options: WebSocket.ClientOptions = {}): Promise<number> {
  const socket = new WebSocket(url, options);
  socket.on('error', () => {});
  const status = await new Promise<number>((resolve) => {
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
    socket.on('open', () => resolve(101));
  });
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

/** Sockets from another loopback address (127.0.0.0/8 is all this machine): another client machine. */
const from = (address: string): WebSocket.ClientOptions => ({ localAddress: address });

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

  it('relays a publish to every subscriber of the room, sender included, with the count', async () => {
    const server = await relay();
    const room = await crisisRoom();
    const [a, b, silent] = await Promise.all([peer(room.url(server)), peer(room.url(server)), peer(room.url(server))]);
    a.send({ type: 'subscribe', topics: [room.name] });
    b.send({ type: 'subscribe', topics: [room.name, 'vigie-other'] });
    await Promise.all([roundTrip(a), roundTrip(b)]);
    expect(server.health()).toMatchObject({ signaling: true, sync: false, rooms: 1, clients: 3 });

    // Like y-webrtc's server: a socket of the room may publish without subscribing, only subscribers receive.
    silent.send({ type: 'publish', topic: room.name, data: { type: 'announce', from: 'peer-x' } });
    await waitFor(() => a.messages.length === 2 && b.messages.length === 2, 2_000, 'la publication');
    expect(a.messages[1]).toEqual({ type: 'publish', topic: room.name, data: { type: 'announce', from: 'peer-x' }, clients: 2 });
    expect(b.messages[1]).toEqual(a.messages[1]);
    await roundTrip(silent);
    expect(silent.messages.every((m) => m.type === 'pong')).toBe(true);

    a.send({ type: 'publish', topic: room.name, data: 'chiffré' });
    await waitFor(() => a.messages.length === 3 && b.messages.length === 3, 2_000, 'retour à l’émetteur');
    expect(a.messages[2]).toMatchObject({ data: 'chiffré', clients: 2 });
  });

  it('refuses a connection without a valid token (401)', async () => {
    const server = await relay();
    expect(await upgradeStatus(server.signalingUrl!)).toBe(401);
    expect(await upgradeStatus(`${server.signalingUrl}?token=court`)).toBe(401);
    expect(await upgradeStatus(`${server.signalingUrl}?token=${'x'.repeat(43)}%0A`)).toBe(401);
    expect(server.health().clients).toBe(0);
  });

  it('a token opens its own room only: another room name cannot be joined, announced in nor flooded', async () => {
    const server = await relay();
    const crisis = await crisisRoom();
    const intruder = await crisisRoom();
    const [a, b] = await Promise.all([peer(crisis.url(server)), peer(crisis.url(server))]);
    a.send({ type: 'subscribe', topics: [crisis.name] });
    b.send({ type: 'subscribe', topics: [crisis.name] });
    await Promise.all([roundTrip(a), roundTrip(b)]);

    // The intruder knows the crisis's room name (it travels in clear) but holds another key.
    const x = await peer(intruder.url(server));
    x.send({ type: 'subscribe', topics: [crisis.name, TOPIC] });
    x.send({ type: 'publish', topic: crisis.name, data: { type: 'announce', from: 'intrus' } });
    await roundTrip(x);
    a.send({ type: 'publish', topic: crisis.name, data: 'pour b' });
    await waitFor(() => b.messages.some((m) => m.data === 'pour b'), 2_000, 'b reçoit');
    await roundTrip(b);
    expect(b.messages.filter((m) => m.type === 'publish').map((m) => m.data)).toEqual(['pour b']);
    expect(x.messages.every((m) => m.type === 'pong')).toBe(true);
    expect(server.health().rooms).toBe(1);
  });

  it('stops delivering after unsubscribe, and forgets the empty room', async () => {
    const server = await relay();
    const room = await crisisRoom();
    const [a, b] = await Promise.all([peer(room.url(server)), peer(room.url(server))]);
    a.send({ type: 'subscribe', topics: [room.name] });
    b.send({ type: 'subscribe', topics: [room.name] });
    await Promise.all([roundTrip(a), roundTrip(b)]);
    b.send({ type: 'unsubscribe', topics: [room.name] });
    await roundTrip(b);
    a.send({ type: 'publish', topic: room.name, data: 1 });
    await waitFor(() => a.messages.some((m) => m.data === 1), 2_000, 'a reçoit sa publication');
    expect(a.messages.find((m) => m.data === 1)).toMatchObject({ clients: 1 });
    await roundTrip(b);
    expect(b.messages.some((m) => m.type === 'publish')).toBe(false);
    a.send({ type: 'unsubscribe', topics: [room.name] });
    await roundTrip(a);
    expect(server.health().rooms).toBe(0);
  });

  it('forgets the room of a client that leaves', async () => {
    const server = await relay();
    const room = await crisisRoom();
    const a = await peer(room.url(server));
    a.send({ type: 'subscribe', topics: [room.name] });
    await roundTrip(a);
    expect(server.health().rooms).toBe(1);
    a.socket.close();
    await waitFor(() => server.health().clients === 0, 2_000, 'départ');
    expect(server.health().rooms).toBe(0);
  });

  it('ignores malformed messages and keeps the sender connected', async () => {
    const server = await relay();
    const room = await crisisRoom();
    const [a, b] = await Promise.all([peer(room.url(server)), peer(room.url(server))]);
    b.send({ type: 'subscribe', topics: [room.name] });
    for (const junk of [
      '{"type":"subscribe",',
      'null',
      '42',
      '[1,2]',
      '"publish"',
      JSON.stringify({ type: 'subscribe', topics: room.name }),
      JSON.stringify({ type: 'subscribe', topics: ['a'.repeat(129), 'bad\nname', 'é', '', 7, null, { x: 1 }] }),
      JSON.stringify({ type: 'unsubscribe', topics: { length: 1e9 } }),
      JSON.stringify({ type: 'publish', topic: [room.name] }),
      JSON.stringify({ type: 'publish' }),
      JSON.stringify({ type: 'constructor' }),
      JSON.stringify({ type: '__proto__', topics: [room.name] }),
      JSON.stringify({ type: { toString: 1 } }),
    ]) {
      a.send(junk);
    }
    a.socket.send(Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    await roundTrip(a);
    expect(a.socket.readyState).toBe(WebSocket.OPEN);
    expect(server.health().rooms).toBe(1);
    a.send({ type: 'publish', topic: room.name, data: 'toujours là' });
    await waitFor(() => b.messages.some((m) => m.data === 'toujours là'), 2_000, 'b reçoit');
  });

  it('closes a sender of an oversize message (1009), and only it', async () => {
    const server = await relay({ signalingOptions: { maxMessageBytes: 64 * 1024 } });
    const room = await crisisRoom();
    const [big, b] = await Promise.all([peer(room.url(server)), peer(room.url(server))]);
    b.send({ type: 'subscribe', topics: [room.name] });
    await roundTrip(b);
    big.send({ type: 'publish', topic: room.name, data: 'x'.repeat(64 * 1024) });
    await expect(big.closed).resolves.toBe(1009);
    await roundTrip(b);
    expect(b.messages.some((m) => m.type === 'publish')).toBe(false);
  });

  it('survives 1,000 random frames; other clients keep working', async () => {
    const server = await relay();
    const room = await crisisRoom();
    const [a, b] = await Promise.all([peer(room.url(server)), peer(room.url(server))]);
    a.send({ type: 'subscribe', topics: [room.name] });
    b.send({ type: 'subscribe', topics: [room.name] });
    await Promise.all([roundTrip(a), roundTrip(b)]);
    const noisy = await peer(room.url(server));
    for (let i = 0; i < 1_000; i++) {
      const bytes = globalThis.crypto.getRandomValues(new Uint8Array(1 + Math.floor(Math.random() * 2_000)));
      // Text frames must be valid UTF-8 or ws closes the socket (1007): some are, some are binary.
      if (i % 2 === 0) noisy.socket.send(bytes);
      else noisy.send(Buffer.from(bytes).toString('base64'));
    }
    // And raw bytes that are not even a WebSocket frame.
    const raw = new WebSocket(room.url(server));
    raw.on('error', () => {});
    await new Promise((resolve) => raw.once('open', resolve));
    (raw as unknown as { _socket: import('node:net').Socket })._socket.write(globalThis.crypto.getRandomValues(new Uint8Array(4096)));
    await waitFor(() => raw.readyState === WebSocket.CLOSED, 2_000, 'fermeture du client illisible');

    a.send({ type: 'publish', topic: room.name, data: 'après le bruit' });
    await waitFor(() => b.messages.some((m) => m.data === 'après le bruit'), 2_000, 'b reçoit après le bruit');
    expect(server.health().clients).toBeGreaterThanOrEqual(2);
  });

  it('closes a socket that stops answering pings', async () => {
    const server = await relay({ signalingOptions: { pingIntervalMs: 50 } });
    const room = await crisisRoom();
    const alive = await peer(room.url(server));
    alive.send({ type: 'subscribe', topics: [room.name] });
    const dead = await peer(room.url(server), { autoPong: false });
    await dead.closed;
    await waitFor(() => server.health().clients === 1, 2_000, 'le serveur oublie le client muet');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alive.socket.readyState).toBe(WebSocket.OPEN);
    expect(server.health().clients).toBe(1);
  });

  it('closes a socket that answers pings but never subscribes (it only holds a slot)', async () => {
    const server = await relay({ signalingOptions: { idleTimeoutMs: 100, pingIntervalMs: 20 } });
    const room = await crisisRoom();
    const member = await peer(room.url(server));
    member.send({ type: 'subscribe', topics: [room.name] });
    const squatter = await peer(room.url(server));
    // It keeps talking (pings), just never joins: still closed.
    const chatter = setInterval(() => squatter.send({ type: 'ping' }), 10);
    cleanups.push(() => clearInterval(chatter));
    await expect(squatter.closed).resolves.toBe(1008);
    await roundTrip(member);
    expect(server.health().clients).toBe(1);
  });

  it('one address cannot hold every slot (the 2,000-slot squat): a legitimate pair still gets in and talks', async () => {
    const server = await relay({ signalingOptions: { maxClients: 40, maxClientsPerAddress: 8 } });
    // The attacker, from 127.0.0.2, subscribes sockets to rooms of its own keys and answers pings.
    const attackers: Peer[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const own = await crisisRoom();
      try {
        const p = await peer(own.url(server), from('127.0.0.2'));
        p.send({ type: 'subscribe', topics: [own.name] });
        attackers.push(p);
      } catch {
        statuses.push(await upgradeStatus(own.url(server), from('127.0.0.2')));
      }
    }
    expect(attackers.length).toBe(8);
    expect(new Set(statuses)).toEqual(new Set([429]));
    const room = await crisisRoom();
    const [a, b] = await Promise.all([peer(room.url(server), from('127.0.0.3')), peer(room.url(server), from('127.0.0.4'))]);
    a.send({ type: 'subscribe', topics: [room.name] });
    b.send({ type: 'subscribe', topics: [room.name] });
    await Promise.all([roundTrip(a), roundTrip(b)]);
    a.send({ type: 'publish', topic: room.name, data: 'offre' });
    await waitFor(() => b.messages.some((m) => m.data === 'offre'), 2_000, 'b reçoit pendant le siège');
    // A slot freed by the attacker is his again, not more.
    attackers[0].socket.close();
    await waitFor(() => server.health().clients === 9, 2_000, 'une place libérée');
    expect(await upgradeStatus((await crisisRoom()).url(server), from('127.0.0.2'))).toBe(101);
  });

  it('limits the publish rate of a connection; a flooder is cut off, a pair in another room keeps talking', async () => {
    const server = await relay({ signalingOptions: { publishBurst: 50, publishPerSecond: 10 } });
    const floodRoom = await crisisRoom();
    const victim = await peer(floodRoom.url(server));
    victim.send({ type: 'subscribe', topics: [floodRoom.name] });
    await roundTrip(victim);
    const room = await crisisRoom();
    const [a, b] = await Promise.all([peer(room.url(server)), peer(room.url(server))]);
    a.send({ type: 'subscribe', topics: [room.name] });
    b.send({ type: 'subscribe', topics: [room.name] });
    await Promise.all([roundTrip(a), roundTrip(b)]);

    const flooder = await peer(floodRoom.url(server));
    const started = Date.now();
    for (let i = 0; i < 5_000 && flooder.socket.readyState === WebSocket.OPEN; i++) {
      flooder.send({ type: 'publish', topic: floodRoom.name, data: i });
    }
    a.send({ type: 'publish', topic: room.name, data: 'pendant le déluge' });
    await waitFor(() => b.messages.some((m) => m.data === 'pendant le déluge'), 5_000, 'la paire parle pendant le déluge');
    await expect(flooder.closed).resolves.toBe(1008);
    const elapsed = (Date.now() - started) / 1000;
    await roundTrip(victim);
    const delivered = victim.messages.filter((m) => m.type === 'publish').length;
    // The burst, plus what the refill allowed while the flood lasted: never the 5,000.
    expect(delivered).toBeGreaterThan(0);
    expect(delivered).toBeLessThanOrEqual(50 + Math.ceil(elapsed * 10));
  });

  it('refuses connections beyond the limit', async () => {
    const server = await relay({ signalingOptions: { maxClients: 2 } });
    const room = await crisisRoom();
    await peer(room.url(server));
    await peer(room.url(server));
    expect(await upgradeStatus(room.url(server))).toBe(503);
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
    const crisis = await crisisRoom();
    const room = crisis.name;
    const a = spawnPeer(crisis.url(server), room);
    // B joins once A is in the room, as volunteers do. Two y-webrtc 10.3 clients announcing in the
    // same few milliseconds can both send offers; their glare handling then sometimes leaves the pair
    // unconnected for good (observed here ~1 run in 10, client side, whatever the server).
    await waitFor(() => server.health().rooms === 1 && server.health().clients === 1, 10_000, 'A dans le salon');
    const b = spawnPeer(crisis.url(server), room);
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
