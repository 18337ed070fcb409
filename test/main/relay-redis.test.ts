// Scale-out: two relay instances sharing one Redis (--redis), a throwaway redis-server started by the
// test on a free loopback port. Runs where a redis-server binary exists (apt-get install -y
// redis-server; .ci/run installs it and CI fails without it); elsewhere it is skipped with a message.
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { connectClient, logEntry, randomCrisisKey, waitFor, type RelayClient } from './relay-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const REDIS_SERVER = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
// CI installs redis-server (.ci/run): there, a missing binary is a broken setup, not a reason to skip.
if (!REDIS_SERVER && process.env.CI) {
  throw new Error('redis-server absent alors que CI est défini : .ci/run doit l’installer (apt-get install -y redis-server).');
}
if (!REDIS_SERVER) {
  console.warn('[relay-redis] redis-server absent : test multi-instance ignoré (apt-get install -y redis-server pour le lancer).');
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A throwaway Redis on loopback, no persistence, stopped after the test. */
async function startRedis(): Promise<string> {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  );
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await waitFor(() => output.includes('Ready to accept connections'), 10_000, 'redis-server prêt');
  return `redis://127.0.0.1:${port}`;
}

async function relay(redisUrl: string): Promise<RelayServer> {
  const server = await startRelayServer({ host: '127.0.0.1', port: 0, redisUrl, signaling: false, log: () => {} });
  cleanups.push(() => server.close());
  return server;
}

async function client(server: RelayServer, key: string): Promise<RelayClient> {
  const c = await connectClient(server.syncUrl!, key);
  cleanups.push(() => c.destroy());
  return c;
}

describe('relay with --redis', () => {
  it('refuses to start when Redis does not answer, in French and without the password', async () => {
    const port = await freePort();
    await expect(
      startRelayServer({ host: '127.0.0.1', port: 0, redisUrl: `redis://relais:s3cret@127.0.0.1:${port}`, log: () => {} }),
    ).rejects.toThrow(new RegExp(`^Redis injoignable à 127\\.0\\.0\\.1:${port} : (?!.*s3cret)`));
  });

  it.skipIf(!REDIS_SERVER)('two instances sharing one Redis: a client on each converges', { timeout: 30_000 }, async () => {
    const redisUrl = await startRedis();
    const [one, two] = [await relay(redisUrl), await relay(redisUrl)];
    expect(one.port).not.toBe(two.port);
    const key = randomCrisisKey();
    const a = await client(one, key);
    const b = await client(two, key);
    await Promise.all([a.synced, b.synced]);
    a.doc.getArray('log').push([logEntry(1)]);
    b.doc.getArray('log').push([logEntry(2)]);
    await waitFor(
      () => a.doc.getArray('log').length === 2 && b.doc.getArray('log').length === 2,
      10_000,
      'les deux entrées sur les deux instances',
    );
    expect(a.doc.getArray('log').toJSON()).toEqual(b.doc.getArray('log').toJSON());

    // A latecomer on the second instance gets what was written through the first one.
    a.doc.transact(() => a.doc.getArray('log').push(Array.from({ length: 500 }, (_, i) => logEntry(10 + i))));
    const late = await client(two, key);
    await waitFor(() => late.doc.getArray('log').length === 502, 10_000, 'le retardataire a tout');
  });
});
