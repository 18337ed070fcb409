// One HTTP server that a COD workstation runs on its LAN: WebRTC signaling on /signal, the Yjs relay
// on /sync, GET /health, and nothing else. It listens on the one address the user chose (loopback by
// default, never every interface unasked). Plain Node, no Electron: used by the desktop shell
// (src-main/relay-host.ts) and by the command line (relay-cli.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createSignalingService, type SignalingOptions, type SignalingService } from './signaling';
import { createSyncService, type SyncOptions, type SyncService } from './relay-sync';
import { refuse } from './relay-admission';
import type { RelayCertificate } from './relay-tls';

export interface RelayServerOptions {
  /** The interface address to listen on. Default 127.0.0.1: only this machine. */
  host?: string;
  /** 0 picks a free port (tests). Default 4444, y-webrtc's usual signaling port. */
  port?: number;
  dataDir?: string;
  redisUrl?: string;
  signaling?: boolean;
  sync?: boolean;
  /** One line per event, in French; default: stdout with the time. Never given tokens or keys. */
  log?: (line: string) => void;
  /** Serve https:// and wss:// with this certificate (relay-tls.ts); plain http:// and ws:// without. */
  tls?: RelayCertificate;
  signalingOptions?: Omit<SignalingOptions, 'log'>;
  syncOptions?: Omit<SyncOptions, 'log' | 'dataDir' | 'redisUrl'>;
}

export interface RelayHealth {
  service: 'vigie-relay';
  signaling: boolean;
  sync: boolean;
  /** Signaling topics plus relay documents currently held. */
  rooms: number;
  /** Open WebSocket connections on both paths. */
  clients: number;
}

export interface RelayServer {
  /** http://host:port (https:// with TLS), the base of the three paths. */
  url: string;
  /** With TLS: the certificate's SHA-256 fingerprint, for invitations (addresses.fingerprints). */
  fingerprint?: string;
  host: string;
  port: number;
  /** ws://host:port/signal, when signaling is on. */
  signalingUrl?: string;
  /** ws://host:port/sync, when the relay is on. */
  syncUrl?: string;
  health(): RelayHealth;
  /** What the socket is actually bound to (the tests check it is the one address asked for). */
  address(): AddressInfo;
  close(): Promise<void>;
}

export const SIGNAL_PATH = '/signal';
export const SYNC_PATH = '/sync';
export const HEALTH_PATH = '/health';

export function timestampedLog(line: string): void {
  console.log(`${new Date().toISOString()} ${line}`);
}

/** host:port as it must appear in a URL (IPv6 literals in brackets). */
export function hostForUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function pathOf(request: IncomingMessage): string | null {
  try {
    return new URL(request.url ?? '/', 'http://relay.invalid').pathname;
  } catch {
    return null;
  }
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (error.code) {
    case 'EADDRINUSE':
      return new Error(`Le port ${port} est déjà utilisé sur ${host} : choisissez-en un autre ou arrêtez l’autre programme.`);
    case 'EADDRNOTAVAIL':
      return new Error(`L’adresse ${host} n’appartient à aucune interface réseau de cette machine.`);
    case 'EACCES':
      return new Error(`Écoute sur le port ${port} refusée par le système (ports < 1024 réservés) : prenez un port entre 1024 et 65535.`);
    default:
      return new Error(`Impossible d’écouter sur ${host}:${port} (${error.code ?? error.message}).`);
  }
}

export async function startRelayServer(options: RelayServerOptions = {}): Promise<RelayServer> {
  const host = options.host ?? '127.0.0.1';
  const wantedPort = options.port ?? 4444;
  const log = options.log ?? timestampedLog;
  const withSignaling = options.signaling ?? true;
  const withSync = options.sync ?? true;
  if (!withSignaling && !withSync) throw new Error('Ni signalisation ni synchronisation : le relais n’aurait rien à servir.');

  // The sync service opens the data folder and Redis first: a wrong --data or --redis fails here,
  // before anything listens.
  const sync: SyncService | null = withSync
    ? await createSyncService({ ...options.syncOptions, dataDir: options.dataDir, redisUrl: options.redisUrl, log })
    : null;
  const signaling: SignalingService | null = withSignaling ? createSignalingService({ ...options.signalingOptions, log }) : null;

  const health = (): RelayHealth => {
    const s = signaling?.stats() ?? { clients: 0, topics: 0 };
    const y = sync?.stats() ?? { clients: 0, documents: 0 };
    return { service: 'vigie-relay', signaling: withSignaling, sync: withSync, rooms: s.topics + y.documents, clients: s.clients + y.clients };
  };

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    // No CORS headers: no web page elsewhere needs to read this; the app's WebSockets don't need them.
    const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (pathOf(request) === HEALTH_PATH) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { ...headers, Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
        response.end('Méthode non permise\n');
        return;
      }
      const body = JSON.stringify(health());
      response.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      response.end(request.method === 'HEAD' ? undefined : body);
      return;
    }
    response.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('Introuvable\n');
  };
  const server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : createServer(onRequest);

  // Every WebSocket arrives here and goes to the service of its path; anything else is refused.
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = pathOf(request);
    if (path === SIGNAL_PATH && signaling) signaling.handleUpgrade(request, socket, head);
    else if (path === SYNC_PATH && sync) sync.handleUpgrade(request, socket, head);
    else refuse(socket, '404 Not Found');
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  // A TLS handshake that fails (a client that does not accept the certificate) only ends that socket.
  server.on('tlsClientError', (_error, socket) => socket.destroy());

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host, port: wantedPort, exclusive: true }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await Promise.all([signaling?.close(), sync?.close()]);
    throw listenError(error as NodeJS.ErrnoException, host, wantedPort);
  }

  const { port } = server.address() as AddressInfo;
  const base = `${hostForUrl(host)}:${port}`;
  let closing: Promise<void> | undefined;
  // Idempotent: SIGINT then SIGTERM, or the app's stop then quit, close once.
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      server.close();
      server.closeAllConnections();
      await Promise.all([signaling?.close(), sync?.close()]);
      log('Relais arrêté');
    })());
  const [http, ws] = options.tls ? ['https', 'wss'] : ['http', 'ws'];
  const relay: RelayServer = {
    url: `${http}://${base}`,
    fingerprint: options.tls?.fingerprint,
    host,
    port,
    signalingUrl: signaling ? `${ws}://${base}${SIGNAL_PATH}` : undefined,
    syncUrl: sync ? `${ws}://${base}${SYNC_PATH}` : undefined,
    health,
    address: () => server.address() as AddressInfo,
    close,
  };
  const served = [signaling && 'signalisation', sync && 'synchronisation'].filter(Boolean).join(' et ');
  const storage = options.dataDir ? 'documents enregistrés sur disque' : 'documents en mémoire seulement';
  const secured = options.tls ? `, TLS, empreinte SHA-256 du certificat ${options.tls.fingerprint}` : ', sans TLS';
  log(`Relais démarré sur ${base} (${served}${sync ? `, ${storage}` : ''}${options.redisUrl ? ', partagé par Redis' : ''}${secured})`);
  return relay;
}
