// WebRTC signaling for y-webrtc 10.3 clients: the same JSON protocol as y-webrtc's bin/server.js
// (subscribe / unsubscribe / publish / ping), so an unmodified WebrtcProvider can use it, but hardened
// to run on a crisis cell's LAN for days: bounded messages, topics and buffers, no crash on garbage,
// dead sockets closed. Plain Node (ws), no Electron: the desktop shell and the CLI share it.
//
// What passes through here is opaque: topic names are hashes of the crisis key (core/secrets.ts) and
// y-webrtc encrypts its signals with the room password. Nothing is logged but counts and addresses.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

export interface SignalingOptions {
  /** Larger frames close the sender's socket (code 1009). A y-webrtc offer with its SDP is ~4 KiB. */
  maxMessageBytes?: number;
  /** Topics one connection may hold at once; extra subscriptions are ignored. A client uses one per crisis. */
  maxTopicsPerConnection?: number;
  /** Connections refused beyond this, so one machine cannot exhaust the relay's memory. */
  maxClients?: number;
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
  maxMessageBytes: 1024 * 1024,
  maxTopicsPerConnection: 64,
  maxClients: 2_000,
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

interface Client {
  socket: WebSocket;
  topics: Set<string>;
  alive: boolean;
  /** The topic limit is reported once per connection, so a looping client cannot flood the log. */
  warned: boolean;
}

/** Parses a frame as y-webrtc's server does (JSON, text or binary), but never throws. */
function parseMessage(data: RawData): Record<string, unknown> | null {
  try {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export function createSignalingService(options: SignalingOptions = {}): SignalingService {
  const config = { ...SIGNALING_DEFAULTS, ...options };
  const log = options.log ?? (() => {});
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes, clientTracking: false });
  /** topic → subscribed clients. */
  const topics = new Map<string, Set<Client>>();
  const clients = new Set<Client>();
  let closing = false;

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

  const onMessage = (client: Client, data: RawData): void => {
    const message = parseMessage(data);
    // Malformed JSON, non-objects and unknown types are ignored: the sender stays connected, as with y-webrtc.
    if (!message || typeof message.type !== 'string') return;
    switch (message.type) {
      case 'subscribe': {
        if (!Array.isArray(message.topics)) return;
        for (const topic of message.topics) {
          if (!isValidTopic(topic) || client.topics.has(topic)) continue;
          if (client.topics.size >= config.maxTopicsPerConnection) {
            if (!client.warned) log(`Signalisation : limite de ${config.maxTopicsPerConnection} salons par connexion atteinte, abonnement ignoré`);
            client.warned = true;
            break;
          }
          let subscribers = topics.get(topic);
          if (!subscribers) topics.set(topic, (subscribers = new Set()));
          subscribers.add(client);
          client.topics.add(topic);
        }
        return;
      }
      case 'unsubscribe': {
        if (!Array.isArray(message.topics)) return;
        for (const topic of message.topics) if (typeof topic === 'string') unsubscribe(client, topic);
        return;
      }
      case 'publish': {
        // Relayed as is to every subscriber of the topic, the sender included (y-webrtc clients skip
        // their own messages), with the subscriber count added as y-webrtc's server does.
        if (!isValidTopic(message.topic)) return;
        const receivers = topics.get(message.topic);
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

  const onConnection = (socket: WebSocket): void => {
    const client: Client = { socket, topics: new Set(), alive: true, warned: false };
    clients.add(client);
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
      if (closing || clients.size >= config.maxClients) {
        if (!closing) log('Signalisation : trop de connexions, nouvelle connexion refusée');
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, onConnection);
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
