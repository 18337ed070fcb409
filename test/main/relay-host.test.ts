// The desktop shell's relay host with a real server: interfaces, start on loopback, persistence folder.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listInterfaces, RelayHost } from '../../src-main/relay-host';
import { CERT_FILE, certificateFingerprint } from '../../src-main/services/relay-tls';
import { connectClient, logEntry, randomCrisisKey, waitFor } from './relay-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A port ≥ 1024 free right now (the host, like the IPC layer, does not take port 0). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as import('node:net').AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('listInterfaces', () => {
  it('keeps IPv4 addresses, LAN first, loopback always present and last', () => {
    const table = {
      lo: [
        { address: '127.0.0.1', family: 'IPv4', internal: true },
        { address: '::1', family: 'IPv6', internal: true },
      ],
      eth0: [
        { address: '192.168.1.10', family: 'IPv4', internal: false },
        { address: 'fe80::1', family: 'IPv6', internal: false },
      ],
      wlan0: [{ address: '10.0.0.7', family: 4, internal: false }],
    } as unknown as Parameters<typeof listInterfaces>[0];
    expect(listInterfaces(table)).toEqual([
      { name: 'eth0', address: '192.168.1.10' },
      { name: 'wlan0', address: '10.0.0.7' },
      { name: 'lo', address: '127.0.0.1' },
    ]);
    expect(listInterfaces({})).toEqual([{ name: 'lo', address: '127.0.0.1' }]);
  });

  it('lists this machine’s loopback', () => {
    expect(listInterfaces().map((i) => i.address)).toContain('127.0.0.1');
  });
});

describe('RelayHost', () => {
  it('starts a real relay on loopback, keeps documents in its folder, and stops', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigie-relay-host-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const host = new RelayHost({ dataDir: dir, log: () => {} });
    cleanups.push(() => host.stop());
    const port = await freePort();

    await expect(host.start({ host: '203.0.113.9', port })).rejects.toThrow('L’adresse 203.0.113.9 n’est pas celle d’une interface de cette machine.');
    const urls = await host.start({ host: '127.0.0.1', port });
    expect(urls).toEqual({ signalingUrl: `ws://127.0.0.1:${port}/signal`, syncUrl: `ws://127.0.0.1:${port}/sync` });
    expect(host.status()).toEqual({ running: true, ...urls });

    const response = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await response.json()).toMatchObject({ service: 'vigie-relay', signaling: true, sync: true });

    const client = await connectClient(urls.syncUrl, randomCrisisKey());
    cleanups.push(() => client.destroy());
    await client.synced;
    client.doc.getArray('log').push([logEntry(1)]);
    await waitFor(() => !client.provider.hasUnsyncedChanges, 5_000, 'envoi confirmé');

    await host.stop();
    expect(host.status()).toEqual({ running: false });
    expect((await readdir(dir)).filter((f) => f.endsWith('.yjs'))).toHaveLength(1);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });

  it('runs overlapping start and stop calls one after the other', async () => {
    const host = new RelayHost({ log: () => {} });
    cleanups.push(() => host.stop());
    const port = await freePort();
    const [first, second] = await Promise.all([host.start({ host: '127.0.0.1', port }), host.start({ host: '127.0.0.1', port })]);
    expect(second).toEqual(first);
    await Promise.all([host.stop(), host.stop()]);
    expect(host.running).toBe(false);
  });

  it('starts encrypted: wss:// addresses and the fingerprint of the certificate it serves, the same after a restart', { timeout: 30_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigie-relay-host-tls-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const host = new RelayHost({ dataDir: dir, log: () => {} });
    cleanups.push(() => host.stop());
    const port = await freePort();

    const urls = await host.start({ host: '127.0.0.1', port, tls: true });
    expect(urls.signalingUrl).toBe(`wss://127.0.0.1:${port}/signal`);
    expect(urls.syncUrl).toBe(`wss://127.0.0.1:${port}/sync`);
    expect(urls.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(host.status()).toEqual({ running: true, ...urls });
    // Kept with the relay's documents, as `npm run relay -- --tls --data` keeps it.
    expect(certificateFingerprint(await readFile(join(dir, CERT_FILE), 'utf8'))).toBe(urls.fingerprint);

    // The certificate the relay presents on the wire is the one whose fingerprint it returned.
    const served = await new Promise<Buffer>((resolve, reject) => {
      const socket = connectTls({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => {
        resolve(socket.getPeerCertificate().raw);
        socket.end();
      });
      socket.on('error', reject);
    });
    expect(createHash('sha256').update(served).digest('hex')).toBe(urls.fingerprint);

    // Same address, other choice: refused until stopped; same choice: the same addresses.
    await expect(host.start({ host: '127.0.0.1', port })).rejects.toThrow(`Le relais fonctionne déjà avec chiffrement sur 127.0.0.1:${port} : arrêtez-le avant de changer.`);
    await expect(host.start({ host: '127.0.0.1', port, tls: true })).resolves.toEqual(urls);

    await host.stop();
    const again = await host.start({ host: '127.0.0.1', port, tls: true });
    expect(again.fingerprint).toBe(urls.fingerprint);
    await host.stop();
    const plain = await host.start({ host: '127.0.0.1', port });
    expect(plain).toEqual({ signalingUrl: `ws://127.0.0.1:${port}/signal`, syncUrl: `ws://127.0.0.1:${port}/sync` });
    expect(host.status()).toEqual({ running: true, ...plain });
  });
});
