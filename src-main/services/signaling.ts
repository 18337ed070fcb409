// WebRTC signaling for y-webrtc 10.3 clients: the same JSON protocol as y-webrtc's bin/server.js
// (subscribe / unsubscribe / publish / ping), so an unmodified WebrtcProvider can use it, but hardened
// to run on a crisis cell's LAN for days: bounded messages, topics, rates and buffers, no crash on
// garbage, dead and idle sockets closed, a cap per client address.
//
// Access: a client connects to /signal?token=T with T = signalingToken(key) (core/secrets.ts). The
// socket may then subscribe and publish to one room only, webrtcRoomNameForToken(T): the server needs
// no list of keys, and whoever merely sees a room name (on the wire, in a log) cannot join it, announce
// in it or flood it. What passes through is opaque: y-webrtc encrypts its signals with the crisis key.
// Nothing is logged but counts and events.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { webrtcRoomNameForToken } from '../../src-renderer/core/secrets';
import { Admission, refuse } from './relay-admission';

export interface SignalingOptions {
  /** Larger frames close the sender's socket (code 1009). A y-webrtc offer with its SDP is ~4 KiB. */
  maxMessageBytes?: number;
  /** Connections refused beyond this (503), so the relay's memory stays bounded. */
  maxClients?: number;
  /**
   * Connections one client address may hold at once; more are refused (429). One copy of Vigie uses
   * one per signaling server; a whole office behind one NAT address still fits.
   */
  maxClientsPerAddress?: number;
  /** Subscribers one room may have; a y-webrtc client connects to ~20 peers at most anyway. */
  maxSubscribersPerRoom?: number;
  /**
   * A socket that holds no subscription for this long is closed (1008): a y-webrtc client subscribes
   * as soon as it connects; a socket that only answers pings is someone holding a slot.
   */
  idleTimeoutMs?: number;
  /**
   * Publish budget per connection, a token bucket in units of one message plus one per KiB: a burst
   * of `publishBurst`, refilled at `publishPerSecond`. Messages over budget are dropped; a socket
   * that keeps sending far beyond it is closed (1008).
   */
  publishBurst?: number;
  publishPerSecond?: number;
  /** Interval of WebSocket pings; a socket that did not answer the previous one is closed. */
  pingIntervalMs?: number;
  /** A receiver whose unsent data exceeds this is too slow to keep up: closed rather than buffered forever. */
  maxBufferedBytes?: number;
  log?: (line: string) => void;
}

export interface SignalingStats {
  clients: number;
  topics: number;
}

export interface SignalingService {
  /** Completes a WebSocket upgrade the HTTP server routed here (path /signal). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  stats(): SignalingStats;
  /** Closes every client socket and stops the keepalive timer. */
  close(): Promise<void>;
}

export const SIGNALING_DEFAULTS = {
  maxMessageBytes: 64 * 1024,
  maxClients: 2_000,
  maxClientsPerAddress: 32,
  maxSubscribersPerRoom: 256,
  idleTimeoutMs: 10_000,
  publishBurst: 1_000,
  publishPerSecond: 100,
  pingIntervalMs: 30_000,
  maxBufferedBytes: 8 * 1024 * 1024,
} as const;

/**
 * Topic names y-webrtc clients may use: Vigie's are `vigie-` + 43 base64url characters. The
 * charset keeps control characters and odd Unicode out of memory and of any log; the length bound
 * keeps one subscription from costing more than a few hundred bytes.
 */
export const TOPIC_PATTERN = /^[A-Za-z0-9._~:+=\/-]{1,128}$/;

export function isValidTopic(topic: unknown): topic is string {
  return typeof topic === 'string' && TOPIC_PATTERN.test(topic);
}

/** The shape of signalingToken() (core/secrets.ts). */
export const SIGNALING_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The token of a /signal upgrade (`?token=`), or null when absent or malformed. */
export function tokenOf(request: IncomingMessage): string | null {
  try {
    const token = new URL(request.url ?? '/', 'http://relay.invalid').searchParams.get('token');
    return token !== null && SIGNALING_TOKEN.test(token) ? token : null;
  } catch {
    return null;
  }
}

interface Client {
  socket: WebSocket;
  /** The one room this socket's token opens. */
  room: string;
  topics: Set<string>;
  alive: boolean;
  /** Publish budget (token bucket) and when it was last refilled. */
  budget: number;
  refilledAt: number;
  /** Messages dropped for exceeding the budget since the last accepted one. */
  dropped: number;
  idle?: NodeJS.Timeout;
  /** Each limit is reported once per connection, so a looping client cannot flood the log. */
  warned: Set<string>;
}

/** Parses a frame as y-webrtc's server does (JSON, text or binary), but never throws. */
function parseMessage(bytes: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function toBuffer(data: RawData): Buffer {
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
}

export function createSignalingService(options: SignalingOptions = {}): SignalingService {
  const config = { ...SIGNALING_DEFAULTS, ...options };
  const log = options.log ?? (() => {});
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes, clientTracking: false });
  /** topic → subscribed clients. */
  const topics = new Map<string, Set<Client>>();
  const clients = new Set<Client>();
  const admission = new Admission(config, log, 'Signalisation');
  /** Upgrades admitted whose room name is being derived from their token. */
  let opening = 0;
  let closing = false;

  const warnOnce = (client: Client, what: string, line: string): void => {
    if (client.warned.has(what)) return;
    client.warned.add(what);
    log(line);
  };

  /** Closes a socket without a subscription once idleTimeoutMs have passed. */
  const armIdle = (client: Client): void => {
    clearTimeout(client.idle);
    client.idle = undefined;
    if (client.topics.size > 0) return;
    client.idle = setTimeout(() => {
      if (client.topics.size > 0) return;
      log('Signalisation : connexion sans abonnement fermée (inactive)');
      client.socket.close(1008, 'inactive');
    }, config.idleTimeoutMs);
    client.idle.unref();
  };

  const unsubscribe = (client: Client, topic: string): void => {
    const subscribers = topics.get(topic);
    if (subscribers) {
      subscribers.delete(client);
      // y-webrtc's server leaves empty topics behind on unsubscribe; over days of reconnects that grows.
      if (subscribers.size === 0) topics.delete(topic);
    }
    client.topics.delete(topic);
  };

  /** Sends or closes, like y-webrtc's server; a slow receiver is dropped instead of buffered without bound. */
  const send = (client: Client, payload: string): void => {
    const { socket } = client;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > config.maxBufferedBytes) {
      log('Signalisation : client trop lent, connexion fermée');
      socket.terminate();
      return;
    }
    socket.send(payload, (error) => {
      if (error) socket.terminate();
    });
  };

  /** Takes the cost of one message from the client's budget; false when over budget. */
  const spend = (client: Client, bytes: number): boolean => {
    const now = Date.now();
    client.budget = Math.min(config.publishBurst, client.budget + ((now - client.refilledAt) / 1000) * config.publishPerSecond);
    client.refilledAt = now;
    const cost = 1 + Math.floor(bytes / 1024);
    if (client.budget >= cost) {
      client.budget -= cost;
      client.dropped = 0;
      return true;
    }
    client.dropped += 1;
    warnOnce(client, 'rate', 'Signalisation : client trop bavard, messages ignorés');
    if (client.dropped > config.publishBurst) {
      log('Signalisation : client trop bavard, connexion fermée');
      client.socket.close(1008, 'rate limit');
    }
    return false;
  };

  const onMessage = (client: Client, data: RawData): void => {
    const bytes = toBuffer(data);
    // Every frame costs, valid or not: junk must not be a free way to keep the server busy.
    if (!spend(client, bytes.length)) return;
    const message = parseMessage(bytes);
    // Malformed JSON, non-objects and unknown types are ignored: the sender stays connected, as with y-webrtc.
    if (!message || typeof message.type !== 'string') return;
    switch (message.type) {
      case 'subscribe': {
        if (!Array.isArray(message.topics)) return;
        // Only the room the token opens. y-webrtc subscribes every room of its process on each
        // connection, so other names are ignored rather than punished.
        if (!message.topics.includes(client.room) || client.topics.has(client.room)) return;
        let subscribers = topics.get(client.room);
        if (subscribers && subscribers.size >= config.maxSubscribersPerRoom) {
          warnOnce(client, 'room', `Signalisation : salon complet (${config.maxSubscribersPerRoom} abonnés), abonnement refusé`);
          return;
        }
        if (!subscribers) topics.set(client.room, (subscribers = new Set()));
        subscribers.add(client);
        client.topics.add(client.room);
        armIdle(client);
        return;
      }
      case 'unsubscribe': {
        if (!Array.isArray(message.topics)) return;
        for (const topic of message.topics) if (typeof topic === 'string') unsubscribe(client, topic);
        armIdle(client);
        return;
      }
      case 'publish': {
        // Relayed as is to every subscriber of the topic, the sender included (y-webrtc clients skip
        // their own messages), with the subscriber count added as y-webrtc's server does. Only to
        // the sender's own room: a room name seen somewhere does not let anyone speak in it.
        if (message.topic !== client.room) return;
        const receivers = topics.get(client.room);
        if (!receivers) return;
        message.clients = receivers.size;
        const payload = JSON.stringify(message);
        for (const receiver of receivers) send(receiver, payload);
        return;
      }
      case 'ping':
        send(client, JSON.stringify({ type: 'pong' }));
        return;
      default:
        return;
    }
  };

  const onConnection = (socket: WebSocket, room: string): void => {
    const client: Client = {
      socket,
      room,
      topics: new Set(),
      alive: true,
      budget: config.publishBurst,
      refilledAt: Date.now(),
      dropped: 0,
      warned: new Set(),
    };
    clients.add(client);
    armIdle(client);
    log(`Signalisation : client connecté (clients : ${clients.size})`);
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('message', (data) => onMessage(client, data));
    // ws emits 'error' for protocol violations (oversize frame, bad UTF-8…) and then closes the socket;
    // without a listener the error would crash the process.
    socket.on('error', (error) => {
      log(`Signalisation : connexion fermée sur erreur de protocole (${(error as { code?: string }).code ?? 'inconnue'})`);
    });
    socket.on('close', () => {
      clearTimeout(client.idle);
      for (const topic of [...client.topics]) unsubscribe(client, topic);
      clients.delete(client);
      log(`Signalisation : client déconnecté (clients : ${clients.size})`);
    });
  };

  // Keepalive: a laptop that lost its Wi-Fi never sends a close; its socket would hold topics forever.
  const keepalive = setInterval(() => {
    for (const client of clients) {
      if (!client.alive) {
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      try {
        client.socket.ping();
      } catch {
        client.socket.terminate();
      }
    }
  }, config.pingIntervalMs);
  keepalive.unref();

  return {
    handleUpgrade(request, socket, head) {
      if (closing) return refuse(socket, '503 Service Unavailable');
      const token = tokenOf(request);
      if (!token) {
        log('Signalisation : connexion refusée (jeton absent ou mal formé)');
        return refuse(socket, '401 Unauthorized');
      }
      if (!admission.admit(request, socket, clients.size + opening)) return;
      opening += 1;
      void webrtcRoomNameForToken(token).then((room) => {
        opening -= 1;
        if (closing || socket.destroyed) {
          if (!socket.destroyed) refuse(socket, '503 Service Unavailable');
          return;
        }
        wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, room));
      });
    },
    stats: () => ({ clients: clients.size, topics: topics.size }),
    async close() {
      closing = true;
      clearInterval(keepalive);
      const closed = [...clients].map(
        (client) =>
          new Promise<void>((resolve) => {
            client.socket.once('close', () => resolve());
            client.socket.terminate();
          }),
      );
      await Promise.all(closed);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
