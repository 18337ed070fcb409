import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as signing from '../../../src-renderer/core/signing';
import { historyLines } from '../../../src-renderer/core/changes';
import { compareEntries, type Entry, type SightingBody } from '../../../src-renderer/core/records';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { VigieDatabase } from '../../../src-renderer/store/database';
import { KEPT, newestFloor } from '../../../src-renderer/store/row-cache';
import { alice, crisisIn, freshDb, syncDocs, twoCopies, reopened } from './helpers';

vi.mock('../../../src-renderer/core/signing', async (original) => {
  const real = await original<typeof import('../../../src-renderer/core/signing')>();
  return { ...real, verifySignature: vi.fn(real.verifySignature) };
});
const verify = vi.mocked(signing.verifySignature);

/** A crisis's row cache as stored, by id. */
async function cached(db: VigieDatabase, crisisId: string) {
  const rows = await db.rows.where('[crisisId+createdAt]').between([crisisId, -Infinity], [crisisId, Infinity]).toArray();
  return new Map(rows.map((r) => [r.id, r.row]));
}

/** The sighting's entries as the journal holds them, parsed and ordered: the history as it was kept in memory before. */
async function eagerEntries(db: VigieDatabase, crisisId: string, id: string): Promise<Entry<SightingBody>[]> {
  const rows = await db.journal.where('crisisId').equals(crisisId).toArray();
  return rows
    .map((r) => ({ id: r.id, body: JSON.parse(r.d) }))
    .filter((e): e is Entry<SightingBody> => (e.body.k === 'c' || e.body.k === 'e') && e.body.s === id)
    .sort(compareEntries);
}

afterEach(() => verify.mockClear());

describe('cache des lignes', () => {
  it('est écrit après une création en nombre (les plus récentes), tenu à jour par une modification, et relu tel quel', async () => {
    const db = freshDb();
    const crisis = await crisisIn(db);
    const store = await CrisisStore.open(db, crisis, alice);
    const ids = await store.createMany(Array.from({ length: 2100 }, (_, i) => ({ text: `Ligne ${i}` })));
    await store.update(ids[2090]!, { priority: 'P1', status: 'confirme' });
    await store.close();
    const rows = await cached(db, crisis.id);
    const floor = newestFloor(store.rows, KEPT);
    expect(rows.size).toBe([...store.rows.values()].filter((r) => r.createdAt >= floor).length);
    expect(rows.size).toBeGreaterThanOrEqual(KEPT);
    expect(rows.get(ids[2090]!)).toMatchObject({ priority: 'P1', status: 'confirme' });
    for (const [id, row] of rows) expect(row).toEqual(store.get(id));
  }, 30_000);

  it('est écrit pour ce qu’une copie reçoit d’un pair', async () => {
    const { a, b, dbB, crisis } = await twoCopies();
    const ids = await a.createMany(Array.from({ length: 300 }, (_, i) => ({ text: `Reçue ${i}` })));
    await a.update(ids[0]!, { placeText: 'Moissac' });
    await syncDocs(a, b);
    await b.close();
    const rows = await cached(dbB, crisis.id);
    expect(rows.size).toBe(300);
    expect(rows.get(ids[0]!)).toMatchObject({ text: 'Reçue 0', placeText: 'Moissac' });
    await a.close();
  });
});

describe('historique lu à la demande', () => {
  it('rend les mêmes entrées et les mêmes lignes d’historique que le registre, dans l’ordre, y compris ce qui arrive d’un pair', async () => {
    const { a, b, dbB, crisis } = await twoCopies();
    const s = await a.create({ text: 'Digue fissurée' });
    await a.update(s.id, { priority: 'P1' });
    await syncDocs(a, b);
    // Two copies edit at once; b receives a's edits after its own.
    await Promise.all([a.update(s.id, { status: 'en_verification' }), b.update(s.id, { verificationNotes: 'appel CTA' })]);
    await b.update(s.id, { placeText: 'Moissac' });
    await syncDocs(a, b);
    const lazy = await b.entries(s.id);
    const eager = await eagerEntries(dbB, crisis.id, s.id);
    expect(lazy).toEqual(eager);
    expect(historyLines(lazy)).toEqual(historyLines(eager));
    expect(lazy).toHaveLength(5);
    expect(await a.entries(s.id)).toEqual(lazy);
    await Promise.all([a.close(), b.close()]);
  });

  it('montre une entrée reçue dès qu’elle est appliquée, avant la fin de son écriture dans le registre', async () => {
    const { a, b, dbB } = await twoCopies();
    const s = await a.create({ text: 'Pont fermé' });
    await a.update(s.id, { priority: 'P1' });
    let release!: () => void;
    const slow = { promise: new Promise<void>((r) => (release = r)), resolve: () => release() };
    const real = dbB.journal.bulkAdd.bind(dbB.journal);
    const add = vi.spyOn(dbB.journal, 'bulkAdd').mockImplementation(((rows: never, options: never) => slow.promise.then(() => real(rows, options))) as never);
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc, Y.encodeStateVector(b.doc)), 'test-peer');
    await vi.waitFor(() => expect(b.get(s.id)?.priority).toBe('P1'));
    expect((await b.entries(s.id)).map((e) => e.body.k)).toEqual(['c', 'e']);
    slow.resolve();
    await b.settled();
    add.mockRestore();
    expect(await b.entries(s.id)).toEqual(await a.entries(s.id));
    await Promise.all([a.close(), b.close()]);
  });
});

describe('ouverture à froid', () => {
  it('ne vérifie aucune signature de ce que le disque tient déjà (registre et document d’échange)', async () => {
    const { a, b, dbB, crisis } = await twoCopies();
    await a.createMany(Array.from({ length: 50 }, (_, i) => ({ text: `Ligne ${i}` })));
    await syncDocs(a, b);
    await b.close();
    verify.mockClear();
    const again = await CrisisStore.open(reopened(dbB), crisis, b.me, Date.now, { progressive: true });
    await again.loaded;
    await again.docReady;
    await again.settled();
    expect(again.rows.size).toBe(50);
    expect(again.doc.getArray('log').length).toBe(b.doc.getArray('log').length);
    expect(verify).not.toHaveBeenCalled();
    // Sanity: what arrives from a peer is still verified.
    await a.create({ text: 'nouvelle' });
    await syncDocs(a, again);
    expect(verify).toHaveBeenCalled();
    await Promise.all([a.close(), again.close()]);
  });
});
