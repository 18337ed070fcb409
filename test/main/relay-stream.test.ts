// The app's relay transport uploading a crisis the relay has never seen (real sockets on 127.0.0.1):
// the answer to the relay's sync step 1 goes out in many small updates, not one buffer of the whole
// crisis encoded in one task, and "holds everything" waits until the relay acknowledged them all.
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { connectRelay } from '../../src-renderer/sync/relay-transport';
import type { Transport } from '../../src-renderer/sync/transport';
import { connectClient, logEntry, randomCrisisKey, waitFor } from './relay-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** `ws`, counting what the client sends: the largest message and how many. */
function countingSocket(sent: number[]) {
  return class extends WebSocket {
    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      sent.push((data as Uint8Array).byteLength ?? 0);
      (super.send as (...a: unknown[]) => void)(data, ...rest);
    }
  };
}

describe('relay upload, streamed', () => {
  it('a copy of 10,000 entries connecting to an empty relay sends them in slices; everything arrives; "holds everything" only once acknowledged', { timeout: 120_000 }, async () => {
    const server: RelayServer = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => {} });
    cleanups.push(() => server.close());
    const key = randomCrisisKey();
    const doc = new Y.Doc();
    const entries = Array.from({ length: 10_000 }, (_, i) => logEntry(i));
    for (let i = 0; i < entries.length; i += 1_000) doc.transact(() => doc.getArray('log').push(entries.slice(i, i + 1_000)));
    const whole = Y.encodeStateAsUpdate(doc).byteLength;

    const sent: number[] = [];
    const held: boolean[] = [];
    let transport: Transport | null = null;
    transport = await connectRelay({
      doc,
      awareness: new Awareness(doc),
      crisisKey: key,
      url: server.syncUrl!,
      WebSocketPolyfill: countingSocket(sent),
      onChange: () => transport && held.push(!!transport.status().holdsEverything),
    });
    cleanups.push(() => transport!.destroy());
    await waitFor(() => !!transport!.status().holdsEverything, 60_000, 'le relais a tout reçu');

    // Many messages, none near the size of the whole crisis.
    expect(Math.max(...sent)).toBeLessThan(whole / 10);
    expect(sent.filter((n) => n > 1000).length).toBeGreaterThan(10);
    // Never "à jour" before the relay had everything: a newcomer gets all of it from the relay alone.
    transport.destroy();
    const newcomer = await connectClient(server.syncUrl!, key);
    cleanups.push(() => newcomer.destroy());
    await waitFor(() => newcomer.doc.getArray('log').length === 10_000, 60_000, 'le nouveau venu a les 10 000 entrées');
    expect(newcomer.doc.getArray('log').toJSON()).toEqual(doc.getArray('log').toJSON());
    expect(held.indexOf(true)).toBeGreaterThan(0);
  });
});
