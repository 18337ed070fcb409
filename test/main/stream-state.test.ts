// The streamed answer to a peer's sync step 1 (src-renderer/sync/stream-state.ts): slices that are
// each a valid Yjs update and together rebuild exactly what Y.encodeStateAsUpdate would send.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { writeAny } from '../../src-renderer/sync/any-writer';
import { deleteSetUpdate, missingRanges, nextSlice, streamState } from '../../src-renderer/sync/stream-state';

function entry(i: number) {
  return { d: `{"k":"c","s":"s${i}","t":${1_700_000_000_000 + i}}`, g: 'x'.repeat(86) };
}

/** Three editors pushing to one log, in merged runs and one at a time, with deletions and other types. */
function busyDoc(): Y.Doc {
  const docs = [0, 1, 2].map(() => new Y.Doc({ gc: false }));
  const sync = () => {
    for (const a of docs) for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  };
  let n = 0;
  for (let round = 0; round < 6; round++) {
    docs.forEach((doc, k) => {
      const log = doc.getArray('log');
      if (k === 0) doc.transact(() => log.push(Array.from({ length: 700 }, () => entry(n++))));
      else for (let j = 0; j < 40; j++) log.push([entry(n++)]);
    });
    sync();
  }
  docs[1].getArray('log').delete(10, 30); // a deletion inside a merged run
  docs[2].getArray('log').insert(500, [entry(n++), 'a string', 42]); // an insertion in the middle
  docs[2].getMap('other').set('k', 'v');
  docs[0].getText('t').insert(0, 'du texte libre');
  sync();
  return docs[0];
}

function stream(doc: Y.Doc, sv: Map<number, number>, budget: number): Uint8Array[] {
  const ranges = missingRanges(doc, sv);
  const out: Uint8Array[] = [];
  for (let s = nextSlice(doc, ranges, budget); s; s = nextSlice(doc, ranges, budget)) out.push(s.slice()); // a view: kept, so copied
  out.push(deleteSetUpdate(doc));
  return out;
}

describe('streamed state', () => {
  it.each([7, 100, 5_000])('slices of %i entries rebuild the whole document, applied one by one', { timeout: 20_000 }, (budget) => {
    const doc = busyDoc();
    const slices = stream(doc, new Map(), budget);
    if (budget < 100) expect(slices.length).toBeGreaterThan(20);
    const copy = new Y.Doc({ gc: false });
    for (const s of slices) Y.applyUpdate(copy, s);
    expect(copy.getArray('log').toJSON()).toEqual(doc.getArray('log').toJSON());
    expect(copy.getMap('other').toJSON()).toEqual({ k: 'v' });
    expect(copy.getText('t').toString()).toBe('du texte libre');
    expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(doc));
    expect((copy.store as unknown as { pendingStructs: unknown }).pendingStructs).toBeNull();
    // Same content as the one-shot answer.
    const reference = new Y.Doc({ gc: false });
    Y.applyUpdate(reference, Y.encodeStateAsUpdate(doc));
    expect(Y.encodeStateAsUpdate(copy)).toEqual(Y.encodeStateAsUpdate(reference));
  });

  it('sends only what the peer lacks', () => {
    const doc = busyDoc();
    const peer = new Y.Doc({ gc: false });
    const half = Y.encodeStateAsUpdate(doc);
    Y.applyUpdate(peer, half);
    doc.getArray('log').push([entry(99_999)]);
    const slices = stream(doc, Y.decodeStateVector(Y.encodeStateVector(peer)), 50);
    expect(slices.length).toBe(2); // the new entry, then the delete set
    for (const s of slices) Y.applyUpdate(peer, s);
    expect(peer.getArray('log').toJSON()).toEqual(doc.getArray('log').toJSON());
  });

  it('keeps each slice short and lets edits made meanwhile through', async () => {
    const doc = new Y.Doc({ gc: false });
    const log = doc.getArray('log');
    doc.transact(() => log.push(Array.from({ length: 20_000 }, (_, i) => entry(i))));
    const copy = new Y.Doc({ gc: false });
    // What the provider broadcasts meanwhile, applied as it comes.
    doc.on('update', (u: Uint8Array) => Y.applyUpdate(copy, u));
    let sent = 0;
    const result = await streamState(doc, new Map(), {
      sliceMs: 4,
      send: (u) => {
        Y.applyUpdate(copy, u);
        if (++sent % 5 === 0) log.push([entry(100_000 + sent)]); // an edit between two slices
        if (sent === 7) log.delete(3, 2);
        return true;
      },
    });
    expect(result.slices).toBeGreaterThan(5);
    expect(copy.getArray('log').toJSON()).toEqual(log.toJSON());
    console.log(`[mesure] 20 000 entrées en ${result.slices} tranches, la plus longue ${result.longestMs.toFixed(1)} ms`);
  });

  it('hands the sender views of one reused buffer, which a sender that copies turns into the whole document', async () => {
    const doc = busyDoc();
    const buffers = new Set<ArrayBufferLike>();
    const copies: Uint8Array[] = [];
    await streamState(doc, new Map(), {
      maxBudget: 64,
      send: (u, last) => {
        if (!last) buffers.add(u.buffer);
        copies.push(u.slice());
        return true;
      },
    });
    expect(copies.length).toBeGreaterThan(20);
    // One buffer (a second one only if a slice outgrew the first): not one array per slice.
    expect(buffers.size).toBeLessThanOrEqual(2);
    const copy = new Y.Doc({ gc: false });
    for (const u of copies) Y.applyUpdate(copy, u);
    expect(Y.encodeStateAsUpdate(copy)).toEqual(Y.encodeStateAsUpdate(doc));
  });

  it('makes no slice while the transport still holds part of the last one', async () => {
    const doc = busyDoc();
    let polls = 0;
    const heldWhenSent: number[] = [];
    await streamState(doc, new Map(), {
      maxBudget: 64,
      holding: () => polls-- > 0,
      send: () => {
        heldWhenSent.push(Math.max(0, polls));
        polls = 3; // the channel's queue needs three more looks before it is empty
        return true;
      },
    });
    expect(heldWhenSent.length).toBeGreaterThan(20);
    expect(heldWhenSent.every((p) => p === 0)).toBe(true);
  });

  it('sizes its slices on what sending them costs too, not on the encoding alone', async () => {
    const doc = new Y.Doc({ gc: false });
    const log = doc.getArray('log');
    doc.transact(() => log.push(Array.from({ length: 20_000 }, (_, i) => entry(i))));
    // A fake clock: encoding costs nothing, handing bytes to the channel 1 ms per 10 KB (cutting
    // WebRTC frames and sending them is what took 150–300 ms per slice in the browser).
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => now);
    const costs: number[] = [];
    try {
      await streamState(doc, new Map(), {
        sliceMs: 8,
        send: (u) => {
          now += u.byteLength / 10_000;
          costs.push(u.byteLength / 10_000);
          return true;
        },
      });
    } finally {
      clock.mockRestore();
    }
    expect(costs.length).toBeGreaterThan(20);
    // Each slice grows by a quarter at most from one that fit: none costs more than 8 ms × 1.25 (and a frame's rounding).
    expect(Math.max(...costs)).toBeLessThan(8 * 1.25 + 1);
  });
});

describe('any-writer: lib0’s writeAny, strings copied in one piece', () => {
  it('writes the same bytes as lib0 for every kind of value', () => {
    const values: unknown[] = [
      entry(1),
      { d: 'Évacuation demandée rue de la République — 🚒 « urgent »', g: 'é'.repeat(30_000) }, // beyond lib0's scratch buffer
      '',
      'x'.repeat(70_000),
      '\u{1F30A} crue',
      { nested: { a: [1, 'deux', null, true, false, 2.5, -7, 2 ** 40] }, empty: {}, bytes: new Uint8Array([1, 2, 3]) },
      [entry(2), 'a', 3],
      null,
      undefined,
      42,
    ];
    for (const v of values) {
      const ours = encoding.createEncoder();
      const lib0 = encoding.createEncoder();
      writeAny(ours, v);
      encoding.writeAny(lib0, v as never);
      expect(encoding.toUint8Array(ours)).toEqual(encoding.toUint8Array(lib0));
    }
  });

  it('a document streamed with it reads back as Yjs wrote it', () => {
    const doc = new Y.Doc({ gc: false });
    doc.getArray('log').push([entry(1), { d: 'Crue de l’Aveyron : « évacuez » 🚒', g: 'g'.repeat(86) }, entry(2)]);
    const copy = new Y.Doc({ gc: false });
    for (const s of stream(doc, new Map(), 1)) Y.applyUpdate(copy, s);
    expect(copy.getArray('log').toJSON()).toEqual(doc.getArray('log').toJSON());
    // Whole, the slices hold exactly the bytes of Yjs's own update.
    const whole = stream(doc, new Map(), 10_000);
    expect(Y.encodeStateAsUpdate(copy)).toEqual(Y.encodeStateAsUpdate(doc));
    expect(Y.mergeUpdates(whole)).toEqual(Y.mergeUpdates([Y.encodeStateAsUpdate(doc)]));
  });
});
