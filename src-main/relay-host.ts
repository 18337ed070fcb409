// The desktop app as the hub of a LAN with no internet: start and stop the relay (signaling + Yjs
// relay, services/relay-server.ts) on the interface the user picks, in ws:// or in wss:// with a
// self-signed certificate (services/relay-tls.ts). No Electron import: ipc.ts exposes it to the page
// after checking the sender and the arguments.
import { networkInterfaces } from 'node:os';
import type { RelayInterface, RelayStartOptions, RelayStatus, RelayUrls } from './bridge';
import type { RelayServer, RelayServerOptions } from './services/relay-server';
import type { RelayCertificate } from './services/relay-tls';

type InterfaceTable = ReturnType<typeof networkInterfaces>;

/**
 * IPv4 addresses of this machine, the LAN ones first and loopback last. IPv4 only: it is what a
 * volunteer reads aloud or types into an invitation; link-local IPv6 needs a zone id no one types.
 */
export function listInterfaces(table: InterfaceTable = networkInterfaces()): RelayInterface[] {
  const found: (RelayInterface & { internal: boolean })[] = [];
  for (const [name, addresses] of Object.entries(table)) {
    for (const entry of addresses ?? []) {
      // Node ≤ 17 reported the family as a number.
      const ipv4 = entry.family === 'IPv4' || (entry.family as unknown) === 4;
      if (ipv4 && !found.some((f) => f.address === entry.address)) found.push({ name, address: entry.address, internal: entry.internal });
    }
  }
  if (!found.some((f) => f.address === '127.0.0.1')) found.push({ name: 'lo', address: '127.0.0.1', internal: true });
  return found
    .sort((a, b) => Number(a.internal) - Number(b.internal))
    .map(({ name, address }) => ({ name, address }));
}

export interface RelayHostOptions {
  /**
   * Where the relay keeps crisis documents between restarts (the app passes userData/relay), and its
   * self-signed certificate (relais-cert.pem, relais-cle.pem), as `npm run relay -- --tls --data` does.
   */
  dataDir?: string;
  log?: (line: string) => void;
  interfaces?: () => RelayInterface[];
  /** Injectable for tests. */
  start?: (options: RelayServerOptions) => Promise<RelayServer>;
  /** Injectable for tests: the self-signed certificate for `host`, kept in `dir`. */
  certificate?: (host: string, dir?: string) => Promise<RelayCertificate>;
}

export class RelayHost {
  private server: RelayServer | null = null;
  /** Start and stop run one after the other, whatever order the clicks come in. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RelayHostOptions = {}) {}

  interfaces(): RelayInterface[] {
    return (this.options.interfaces ?? listInterfaces)();
  }

  get running(): boolean {
    return this.server !== null;
  }

  status(): RelayStatus {
    const server = this.server;
    return server ? { running: true, ...this.urls(server) } : { running: false };
  }

  start({ host, port, tls = false }: RelayStartOptions): Promise<RelayUrls> {
    return this.serialized(async () => {
      if (!this.interfaces().some((i) => i.address === host)) {
        throw new Error(`L’adresse ${host} n’est pas celle d’une interface de cette machine.`);
      }
      const current = this.server;
      if (current) {
        // Same address: already done. Another one: the user must stop first, knowing the
        // volunteers' invitations point at the old address.
        const secured = current.fingerprint !== undefined;
        if (current.host === host && current.port === port && secured === tls) return this.urls(current);
        if (current.host === host && current.port === port) {
          throw new Error(`Le relais fonctionne déjà ${secured ? 'avec' : 'sans'} chiffrement sur ${host}:${port} : arrêtez-le avant de changer.`);
        }
        throw new Error(`Le relais fonctionne déjà sur ${current.host}:${current.port} : arrêtez-le avant de changer d’adresse.`);
      }
      // Loaded on first use: the app's start does not pay for Hocuspocus, ws and the certificate
      // generator unless a COD hosts. The certificate is made once and kept in the data folder, so
      // its fingerprint — which invitations carry — survives restarts of the relay and of the app.
      const makeCertificate = this.options.certificate ?? (tls ? (await import('./services/relay-tls')).selfSignedCertificate : undefined);
      const certificate = tls ? await makeCertificate!(host, this.options.dataDir) : undefined;
      const start = this.options.start ?? (await import('./services/relay-server')).startRelayServer;
      this.server = await start({ host, port, dataDir: this.options.dataDir, log: this.options.log, tls: certificate });
      return this.urls(this.server);
    });
  }

  stop(): Promise<void> {
    return this.serialized(async () => {
      const server = this.server;
      this.server = null;
      await server?.close();
    });
  }

  private urls(server: RelayServer): RelayUrls {
    const urls: RelayUrls = { signalingUrl: server.signalingUrl!, syncUrl: server.syncUrl! };
    return server.fingerprint ? { ...urls, fingerprint: server.fingerprint } : urls;
  }

  private serialized<T>(run: () => Promise<T>): Promise<T> {
    const result = this.queue.then(run);
    this.queue = result.catch(() => {});
    return result;
  }
}
