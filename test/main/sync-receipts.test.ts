// Signed sync receipts through a real relay: two real stores and sync sessions; the writer's session
// names the member whose copy holds its last change; a receipt forged in that member's name by a key
// holder (signed with another key) reaches the writer through the relay and is refused.
import { sign } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelayServer } from '../../src-main/services/relay-server';
import { SyncSession, type SyncStatus } from '../../src-renderer/sync/session';
import { hostileRelayClient } from '../e2e/hostile-client';
import { twoCopies } from '../unit/store/helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function until(session: SyncSession, ok: (s: SyncStatus) => boolean, ms = 15_000): Promise<SyncStatus> {
  const end = Date.now() + ms;
  for (;;) {
    const s = session.status();
    if (ok(s)) return s;
    if (Date.now() > end) throw new Error(`état attendu non atteint : ${JSON.stringify({ heldBy: s.heldBy, refused: s.refusedReceipts })}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('reçus signés par le relais', () => {
  it('nomme le pair qui détient ma dernière modification ; un reçu forgé à son nom est refusé', { timeout: 60_000 }, async () => {
    const server = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => {} });
    cleanups.push(() => server.close());
    const { a, b } = await twoCopies(); // a: Alice (creator) · b: Bob (COD)
    const addresses = { signaling: [], relay: [server.syncUrl!], ice: [] };
    const alice = new SyncSession(a, addresses, { WebSocketPolyfill: WebSocket });
    const bob = new SyncSession(b, addresses, { WebSocketPolyfill: WebSocket });
    cleanups.push(() => alice.destroy(), () => bob.destroy());
    await Promise.all([alice.start(), bob.start()]);

    await a.create({ text: 'Route coupée à Nègrepelisse' });
    const held = await until(alice, (s) => s.heldBy.length > 0);
    expect(held.heldBy).toMatchObject([{ actor: b.me.id, name: 'Bob Durand' }]);
    expect(held.refusedReceipts).toBe(0);

    // Bob's copy goes quiet; Alice writes again: nobody holds it.
    await bob.pause(true);
    await a.create({ text: 'Pont fermé à Montauban' });
    await until(alice, (s) => s.heldBy.length === 0);

    // A key holder claims, in Bob's name, to hold everything: refused, Bob not named.
    const mallory = await hostileRelayClient({ id: a.crisis.id, key: a.crisis.key } as never, server.syncUrl!);
    cleanups.push(() => mallory.stop());
    const sv = Buffer.from(Y.encodeStateVector(a.doc)).toString('base64');
    const d = JSON.stringify({ a: b.me.id, c: a.crisis.id, t: Date.now(), sv });
    const g = sign(null, Buffer.from(`vigie/receipt/v1:${a.crisis.id}\n${d}`), mallory.key.privateKey).toString('base64url');
    mallory.awareness.setLocalState({ user: { actor: b.me.id, name: 'Bob Durand' }, rc: { d, g } });
    const after = await until(alice, (s) => s.refusedReceipts === 1);
    expect(after.heldBy).toEqual([]);
    // An oversize one, too.
    mallory.awareness.setLocalState({ user: { actor: b.me.id, name: 'Bob Durand' }, rc: { d: d.replace(sv, 'A'.repeat(20_000)), g } });
    await until(alice, (s) => s.refusedReceipts === 2);
    expect(alice.status().heldBy).toEqual([]);

    // Bob back: his own signed receipt names him again.
    await bob.pause(false);
    await until(alice, (s) => s.heldBy.some((h) => h.actor === b.me.id));
  });
});
