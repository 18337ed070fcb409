// Optional scale-out (--redis redis://host:port): several relay instances behind one load balancer
// share every document update and awareness change through Redis pub/sub, using Hocuspocus's own
// Redis extension. Redis holds no document: each instance keeps its copy (and its --data files).
// Loaded only when asked for, so a LAN relay never loads the Redis client at all.
import type { Extension } from '@hocuspocus/server';

export interface RedisTarget {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls: boolean;
}

/** Parses redis://[user:password@]host[:port][/db] (rediss:// for TLS). Throws a French message. */
export function parseRedisUrl(value: string): RedisTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`URL Redis invalide « ${redactRedisUrl(value)} » : forme attendue redis://hôte:port`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new Error(`URL Redis invalide : le schéma doit être redis:// ou rediss://, pas ${url.protocol}//`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new Error('URL Redis invalide : il manque l’hôte (redis://hôte:port)');
  const port = url.port ? Number(url.port) : 6379;
  const path = url.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d{1,2}$/.test(path)) {
    throw new Error('URL Redis invalide : après l’hôte, seul un numéro de base est permis (redis://hôte:port/0)');
  }
  return {
    host,
    port,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: path === '' ? undefined : Number(path),
    tls: url.protocol === 'rediss:',
  };
}

/** The URL without its credentials, for logs and error messages. */
export function redactRedisUrl(value: string): string {
  return value.replace(/\/\/[^@/]*@/, '//***@');
}

interface RedisClientLike {
  on(event: 'error', listener: (error: Error) => void): unknown;
  ping(): Promise<unknown>;
  disconnect(reconnect?: boolean): void;
}

/**
 * Builds the extension and checks Redis answers within `timeoutMs`, so that a wrong address fails
 * the start instead of leaving instances that silently do not see each other.
 */
export async function createRedisExtension(
  url: string,
  log: (line: string) => void,
  timeoutMs = 5_000,
): Promise<Extension> {
  const target = parseRedisUrl(url);
  const { Redis } = await import('@hocuspocus/extension-redis');
  const extension = new Redis({
    host: target.host,
    port: target.port,
    prefix: 'vigie-relay',
    options: {
      username: target.username,
      password: target.password,
      db: target.db,
      tls: target.tls ? {} : undefined,
      // Fail a command after a few seconds of outage instead of queueing it forever.
      maxRetriesPerRequest: 3,
    },
  });
  const clients = [extension.pub, extension.sub] as unknown as RedisClientLike[];
  // ioredis reconnects by itself; its errors are reported once per outage, not once per retry.
  let reported = false;
  for (const client of clients) {
    client.on('error', (error) => {
      if (reported) return;
      reported = true;
      log(`Redis : connexion perdue avec ${target.host}:${target.port} (${(error as { code?: string }).code ?? error.message}), nouvelle tentative en cours`);
    });
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      extension.pub.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('délai dépassé')), timeoutMs);
      }),
    ]);
  } catch (error) {
    for (const client of clients) client.disconnect(false);
    throw new Error(`Redis injoignable à ${target.host}:${target.port} : ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  log(`Redis : relié à ${target.host}:${target.port}, documents partagés avec les autres instances`);
  // A later outage is reported again once Redis came back.
  (extension.pub as unknown as { on(event: 'ready', listener: () => void): void }).on('ready', () => {
    reported = false;
  });
  return extension;
}
