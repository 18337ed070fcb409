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
import { purgeBacked } from './relay-purge-check';
import { createRedisExtension } from './relay-redis';
import { streamLargeAnswers } from './relay-stream';
import { notBackToSender } from './relay-echo';
import { openDocumentStore, RELAY_DOCUMENT_NAME, type DocumentStore } from './relay-store';
import { forgetMessage, inspectMessage, namesVigieDocument } from './relay-frames';
import { DocumentQuota } from './relay-quota';
import { Admission, refuse } from './relay-admission';

export interface SyncOptions {
  /** Folder keeping each document's state (--data); without it documents live in memory only. */
  dataDir?: string;
  /** redis://host:port shared by several relay instances (--redis). */
  redisUrl?: string;
  /**
   * Largest WebSocket frame accepted once the socket has authenticated. A client that has the whole
   * crisis and meets an empty relay sends it in one message: ~74 MB at 100,000 sightings.
   */
  maxMessageBytes?: number;
  /**
   * Largest frame before the socket has authenticated: a token and a state vector are a few hundred
   * bytes. Bigger frames close the socket (1009) as soon as their header announces the length,
   * before their bytes are buffered.
   */
  maxUnauthenticatedMessageBytes?: number;
  /** Largest Yjs update one message may carry; bigger ones close the socket (4413). */
  maxUpdateBytes?: number;
  /**
   * A document may not grow past this (its encoded Yjs state): an update that would take it over is
   * refused and its socket closed (4413), so a key holder cannot make the relay store and hand every
   * newcomer gigabytes of junk.
   */
  documentQuotaBytes?: number;
  /** Documents held at once; a connection that would open one more is refused. */
  maxDocuments?: number;
  /** Connections refused beyond this (default 2,000), so the relay's memory stays bounded. */
  maxClients?: number;
  /** Connections one client address may hold at once (default 32); more are refused (429). */
  maxClientsPerAddress?: number;
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

export const SYNC_DEFAULTS = {
  maxMessageBytes: 128 * 1024 * 1024,
  maxUnauthenticatedMessageBytes: 64 * 1024,
  maxUpdateBytes: 128 * 1024 * 1024,
  documentQuotaBytes: 256 * 1024 * 1024,
  maxDocuments: 1_000,
  maxClients: 2_000,
  maxClientsPerAddress: 32,
} as const;

/** Close code for an update refused for its size or the document's quota (an application code). */
export const TOO_LARGE_CODE = 4413;

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

/** What the relay knows of one socket, shared with the Hocuspocus hooks through its context. */
interface SocketState {
  socket: WebSocket;
  /** Documents this socket has authenticated for. */
  documents: Set<string>;
}

interface VigieContext {
  vigie: SocketState;
}

/**
 * Raises a socket's frame limit once it has authenticated. ws has no public setter: its receiver
 * reads `_maxPayload` for every frame header, which is what we change. Checked by relay-sync.test.ts.
 */
function setMaxPayload(socket: WebSocket, bytes: number): void {
  const receiver = (socket as unknown as { _receiver?: { _maxPayload: number } })._receiver;
  if (receiver) receiver._maxPayload = bytes;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

export async function createSyncService(options: SyncOptions = {}): Promise<SyncService> {
  const config = { ...SYNC_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as typeof SYNC_DEFAULTS & SyncOptions;
  const log = options.log ?? (() => {});
  const admission = new Admission(config, log, 'Synchronisation');
  const store: DocumentStore | null = options.dataDir ? await openDocumentStore(options.dataDir, log) : null;
  const extensions: Extension[] = options.redisUrl ? [await createRedisExtension(options.redisUrl, log)] : [];
  const sockets = new Set<WebSocket>();
  let closing = false;
  /** Documents whose forget request is being checked. */
  const checking = new Set<string>();
  /** Documents forgotten after a purge: what is left of each (see forgetMessage). */
  const forgotten = new Map<string, Uint8Array>();
  const isForgotten = async (name: string) => forgotten.has(name) || (!!store && (await store.isForgotten(name)));

  const hocuspocus = new Hocuspocus({
    name: 'vigie-relay',
    quiet: true,
    extensions,
    debounce: options.storeDebounceMs ?? 2_000,
    maxDebounce: options.storeMaxDebounceMs ?? 10_000,

    async onAuthenticate({ token, documentName, context, connectionConfig }) {
      if (!(await isAuthorized(token, documentName))) {
        log('Synchronisation : connexion refusée (jeton absent ou ne correspondant pas au document)');
        throw refusal();
      }
      if (!hocuspocus.documents.has(documentName) && hocuspocus.getDocumentsCount() >= config.maxDocuments) {
        log(`Synchronisation : connexion refusée (${config.maxDocuments} documents déjà ouverts)`);
        throw refusal();
      }
      // A forgotten document (purged) is served as it was left, and never written again.
      if (await isForgotten(documentName)) connectionConfig.readOnly = true;
      // Proven: from now on this socket may send frames up to the post-authentication limit.
      const state = (context as VigieContext).vigie;
      state.documents.add(documentName);
      setMaxPayload(state.socket, config.maxMessageBytes);
    },

    async afterLoadDocument({ document }) {
      notBackToSender(document);
    },

    async afterUnloadDocument({ documentName }) {
      quota.forget(documentName);
    },

    async connected({ documentName }) {
      log(`Synchronisation : client authentifié sur ${label(documentName)} (clients authentifiés : ${hocuspocus.getConnectionsCount()})`);
    },

    async onDisconnect({ documentName, clientsCount }) {
      log(`Synchronisation : client parti de ${label(documentName)} (encore sur ce document : ${clientsCount})`);
    },

    async onLoadDocument({ documentName }) {
      // The returned update is applied by Hocuspocus to the new document before any client sees it.
      if (forgotten.has(documentName)) return forgotten.get(documentName);
      return store ? ((await store.load(documentName)) ?? undefined) : undefined;
    },

    async onStateless({ payload, documentName, connection }) {
      const keep = forgetMessage(payload);
      if (!keep || connection.readOnly || checking.has(documentName) || (await isForgotten(documentName))) return;
      // Only a purge the record backs (relay-purge-check.ts); one check at a time per document, so
      // repeated requests cannot keep the relay verifying.
      checking.add(documentName);
      let backed = false;
      try {
        backed = await purgeBacked(hocuspocus.documents.get(documentName)?.getArray('log').toArray() ?? [], keep);
      } finally {
        checking.delete(documentName);
      }
      if (!backed) return log(`Synchronisation : ${label(documentName)} : demande d’oubli refusée (aucun certificat de purge valable)`);
      // What is left: a new document holding only the entries the client chose to keep (the purge's
      // certificates and the new key, which hold no personal value), so members still on the old key
      // learn the new one. The old document's history is dropped with it.
      const left = new Y.Doc();
      left.getArray('log').push(keep);
      const state = Y.encodeStateAsUpdate(left);
      forgotten.set(documentName, state);
      await store?.forget(documentName, state);
      log(`Synchronisation : ${label(documentName)} oublié à la demande d’un client (purge), ${keep.length} entrée(s) gardée(s)`);
      // Every client leaves; the document unloads (never stored again) and reloads as it was left.
      hocuspocus.closeConnections(documentName);
    },

    async onStoreDocument({ documentName, document }) {
      if (!store || (await isForgotten(documentName))) return;
      try {
        await store.save(documentName, Y.encodeStateAsUpdate(document));
      } catch (error) {
        log(`Synchronisation : échec d’écriture de ${label(documentName)} (${(error as NodeJS.ErrnoException).code ?? 'erreur'}), le document reste en mémoire`);
        // Rethrown so that Hocuspocus keeps the document loaded and tries again on the next change.
        throw error;
      }
    },

    async beforeUnloadDocument({ documentName }) {
      // Without --data, memory is the relay's only copy: a document must outlive the departure of its
      // last client, or a volunteer connecting later would find the relay empty. Throwing keeps it.
      // (A forgotten one goes: what is left of it is kept apart.)
      if (!store && !forgotten.has(documentName)) throw refusal();
    },
  });

  // Every socket starts with the small pre-authentication limit (raised in onAuthenticate).
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: config.maxUnauthenticatedMessageBytes,
  });

  const quota = new DocumentQuota(config, hocuspocus.documents, log, label);

  const onConnection = (socket: WebSocket, request: IncomingMessage): void => {
    sockets.add(socket);
    const state: SocketState = { socket, documents: new Set() };
    // Large answers to this socket's sync step 1 go as a stream of small updates (relay-stream.ts).
    const answers = streamLargeAnswers(socket, (address) => {
      const name = address.split('\0')[0];
      return state.documents.has(name) ? (hocuspocus.documents.get(name) ?? null) : null;
    });
    // Hocuspocus reads only the URL of a Fetch Request (for its query parameters); headers, which may
    // carry anything, are not passed on.
    const webRequest = new Request(new URL(request.url ?? '/sync', 'http://relay.invalid'));
    const connection = hocuspocus.handleConnection(socket, webRequest, { vigie: state } satisfies VigieContext);
    socket.on('message', (data) => {
      if (socket.readyState !== socket.OPEN) return;
      const bytes = toBytes(data);
      const message = namesVigieDocument(bytes) ? inspectMessage(bytes) : null;
      if (!message) {
        log('Synchronisation : trame étrangère au protocole, connexion fermée');
        socket.close(1008, 'invalid message');
        return;
      }
      if (message.updateBytes > 0 && state.documents.has(message.documentName) && !quota.allows(message.documentName, message.updateBytes)) {
        socket.close(TOO_LARGE_CODE, 'document trop volumineux');
        return;
      }
      answers.received(bytes);
      connection.handleMessage(bytes);
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
      if (closing) return refuse(socket, '503 Service Unavailable');
      if (!admission.admit(request, socket, sockets.size)) return;
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
          if (await isForgotten(name)) continue;
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
