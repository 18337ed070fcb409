// After a purge, a client holding the old epoch's key asks the relay to forget that document
// (relay-sync.ts, onStateless): the relay keeps only the entries the client names (the purge's
// certificates and the new key), serves them read-only from then on, never writes the old state
// again, and this holds across a restart with --data.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetMessage } from '../../src-main/services/relay-sync';
import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { connectClient, randomCrisisKey, waitFor, type RelayClient } from './relay-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const SECRET = '@purge_handle_relay_6602';
const KEPT = { d: '{"k":"s","e":1}', g: 'g'.repeat(86) };

async function relay(dataDir: string): Promise<RelayServer> {
  const server = await startRelayServer({ host: '127.0.0.1', port: 0, dataDir, log: () => undefined, syncOptions: { storeDebounceMs: 50, storeMaxDebounceMs: 100 } });
  cleanups.push(() => server.close());
  return server;
}
async function client(server: RelayServer, key: string): Promise<RelayClient> {
  const c = await connectClient(server.syncUrl!, key);
  cleanups.push(() => c.destroy());
  await c.synced;
  return c;
}
async function folderHolds(dir: string, text: string): Promise<boolean> {
  for (const f of await readdir(dir)) if ((await readFile(join(dir, f))).includes(text)) return true;
  return false;
}
const values = (c: RelayClient) => c.doc.getArray<{ d: string }>('log').toArray().map((v) => v.d);

describe('relay: forgetting a document after a purge', () => {
  it('keeps only what the client names, read-only, on disk and after a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigie-forget-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const key = randomCrisisKey();
    let server = await relay(dir);
    const a = await client(server, key);
    a.doc.getArray('log').push([{ d: `{"k":"c","f":{"authorHandle":"${SECRET}"}}`, g: 'x'.repeat(86) }]);
    await expect.poll(() => folderHolds(dir, SECRET), { timeout: 5_000 }).toBe(true);

    a.provider.sendStateless(JSON.stringify({ vigie: 'forget', keep: [KEPT] }));
    await expect.poll(() => folderHolds(dir, SECRET), { timeout: 5_000 }).toBe(false);
    expect(await folderHolds(dir, KEPT.d)).toBe(true);

    // A copy still on the old key (it holds the secret) connects: it receives what was kept, and
    // what it sends is not taken.
    const late = await client(server, key);
    await waitFor(() => values(late).includes(KEPT.d), 5_000, 'entrées gardées');
    late.doc.getArray('log').push([{ d: `{"again":"${SECRET}"}`, g: 'y'.repeat(86) }]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await folderHolds(dir, SECRET)).toBe(false);
    const fresh = await client(server, key);
    expect(values(fresh)).toEqual([KEPT.d]);

    // After a restart, the document is still as it was left, and still read-only.
    await server.close();
    server = await relay(dir);
    const after = await client(server, key);
    expect(values(after)).toEqual([KEPT.d]);
    after.doc.getArray('log').push([{ d: SECRET, g: 'z'.repeat(86) }]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await server.close();
    expect(await folderHolds(dir, SECRET)).toBe(false);
  });

  it('reads only a well-formed request', () => {
    expect(forgetMessage(JSON.stringify({ vigie: 'forget', keep: [KEPT] }))).toEqual([KEPT]);
    for (const bad of ['', 'null', '{"vigie":"other","keep":[]}', '{"vigie":"forget","keep":[{"d":1,"g":"x"}]}', '{"vigie":"forget"}'])
      expect(forgetMessage(bad)).toBeNull();
  });
});
