// The exchange document's rows on disk written by reference to the journal (store/held-rows.ts,
// persistence.ts): no entry's text rests twice, a load reads back the same document, and nothing a
// peer puts in the log is read back as a reference.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import type { VigieDatabase } from '../../../src-renderer/store/database';
import { encodeWithEntries, JournalRef } from '../../../src-renderer/store/held-entries';
import { alice, crisisIn, freshDb, reopened } from './helpers';

const logOf = (doc: Y.Doc) => doc.getArray<unknown>('log');
const stored = (db: VigieDatabase, crisisId: string) => db.updates.where('crisisId').equals(crisisId).sortBy('seq');
/** A document rebuilt from updates, encoded again: two updates are the same content iff these bytes are. */
const canonical = (...updates: Uint8Array[]) => {
  const doc = new Y.Doc({ gc: false });
  for (const u of updates) Y.applyUpdate(doc, u);
  return Y.encodeStateAsUpdate(doc);
};
const text = (i: number) => `Remontée ${i} : ${'la Garonne déborde à Verdun-sur-Garonne, '.repeat(20)}`;

/** A crisis of 300 sightings (about 400 kB of entries), written and closed. */
async function writtenCrisis() {
  const db = freshDb();
  const crisis = await crisisIn(db);
  const store = await CrisisStore.open(db, crisis, alice);
  await store.docReady;
  const ids = await store.createMany(Array.from({ length: 300 }, (_, i) => ({ text: text(i) })));
  await store.settled();
  const before = await encodeWithEntries(store.doc);
  await store.close();
  return { db, crisis, me: store.me, ids, before };
}

describe('document d’échange sur le disque : les entrées par référence au registre', () => {
  it('une fois les valeurs tenues, les rangées s’écrivent sans les textes, et se relisent en le même document', async () => {
    const { db, crisis, me, before } = await writtenCrisis();
    const asCame = await stored(db, crisis.id);
    expect(asCame.some((r) => r.byRef)).toBe(false); // written while the values were being held
    const bytesAsCame = asCame.reduce((n, r) => n + r.update.byteLength, 0);
    // Opened again: every value is held by the journal, and the rows as they came are rewritten.
    const again = await CrisisStore.open(reopened(db), crisis, me);
    await again.docReady;
    await vi.waitFor(async () => expect((await stored(db, crisis.id)).every((r) => r.byRef)).toBe(true), { timeout: 10_000 });
    const byRef = await stored(db, crisis.id);
    const bytesByRef = byRef.reduce((n, r) => n + r.update.byteLength, 0);
    expect(bytesByRef).toBeLessThan(bytesAsCame / 20);
    await again.close();
    // A third open reads them: every value a reference, the same document as written.
    const third = await CrisisStore.open(reopened(db), crisis, me);
    await third.docReady;
    expect(logOf(third.doc).toArray().every((v) => v instanceof JournalRef)).toBe(true);
    expect(canonical(await encodeWithEntries(third.doc))).toEqual(canonical(before));
    expect(third.rows.size).toBe(300);
    await third.close();
  }, 60_000);

  it('ce qui s’écrit après suit en rangées telles quelles, relues après celles par référence', async () => {
    const { db, crisis, me, ids } = await writtenCrisis();
    const again = await CrisisStore.open(reopened(db), crisis, me);
    await again.docReady;
    await vi.waitFor(async () => expect((await stored(db, crisis.id)).every((r) => r.byRef)).toBe(true), { timeout: 10_000 });
    for (const id of ids.slice(0, 5)) await again.update(id, { priority: 'P1' });
    const s = await again.create({ text: 'Après la réécriture' });
    await again.settled();
    const rows = await stored(db, crisis.id);
    expect(rows.some((r) => !r.byRef)).toBe(true);
    const firstAsCame = rows.findIndex((r) => !r.byRef);
    expect(rows.slice(firstAsCame).every((r) => !r.byRef)).toBe(true); // rows by reference come first
    const whole = await encodeWithEntries(again.doc);
    await again.close();
    const third = await CrisisStore.open(reopened(db), crisis, me);
    await third.docReady;
    expect(third.get(s.id)?.text).toBe('Après la réécriture');
    expect(third.get(ids[0]!)?.priority).toBe('P1');
    expect(canonical(await encodeWithEntries(third.doc))).toEqual(canonical(whole));
    await third.close();
  }, 60_000);

  it('un nombre ou un tableau qu’un pair met dans le journal d’échange se relit tel quel, pas en référence', async () => {
    const db = freshDb();
    const crisis = await crisisIn(db);
    const store = await CrisisStore.open(db, crisis, alice);
    await store.docReady;
    await store.createMany(Array.from({ length: 300 }, (_, i) => ({ text: text(i) })));
    // What the rows by reference write a reference (a number) or a value (an array of one) as, and
    // what else a peer may put in the log: each must come back exactly.
    const odd = [1, 2, [3], [{ d: 'x', g: 'y' }], [], 0, null, false, '', { seq: 1 }];
    const evil = new Y.Doc();
    Y.applyUpdate(evil, await encodeWithEntries(store.doc));
    logOf(evil).push(odd);
    Y.applyUpdate(store.doc, Y.encodeStateAsUpdate(evil, Y.encodeStateVector(store.doc)), 'hostile-peer');
    await store.settled();
    await store.close();
    const me = store.me;
    // Opened again: the rows as they came, the peer's values in them, are written by reference.
    const second = await CrisisStore.open(reopened(db), crisis, me);
    await second.docReady;
    await vi.waitFor(async () => expect((await stored(db, crisis.id)).every((r) => r.byRef)).toBe(true), { timeout: 10_000 });
    await second.close();
    const again = await CrisisStore.open(reopened(db), crisis, me);
    await again.docReady;
    const values = logOf(again.doc).toArray();
    expect(values.slice(-odd.length)).toEqual(odd);
    expect(values.slice(0, -odd.length).every((v) => v instanceof JournalRef)).toBe(true);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, await encodeWithEntries(again.doc));
    expect(logOf(copy).toArray().slice(-odd.length)).toEqual(odd);
    await again.close();
  }, 60_000);
});
