// What a peer sends reaches the document's 'update' listeners (the disk, the other connections) as
// it was received, without Yjs encoding it again; and never bytes that did not apply whole.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyReceived } from '../../src-renderer/sync/received-update';

type Heard = { update: Uint8Array; origin: unknown };

function listened(doc = new Y.Doc()) {
  const heard: Heard[] = [];
  doc.on('update', (update: Uint8Array, origin: unknown) => heard.push({ update, origin }));
  return { doc, heard };
}

/** A copy that replays what was heard, in order, converges with the one that heard it. */
function replay(heard: Heard[]): Y.Doc {
  const copy = new Y.Doc();
  for (const h of heard) Y.applyUpdate(copy, h.update);
  return copy;
}

function peerUpdate(values: unknown[], from = new Y.Doc()): { peer: Y.Doc; update: Uint8Array } {
  const before = Y.encodeStateVector(from);
  from.getArray('log').push(values);
  return { peer: from, update: Y.encodeStateAsUpdate(from, before) };
}

describe('applyReceived', () => {
  it('gives the listeners the received bytes themselves, once, with the origin given', () => {
    const { doc, heard } = listened();
    const { update } = peerUpdate(['a', 'b']);
    const origin = { room: 'r' };
    applyReceived(doc, update, origin);
    expect(heard).toHaveLength(1);
    expect(heard[0]!.update).toBe(update); // the same buffer: nothing encoded again
    expect(heard[0]!.origin).toBe(origin);
    expect(doc.getArray('log').toArray()).toEqual(['a', 'b']);
    // The listener that takes updates as they come (the disk) rebuilds the document.
    expect(replay(heard).getArray('log').toArray()).toEqual(['a', 'b']);
  });

  it('says nothing when the update brings nothing new (as Yjs)', () => {
    const { doc, heard } = listened();
    const { update } = peerUpdate(['a']);
    applyReceived(doc, update, 'p');
    applyReceived(doc, update, 'p');
    expect(heard).toHaveLength(1);
  });

  it('passes on whole an update that has to wait for another, then the one that completes it as received', () => {
    const { doc, heard } = listened();
    const first = peerUpdate(['1']);
    const second = peerUpdate(['2'], first.peer); // builds on the first
    const third = peerUpdate(['3'], first.peer);
    applyReceived(doc, second.update, 'p'); // waits (pending): Yjs would say nothing yet
    expect(heard.map((h) => h.update)).toEqual([second.update]);
    expect(doc.getArray('log').length).toBe(0);
    applyReceived(doc, first.update, 'p');
    applyReceived(doc, third.update, 'p');
    expect(heard.map((h) => h.update)).toEqual([second.update, first.update, third.update]);
    expect(doc.getArray('log').toArray()).toEqual(['1', '2', '3']);
    // Replayed in the order heard (as the disk does), the same document.
    expect(replay(heard).getArray('log').toArray()).toEqual(['1', '2', '3']);
  });

  it('leaves to Yjs the update that completes what came pending another way (read back from disk)', () => {
    const { doc, heard } = listened();
    const first = peerUpdate(['1']);
    const second = peerUpdate(['2'], first.peer);
    Y.applyUpdate(doc, second.update, 'disk'); // pending, and never passed on by applyReceived
    heard.length = 0;
    applyReceived(doc, first.update, 'p');
    expect(heard).toHaveLength(1);
    expect(heard[0]!.update).not.toBe(first.update); // Yjs's encoding: both entries in it
    const copy = replay(heard);
    expect(copy.getArray('log').toArray()).toEqual(['1', '2']);
    // Nothing pending any more: the next one as received again.
    const third = peerUpdate(['3'], first.peer);
    applyReceived(doc, third.update, 'p');
    expect(heard[1]!.update).toBe(third.update);
  });

  it('leaves a transaction an observer runs meanwhile to Yjs, which encodes it', () => {
    const { doc, heard } = listened();
    const log = doc.getArray<string>('log');
    log.observe((e) => {
      if (e.transaction.origin === 'p') doc.getArray<string>('acks').push(['vu']);
    });
    applyReceived(doc, peerUpdate(['a']).update, 'p');
    // The update once, as received; the observer's write as Yjs says it (twice, in yjs 13.6: its quirk).
    expect(heard.filter((h) => h.origin === 'p')).toHaveLength(1);
    expect(heard.filter((h) => h.origin === null).length).toBeGreaterThanOrEqual(1);
    const copy = replay(heard);
    expect(copy.getArray('log').toArray()).toEqual(['a']);
    expect(copy.getArray('acks').toArray()).toEqual(['vu']);
  });

  it('never passes on bytes that did not apply whole: what did apply, encoded by Yjs, then the error', () => {
    const { doc, heard } = listened();
    const { update } = peerUpdate(['a', 'b']);
    // Valid structs, then a delete set cut short: Yjs integrates the structs, then throws.
    const broken = new Uint8Array([...update.subarray(0, update.length - 1), 5, 0x80]);
    expect(() => applyReceived(doc, broken, 'p')).toThrow();
    expect(doc.getArray('log').toArray()).toEqual(['a', 'b']);
    expect(heard).toHaveLength(1);
    expect(heard[0]!.update).not.toBe(broken);
    expect(replay(heard).getArray('log').toArray()).toEqual(['a', 'b']); // readable, and all of it
    // The listeners are back for what comes next.
    doc.getArray('log').push(['c']);
    expect(heard).toHaveLength(2);
  });

  it('keeps a listener added while the update is applied', () => {
    const { doc, heard } = listened();
    const late: Uint8Array[] = [];
    doc.getArray('log').observe(() => void doc.on('update', (u: Uint8Array) => late.push(u)));
    applyReceived(doc, peerUpdate(['a']).update, 'p');
    expect(heard).toHaveLength(1);
    doc.getArray('log').push(['b']);
    expect(heard).toHaveLength(2);
    expect(late.length).toBeGreaterThanOrEqual(1);
  });
});
