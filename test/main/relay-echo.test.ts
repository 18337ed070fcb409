// The relay does not send an update back to the connection it came from (Hocuspocus 4 did): on a
// Hocuspocus Document with stand-in connections for each case of its batching, then through the real
// relay with two Node clients.
import { afterEach, describe, expect, it } from 'vitest';
import { Document } from '@hocuspocus/server';
import * as Y from 'yjs';
import { notBackToSender } from '../../src-main/services/relay-echo';
import { startRelayServer } from '../../src-main/services/relay-server';
import { readSyncMessage, SYNC_UPDATE } from '../../src-renderer/sync/relay-messages';
import { connectClient, logEntry, randomCrisisKey, waitFor } from './relay-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A connection as Document.broadcast uses one: its address, and the updates it was sent. */
function standIn(name: string) {
  const updates: Uint8Array[] = [];
  return {
    messageAddress: name,
    updates,
    send(bytes: Uint8Array) {
      const sync = readSyncMessage(bytes);
      if (sync?.step === SYNC_UPDATE) updates.push(sync.payload);
    },
  };
}
/** An update of `entries` log values, as a copy would send it. */
function updateOf(entries: number, from = 0): Uint8Array {
  const doc = new Y.Doc();
  doc.getArray('log').push(Array.from({ length: entries }, (_, i) => logEntry(from + i)));
  return Y.encodeStateAsUpdate(doc);
}
const turn = () => new Promise((resolve) => setImmediate(resolve));

function documentWith(options?: { flushMaxBytes?: number }) {
  const document = new Document('crise', {}, options as never);
  const [a, b, c] = ['a', 'b', 'c'].map(() => standIn('crise'));
  for (const s of [a!, b!, c!]) document.addConnection(s as never);
  notBackToSender(document);
  return { document, a: a!, b: b!, c: c! };
}

describe('relais : une mise à jour ne revient pas à qui l’a envoyée', () => {
  it('venue d’une seule connexion : toutes les autres la reçoivent, pas elle', async () => {
    const { document, a, b, c } = documentWith();
    Y.applyUpdate(document, updateOf(3), { source: 'connection', connection: a });
    await turn();
    expect(a.updates).toHaveLength(0);
    expect(b.updates).toHaveLength(1);
    expect(c.updates).toHaveLength(1);
  });

  it('fusionnée avec celle d’une autre connexion (même tour de boucle) : tout le monde la reçoit', async () => {
    const { document, a, b, c } = documentWith();
    Y.applyUpdate(document, updateOf(2, 0), { source: 'connection', connection: a });
    Y.applyUpdate(document, updateOf(2, 10), { source: 'connection', connection: b });
    await turn();
    for (const s of [a, b, c]) expect(s.updates).toHaveLength(1);
    // Each holds everything once the merged update is applied.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, a.updates[0]!);
    expect(copy.getArray('log').length).toBe(4);
  });

  it('venue d’ailleurs (Redis, le relais lui-même) : tout le monde la reçoit', async () => {
    const { document, a, b, c } = documentWith();
    Y.applyUpdate(document, updateOf(1), { source: 'redis' });
    await turn();
    Y.applyUpdate(document, updateOf(1, 5), { source: 'local' });
    await turn();
    for (const s of [a, b, c]) expect(s.updates).toHaveLength(2);
  });

  it('envoi immédiat quand les mises à jour en attente dépassent la limite : la dernière venue compte aussi', async () => {
    // flushMaxBytes reached by b's update: Hocuspocus broadcasts a's and b's merged at once, inside b's.
    const { document, a, b, c } = documentWith({ flushMaxBytes: 2_000 });
    Y.applyUpdate(document, updateOf(1, 0), { source: 'connection', connection: a });
    Y.applyUpdate(document, updateOf(3, 10), { source: 'connection', connection: b });
    await turn();
    for (const s of [a, b, c]) expect(s.updates.length).toBeGreaterThanOrEqual(1);
    const inA = new Y.Doc();
    for (const u of a.updates) Y.applyUpdate(inA, u);
    expect(inA.getArray('log').length).toBe(4); // a got b's entries (and its own, merged with them)
    // Then one from a alone: not back to a.
    const before = a.updates.length;
    Y.applyUpdate(document, updateOf(1, 20), { source: 'connection', connection: a });
    await turn();
    expect(a.updates.length).toBe(before);
    expect(b.updates.length).toBeGreaterThanOrEqual(2);
  });

  it('par le vrai relais : l’autre copie converge, celle qui écrit ne reçoit pas son écriture', async () => {
    const server = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => {} });
    cleanups.push(() => server.close());
    const key = randomCrisisKey();
    const [writer, reader] = [await connectClient(server.syncUrl!, key), await connectClient(server.syncUrl!, key)];
    cleanups.push(() => writer.destroy(), () => reader.destroy());
    await Promise.all([writer.synced, reader.synced]);
    const received = { writer: 0, reader: 0 };
    for (const [name, c] of [['writer', writer], ['reader', reader]] as const) {
      c.provider.on('message', ({ event }: { event: MessageEvent }) => {
        const sync = readSyncMessage(new Uint8Array(event.data as ArrayBuffer));
        if (sync?.step === SYNC_UPDATE) received[name]++;
      });
    }
    writer.doc.getArray('log').push(Array.from({ length: 50 }, (_, i) => logEntry(i)));
    await waitFor(() => reader.doc.getArray('log').length === 50, 5_000, 'the other copy has the 50 entries');
    writer.doc.getArray('log').push([logEntry(99)]);
    await waitFor(() => reader.doc.getArray('log').length === 51, 5_000, 'and the next one');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received.reader).toBeGreaterThanOrEqual(2);
    expect(received.writer).toBe(0);
  });
});
