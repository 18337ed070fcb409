// A crisis going through the relay, both ways, in many small updates instead of one buffer of the
// whole crisis (real sockets on 127.0.0.1): the app's relay transport uploading to a relay that has
// never seen it ("holds everything" only once the relay acknowledged it all), then the relay
// answering a newcomer (synced only once everything arrived).
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { connectRelay } from '../../src-renderer/sync/relay-transport';
import type { Transport } from '../../src-renderer/sync/transport';
import { countWrites, logEntry, randomCrisisKey, waitFor } from './relay-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** `ws`, noting the size of each message the client sends and receives. */
function countingSocket(sent: number[], received: number[] = []) {
  return class extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data: Buffer) => received.push(data.byteLength));
    }
    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      sent.push((data as Uint8Array).byteLength ?? 0);
      (super.send as (...a: unknown[]) => void)(data, ...rest);
    }
  };
}

describe('relay, streamed both ways', () => {
  it('a copy of 10,000 entries connecting to an empty relay sends them in slices, and the relay streams them to a newcomer', { timeout: 120_000 }, async () => {
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
    expect(Math.max(...sent)).toBeLessThan(whole / 6);
    expect(sent.filter((n) => n > 1000).length).toBeGreaterThan(10);
    // Never "à jour" before the relay had everything: a newcomer gets all of it from the relay alone.
    transport.destroy();
    // Hocuspocus sends every update it applies to every connection, merged per event-loop turn: let
    // the last of the upload's go out before the newcomer connects, so what it receives is the answer.
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The relay streams it to a newcomer the same way: many small messages, and the newcomer's
    // transport says it holds everything only once all of it arrived.
    const newDoc = new Y.Doc();
    // What the newcomer's disk would store (persistence.ts listens the same way), and whether Yjs
    // encoded anything of its document again to say it (received-update.ts: it must not).
    const heard: Uint8Array[] = [];
    newDoc.on('update', (u: Uint8Array) => heard.push(u));
    const encodedAgain = countWrites(newDoc, cleanups);
    const received: number[] = [];
    const lengthsWhenHeld: number[] = [];
    let joined: Transport | null = null;
    joined = await connectRelay({
      doc: newDoc,
      awareness: new Awareness(newDoc),
      crisisKey: key,
      url: server.syncUrl!,
      WebSocketPolyfill: countingSocket([], received),
      onChange: () => joined?.status().holdsEverything && lengthsWhenHeld.push(newDoc.getArray('log').length),
    });
    cleanups.push(() => joined!.destroy());
    await waitFor(() => !!joined!.status().holdsEverything, 60_000, 'le nouveau venu est à jour');
    expect(newDoc.getArray('log').toJSON()).toEqual(doc.getArray('log').toJSON());
    expect(encodedAgain()).toBe(0);
    const replayed = new Y.Doc();
    for (const u of heard) Y.applyUpdate(replayed, u);
    expect(replayed.getArray('log').toJSON()).toEqual(doc.getArray('log').toJSON());
    expect(Math.min(...lengthsWhenHeld)).toBe(10_000);
    expect(Math.max(...received)).toBeLessThan(whole / 4);
    expect(received.filter((n) => n > 1000).length).toBeGreaterThan(10);
    expect(held.indexOf(true)).toBeGreaterThan(0);
  });
});
