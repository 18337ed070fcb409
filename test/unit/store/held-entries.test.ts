// The exchange document holding the journal's entries by reference (store/held-entries.ts): what
// every path encodes from a reopened copy is, byte for byte, what the document held before, and a
// path that forgets to read the texts back fails instead of sending stand-ins.
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { encodeWithEntries, holdEntries, isPlainEnvelope, JournalRef } from '../../../src-renderer/store/held-entries';
import { DocPersistence } from '../../../src-renderer/store/persistence';
import { exportSyncPack, importSyncPack } from '../../../src-renderer/store/sync-pack';
import { deleteSetUpdate, missingRanges, nextSlice, streamState } from '../../../src-renderer/sync/stream-state';
import { alice, bob, crisisIn, freshDb, joined, reopened, syncDocs } from './helpers';

const logOf = (doc: Y.Doc) => doc.getArray<unknown>('log');
const refsIn = (doc: Y.Doc) => logOf(doc).toArray().filter((v) => v instanceof JournalRef).length;
/** A document rebuilt from an update, encoded again: two updates are the same content iff these bytes are. */
const canonical = (...updates: Uint8Array[]) => {
  const doc = new Y.Doc({ gc: false });
  for (const u of updates) Y.applyUpdate(doc, u);
  return Y.encodeStateAsUpdate(doc);
};

/** A crisis with 150 sightings and their edits, closed and reopened; `before`: its document as it was. */
async function reopenedCrisis() {
  const db = freshDb();
  const crisis = await crisisIn(db);
  const store = await CrisisStore.open(db, crisis, alice);
  const ids = await store.createMany(Array.from({ length: 150 }, (_, i) => ({ text: `Remontée ${i}` })));
  for (const id of ids.slice(0, 20)) await store.update(id, { priority: 'P1' });
  await store.settled();
  const before = Y.encodeStateAsUpdate(store.doc); // written since it was opened: every value whole
  const length = logOf(store.doc).length;
  await store.close();
  const again = await CrisisStore.open(reopened(db), crisis, store.me);
  await again.docReady;
  return { db, crisis, again, before, length, ids };
}

describe('document d’échange : entrées tenues par le registre', () => {
  it('après réouverture, chaque valeur du journal d’échange est une référence, et ce qui est encodé est ce qui était tenu', async () => {
    const { again, before, length } = await reopenedCrisis();
    expect(logOf(again.doc).length).toBe(length);
    expect(refsIn(again.doc)).toBe(length); // every entry came from this copy's journal
    // Yjs's own writer refuses the stand-ins.
    expect(() => Y.encodeStateAsUpdate(again.doc)).toThrow(/tenue par le journal/);
    // The whole document, with the texts read back from the journal: the same content as before.
    const whole = await encodeWithEntries(again.doc);
    expect(canonical(whole)).toEqual(canonical(before));
    // From a peer's state vector: only what it lacks, still the same content once merged.
    const half = new Y.Doc({ gc: false });
    Y.applyUpdate(half, before);
    const partial = await encodeWithEntries(again.doc, Y.encodeStateVector(half));
    expect(canonical(before, partial)).toEqual(canonical(before));
    // The document still holds its entries by reference afterwards.
    expect(refsIn(again.doc)).toBe(length);
    await again.close();
  }, 30_000);

  it('le flux vers un nouveau venu lit les textes au registre, tranche par tranche : le même document arrive', async () => {
    const { again, before } = await reopenedCrisis();
    const slices: Uint8Array[] = [];
    const result = await streamState(again.doc, new Map(), { maxBudget: 64, send: (u) => (slices.push(u.slice()), true) });
    expect(result.slices).toBeGreaterThan(3);
    expect(canonical(...slices)).toEqual(canonical(before));
    // The synchronous encoder, without the texts, refuses rather than write a stand-in.
    expect(() => nextSlice(again.doc, missingRanges(again.doc, new Map()), 1_000_000)).toThrow(/n’a pas été relue/);
    expect(canonical(deleteSetUpdate(again.doc))).toBeDefined();
    await again.close();
  }, 30_000);

  it('une copie rouverte donne tout à une copie qui la rejoint, et par paquet de synchronisation', async () => {
    const { again, length } = await reopenedCrisis();
    const b = await joined(again, bob, 'cod');
    await syncDocs(again, b);
    expect(b.rows.size).toBe(150);
    expect(logOf(b.doc).length).toBeGreaterThanOrEqual(length);
    const c = await joined(again, { ...bob, id: 'carol', name: 'Carole' }, 'veilleur');
    const pack = await exportSyncPack(again, { by: 'Alice' });
    const result = await importSyncPack(c, pack.bytes);
    expect(result.alreadyKnown).toBe(false);
    expect(c.rows.size).toBe(150);
    // And into the reopened copy itself (its dry run reads the document with its references).
    const s = await b.create({ text: 'Après la réouverture' });
    const back = await exportSyncPack(b, { by: 'Bob', since: Y.encodeStateVector(again.doc) });
    expect((await importSyncPack(again, back.bytes)).newEntries).toBeGreaterThan(0);
    expect(again.get(s.id)?.text).toBe('Après la réouverture');
    await Promise.all([again.close(), b.close(), c.close()]);
  }, 60_000);

  it('compte les références comme partagées : rien n’est republié à l’ouverture, seul ce qu’un pair efface l’est', async () => {
    const { again, length } = await reopenedCrisis();
    expect(again.deletionsUndone).toBe(0);
    expect(logOf(again.doc).length).toBe(length);
    // A hostile copy deletes 3 entries.
    const evil = new Y.Doc();
    Y.applyUpdate(evil, await encodeWithEntries(again.doc));
    logOf(evil).delete(10, 3);
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(evil, Y.encodeStateVector(again.doc)), 'hostile-peer');
    await vi.waitFor(() => expect(again.deletionsUndone).toBe(3), { timeout: 10_000 });
    await again.settled();
    expect(logOf(again.doc).length).toBe(length);
    await again.close();
  }, 30_000);

  it('un pair ne peut pas fabriquer de référence, ni faire tenir par référence autre chose qu’une enveloppe exacte', async () => {
    const db = freshDb();
    const crisis = await crisisIn(db);
    const store = await CrisisStore.open(db, crisis, alice);
    await store.create({ text: 'Digue' });
    await store.settled();
    const real = logOf(store.doc).get(logOf(store.doc).length - 1) as { d: string; g: string };
    // Values a peer can put in the log: shaped like a reference, or a real entry with one more key.
    const evil = new Y.Doc();
    Y.applyUpdate(evil, Y.encodeStateAsUpdate(store.doc));
    const odd = [{ seq: 1 }, { d: real.d, g: real.g, x: 1 }, { g: real.g, d: real.d }];
    logOf(evil).push(odd);
    Y.applyUpdate(store.doc, Y.encodeStateAsUpdate(evil, Y.encodeStateVector(store.doc)), 'hostile-peer');
    await store.settled();
    await store.close();
    const again = await CrisisStore.open(reopened(db), crisis, store.me);
    await again.docReady;
    const values = logOf(again.doc).toArray();
    expect(values.slice(-3)).toEqual(odd); // as received, not references
    const copy = new Y.Doc();
    Y.applyUpdate(copy, await encodeWithEntries(again.doc));
    expect(logOf(copy).toArray().slice(-3)).toEqual(odd);
    expect(logOf(copy).toArray().slice(0, -3)).toEqual(logOf(store.doc).toArray().slice(0, -3));
    await again.close();
  }, 30_000);

  it('ce qui arrive ou s’écrit après l’ouverture est tenu par référence une fois au registre ; un faux reste tel quel', async () => {
    const { again } = await reopenedCrisis();
    // A newcomer receives the whole crisis: once its journal has it, its document holds references.
    const b = await joined(again, bob, 'cod');
    await syncDocs(again, b);
    expect(b.rows.size).toBe(150);
    await vi.waitFor(() => expect(refsIn(b.doc)).toBe(logOf(b.doc).length), { timeout: 10_000 });
    expect(canonical(await encodeWithEntries(b.doc))).toEqual(canonical(await encodeWithEntries(again.doc, undefined), await encodeWithEntries(b.doc, Y.encodeStateVector(again.doc))));
    // A local write, then a forgery from a peer (a real entry's signature on another text).
    const s = await again.create({ text: 'Écrite après l’ouverture' });
    const created = (await again.entries(s.id))[0]!.id;
    const real = (await again.history()).find((e) => e.id === created)!;
    const forged = { d: real.d.replace('"t":', '"t":1'), g: real.g };
    const evil = new Y.Doc();
    Y.applyUpdate(evil, await encodeWithEntries(again.doc));
    logOf(evil).push([forged]);
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(evil, Y.encodeStateVector(again.doc)), 'hostile-peer');
    await again.settled();
    expect(again.get(s.id)?.text).toBe('Écrite après l’ouverture');
    // The local write is held; the forgery, whose text the journal does not hold, stays as it came.
    const withItsSignature = () => logOf(again.doc).toArray().filter((v) => !(v instanceof JournalRef) && (v as { g?: string }).g === real.g);
    await vi.waitFor(() => expect(withItsSignature()).toEqual([forged]), { timeout: 10_000 });
    await Promise.all([again.close(), b.close()]);
  }, 60_000);

  it('un nouveau venu qui reçoit la crise en flux, tranche après tranche pendant des secondes, finit par tout tenir par référence', async () => {
    const { again } = await reopenedCrisis();
    const db = freshDb();
    const b = await joined(again, bob, 'cod', undefined, db);
    await b.docReady;
    // (What b's journal already had, the crisis's first entries, may come again whole in the stream.)
    const had = new Set((await b.history()).map((e) => e.g));
    // A slow disk: the intake's writes go on while more arrives, so a pass waits for them to end.
    const write = db.journal.bulkAdd.bind(db.journal) as (rows: never, options: never) => Promise<unknown>;
    const slow = vi.spyOn(db.journal, 'bulkAdd').mockImplementation(((rows: never, options: never) => new Promise((r) => setTimeout(r, 700)).then(() => write(rows, options))) as never);
    // The crisis in slices of 16 entries, one every 350 ms: passes start while more keeps coming.
    const slices: Uint8Array[] = [];
    await streamState(again.doc, Y.decodeStateVector(Y.encodeStateVector(b.doc)), { maxBudget: 16, send: (u) => (slices.push(u.slice()), true) });
    expect(slices.length).toBeGreaterThan(8);
    for (const u of slices) {
      Y.applyUpdate(b.doc, u, 'test-peer');
      await new Promise((r) => setTimeout(r, 350));
    }
    await b.settled();
    slow.mockRestore();
    expect(b.rows.size).toBe(150);
    const whole = () => logOf(b.doc).toArray().filter((v) => !(v instanceof JournalRef) && !had.has((v as { g: string }).g));
    await vi.waitFor(() => expect(whole()).toEqual([]), { timeout: 10_000 });
    await Promise.all([again.close(), b.close()]);
  }, 60_000);

  it('isPlainEnvelope : d puis g, rien d’autre, un objet ordinaire', () => {
    expect(isPlainEnvelope({ d: 'a', g: 'b' })).toBe(true);
    expect(isPlainEnvelope({ g: 'b', d: 'a' })).toBe(false);
    expect(isPlainEnvelope({ d: 'a', g: 'b', x: 1 })).toBe(false);
    expect(isPlainEnvelope({ d: 'a' })).toBe(false);
    expect(isPlainEnvelope({ d: 1, g: 'b' })).toBe(false);
    expect(isPlainEnvelope(Object.assign(Object.create(null), { d: 'a', g: 'b' }))).toBe(false);
    expect(isPlainEnvelope(new JournalRef(1))).toBe(false);
    expect(isPlainEnvelope(null)).toBe(false);
  });

  it('la réécriture du document après une écriture refusée par le disque y met les textes, pas les références', async () => {
    const db = freshDb();
    const doc = new Y.Doc({ gc: false });
    const entries = Array.from({ length: 40 }, (_, i) => ({ d: `texte ${i}`, g: `signature ${i}` }));
    holdEntries(doc, async (seqs, each) => seqs.forEach((s) => entries[s] && each(s, entries[s])));
    const persistence = new DocPersistence(db, 'crise', doc);
    await persistence.load();
    logOf(doc).push(entries);
    await persistence.flushed();
    // Held by reference from now on, as an exchange does once loaded.
    const arr = (logOf(doc)._start!.content as Y.ContentAny).arr;
    arr.forEach((_, i) => (arr[i] = new JournalRef(i)));
    const add = vi.spyOn(db.updates, 'bulkAdd').mockRejectedValueOnce(new Error('QuotaExceededError'));
    logOf(doc).push([{ d: 'pendant la panne', g: 'x' }]);
    await expect(persistence.flushed()).rejects.toThrow(/QuotaExceededError/);
    add.mockRestore();
    await vi.waitFor(() => persistence.flushed(), { timeout: 10_000 }); // once the whole document is rewritten
    const rows = await db.updates.where('crisisId').equals('crise').toArray();
    expect(rows).toHaveLength(1);
    const back = new Y.Doc();
    for (const r of rows) Y.applyUpdate(back, r.update);
    expect(logOf(back).toArray()).toEqual([...entries, { d: 'pendant la panne', g: 'x' }]);
    await persistence.close();
  });
});
