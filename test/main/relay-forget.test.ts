// After a purge, the purging member's copy asks the relay to forget the old epoch's document
// (relay-sync.ts, onStateless): the relay first checks that the record backs it (a purge certificate
// signed by a member the rules let purge, relay-purge-check.ts), keeps only the entries named (the
// certificates and the new key), serves them read-only from then on, never writes the old state again,
// and this holds across a restart with --data. A key holder without that right is refused.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetMessage } from '../../src-main/services/relay-frames';
import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { SyncSession } from '../../src-renderer/sync/session';
import { hostileRelayClient } from '../e2e/hostile-client';
import { twoCopies } from '../unit/store/helpers';

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
async function folderHolds(dir: string, text: string): Promise<boolean> {
  for (const f of await readdir(dir)) if ((await readFile(join(dir, f))).includes(text)) return true;
  return false;
}

describe('relay: forgetting a document after a purge', () => {
  it('refuses a key holder without the right; keeps only what a valid purge names, read-only, after a restart', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigie-forget-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    let server = await relay(dir);
    const { a } = await twoCopies(); // a: Alice, the creator
    const alice = new SyncSession(a, { signaling: [], relay: [server.syncUrl!], ice: [] }, { WebSocketPolyfill: WebSocket });
    cleanups.push(() => alice.destroy());
    await alice.start();
    await a.create({ text: 'Route coupée', authorHandle: SECRET });
    await expect.poll(() => folderHolds(dir, SECRET), { timeout: 10_000 }).toBe(true);

    // A key holder who is not a member: no request, a certificate it signed itself, nothing backs it.
    const mallory = await hostileRelayClient({ id: a.crisis.id, key: a.crisis.key } as never, server.syncUrl!);
    cleanups.push(() => mallory.stop());
    const forged = mallory.signed({ k: 's', e: 9, until: '2026-01-01T00:00:00.000Z', all: true, x: [], h: {}, n: 0, of: 1 });
    mallory.provider.sendStateless(JSON.stringify({ vigie: 'forget', keep: [forged] }));
    mallory.provider.sendStateless(JSON.stringify({ vigie: 'forget', keep: [KEPT] }));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await folderHolds(dir, SECRET)).toBe(true);
    expect(mallory.log.length).toBeGreaterThan(1);

    // The creator closes and purges: the record backs the request.
    await a.workflow.setClosed(true);
    const { epoch } = await a.purge.run({ until: '2026-01-01T00:00:00.000Z', all: true, x: [] });
    await expect.poll(() => folderHolds(dir, '"k":"s"'), { timeout: 10_000 }).toBe(true);
    const keep = (await a.history()).filter((r) => {
      const body = JSON.parse(r.d) as { k: string; e?: number };
      return (body.k === 's' || body.k === 'v') && body.e === epoch;
    });
    await alice.forgetRelayDocuments(keep.map(({ d, g }) => ({ d, g })));
    await expect.poll(() => folderHolds(dir, SECRET), { timeout: 10_000 }).toBe(false);

    // A copy still on the old key connects: it receives what was kept, and what it sends is not taken.
    const late = await hostileRelayClient({ id: a.crisis.id, key: a.crisis.key } as never, server.syncUrl!);
    cleanups.push(() => late.stop());
    await expect.poll(() => late.log.length, { timeout: 5_000 }).toBe(keep.length);
    late.log.push([{ d: `{"again":"${SECRET}"}`, g: 'y'.repeat(86) }]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await folderHolds(dir, SECRET)).toBe(false);

    // After a restart, the document is still as it was left, and still read-only.
    alice.destroy();
    late.stop();
    mallory.stop();
    await server.close();
    server = await relay(dir);
    const after = await hostileRelayClient({ id: a.crisis.id, key: a.crisis.key } as never, server.syncUrl!);
    cleanups.push(() => after.stop());
    await expect.poll(() => after.log.length, { timeout: 5_000 }).toBe(keep.length);
    after.log.push([{ d: SECRET, g: 'z'.repeat(86) }]);
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
