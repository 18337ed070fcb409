// The Yjs relay (path /sync), built on Hocuspocus 4: volunteers who are never online at the same time
// still converge, because the relay keeps each crisis document and hands it to whoever connects next.
// Hocuspocus 4 is transport-agnostic: `handleConnection(ws, request, context)` returns a connection we
// feed with `handleMessage` / `handleClose`; the sockets come from `ws` on the shared HTTP server.
//
// Access: a client proves it holds the crisis key by its token (core/secrets.ts relayToken); the
// document name must be relayDocumentName(token). The relay needs no list of crises or keys, and a
// document name seen somewhere does not let anyone in. Plain Node, no Electron.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { Hocuspocus, type Extension } from '@hocuspocus/server';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { relayDocumentName } from '../../src-renderer/core/secrets';
import { createRedisExtension } from './relay-redis';
import { openDocumentStore, RELAY_DOCUMENT_NAME, type DocumentStore } from './relay-store';

export interface SyncOptions {
  /** Folder keeping each document's state (--data); without it documents live in memory only. */
  dataDir?: string;
  /** redis://host:port shared by several relay instances (--redis). */
  redisUrl?: string;
  /**
   * Largest WebSocket frame accepted. A client that has the whole crisis and meets an empty relay
   * sends it in one message: ~70 MB at 100,000 sightings, hence the generous default.
   */
  maxMessageBytes?: number;
  /** Connections refused beyond this (default 2,000), so one machine cannot exhaust the relay's memory. */
  maxClients?: number;
  /** Quiet time before a changed document is written, and the longest a write waits under edits. */
  storeDebounceMs?: number;
  storeMaxDebounceMs?: number;
  log?: (line: string) => void;
}

export interface SyncStats {
  /** Crisis documents loaded in memory. */
  documents: number;
  /** Open WebSocket connections on /sync (authenticated or not yet). */
  clients: number;
}

export interface SyncService {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void;
  stats(): SyncStats;
  /** Closes every connection, writes every document (with --data), releases Redis. */
  close(): Promise<void>;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** True when `token` is the relay token matching `documentName` (both as core/secrets.ts makes them). */
export async function isAuthorized(token: unknown, documentName: unknown): Promise<boolean> {
  if (typeof token !== 'string' || !TOKEN.test(token)) return false;
  if (typeof documentName !== 'string' || !RELAY_DOCUMENT_NAME.test(documentName)) return false;
  return documentName === (await relayDocumentName(token));
}

/** A short, non-secret label for logs: which crisis, without the whole name. */
const label = (documentName: string) => `${documentName.slice(0, 12)}…`;

/**
 * A rejection Hocuspocus passes on to the client as "permission-denied". Its message is empty on
 * purpose: Hocuspocus prints any non-empty hook error in English; we log our own line instead.
 */
function refusal(): Error {
  return Object.assign(new Error(''), { reason: 'permission-denied' });
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Every Hocuspocus message starts with its document name (a lib0 varString, optionally followed by
 * "\0sessionId"). A frame that does not name a Vigie document this way is not from a Vigie client:
 * it is refused here, before Hocuspocus would print a decoding stack trace for it or open a pending
 * document under an arbitrary name.
 */
export function namesVigieDocument(bytes: Uint8Array): boolean {
  let length = 0;
  let pos = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= bytes.length || shift > 28) return false;
    const byte = bytes[pos++];
    length |= (byte & 0x7f) << shift;
    if (byte < 0x80) break;
  }
  // The name, and at least the message type after it.
  if (length > 128 || pos + length >= bytes.length) return false;
  try {
    const address = utf8.decode(bytes.subarray(pos, pos + length));
    return RELAY_DOCUMENT_NAME.test(address.split('\0')[0]);
  } catch {
    return false;
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

export async function createSyncService(options: SyncOptions = {}): Promise<SyncService> {
  const log = options.log ?? (() => {});
  const store: DocumentStore | null = options.dataDir ? await openDocumentStore(options.dataDir, log) : null;
  const extensions: Extension[] = options.redisUrl ? [await createRedisExtension(options.redisUrl, log)] : [];
  const sockets = new Set<WebSocket>();
  let closing = false;

  const hocuspocus = new Hocuspocus({
    name: 'vigie-relay',
    quiet: true,
    extensions,
    debounce: options.storeDebounceMs ?? 2_000,
    maxDebounce: options.storeMaxDebounceMs ?? 10_000,

    async onAuthenticate({ token, documentName }) {
      if (!(await isAuthorized(token, documentName))) {
        log('Synchronisation : connexion refusée (jeton absent ou ne correspondant pas au document)');
        throw refusal();
      }
    },

    async connected({ documentName }) {
      log(`Synchronisation : client authentifié sur ${label(documentName)} (clients authentifiés : ${hocuspocus.getConnectionsCount()})`);
    },

    async onDisconnect({ documentName, clientsCount }) {
      log(`Synchronisation : client parti de ${label(documentName)} (encore sur ce document : ${clientsCount})`);
    },

    async onLoadDocument({ documentName }) {
      // The returned update is applied by Hocuspocus to the new document before any client sees it.
      return store ? ((await store.load(documentName)) ?? undefined) : undefined;
    },

    async onStoreDocument({ documentName, document }) {
      if (!store) return;
      try {
        await store.save(documentName, Y.encodeStateAsUpdate(document));
      } catch (error) {
        log(`Synchronisation : échec d’écriture de ${label(documentName)} (${(error as NodeJS.ErrnoException).code ?? 'erreur'}), le document reste en mémoire`);
        // Rethrown so that Hocuspocus keeps the document loaded and tries again on the next change.
        throw error;
      }
    },

    async beforeUnloadDocument() {
      // Without --data, memory is the relay's only copy: a document must outlive the departure of its
      // last client, or a volunteer connecting later would find the relay empty. Throwing keeps it.
      if (!store) throw refusal();
    },
  });

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: options.maxMessageBytes ?? 256 * 1024 * 1024,
  });

  const onConnection = (socket: WebSocket, request: IncomingMessage): void => {
    sockets.add(socket);
    // Hocuspocus reads only the URL of a Fetch Request (for its query parameters); headers, which may
    // carry anything, are not passed on.
    const webRequest = new Request(new URL(request.url ?? '/sync', 'http://relay.invalid'));
    const connection = hocuspocus.handleConnection(socket, webRequest);
    socket.on('message', (data) => {
      const bytes = toBytes(data);
      if (namesVigieDocument(bytes)) {
        connection.handleMessage(bytes);
      } else if (socket.readyState === socket.OPEN) {
        log('Synchronisation : trame étrangère au protocole, connexion fermée');
        socket.close(1008, 'invalid message');
      }
    });
    socket.on('error', (error) => {
      log(`Synchronisation : connexion fermée sur erreur de protocole (${(error as { code?: string }).code ?? 'inconnue'})`);
    });
    socket.on('close', (code, reason) => {
      sockets.delete(socket);
      connection.handleClose({ code, reason: reason.toString() });
    });
  };

  return {
    handleUpgrade(request, socket, head) {
      if (closing || sockets.size >= (options.maxClients ?? 2_000)) {
        if (!closing) log('Synchronisation : trop de connexions, nouvelle connexion refusée');
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => onConnection(ws, request));
    },

    stats: () => ({ documents: hocuspocus.getDocumentsCount(), clients: sockets.size }),

    async close() {
      closing = true;
      // Closing the sockets makes Hocuspocus run each document's pending store at once.
      await Promise.all(
        [...sockets].map(
          (socket) =>
            new Promise<void>((resolve) => {
              socket.once('close', () => resolve());
              socket.terminate();
            }),
        ),
      );
      hocuspocus.flushPendingStores();
      if (store) {
        // Whatever the debouncer did, write each document's final state once more, in order.
        for (const [name, document] of hocuspocus.documents) {
          await store.save(name, Y.encodeStateAsUpdate(document)).catch(() => {
            log(`Synchronisation : échec d’écriture de ${label(name)} à l’arrêt`);
          });
        }
        await store.idle();
        // Documents unload by themselves once stored (after Redis's short delay, with --redis).
        await waitUntil(() => hocuspocus.getDocumentsCount() === 0, 3_000);
      }
      for (const document of hocuspocus.documents.values()) document.destroy();
      hocuspocus.documents.clear();
      await hocuspocus.hooks('onDestroy', { instance: hocuspocus });
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
