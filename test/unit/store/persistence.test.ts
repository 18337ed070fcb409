import { describe, expect, it, vi } from 'vitest';
import { CrisisStore, SightingValidationError } from '../../../src-renderer/store/crisis-store';
import { VigieDatabase } from '../../../src-renderer/store/database';
import * as Y from 'yjs';
import { CHUNK_BYTES, DocPersistence } from '../../../src-renderer/store/persistence';
import { alice, bob, crisisIn, freshDb, reopened } from './helpers';

describe('enregistrement local', () => {
  it('retrouve les remontées et leur historique après une réouverture', async () => {
    const db = freshDb();
    const crisis = await crisisIn(db);
    const first = await CrisisStore.open(db, crisis, alice);
    const s = await first.create({ url: 'https://x.com/VigiCrues/status/1', text: 'Le Tarn monte', category: 'alea' });
    await first.update(s.id, { priority: 'P1' });
    // No close(): as after a crash, only what was acknowledged counts.
    const again = await CrisisStore.open(reopened(db), crisis, bob);
    expect(again.get(s.id)).toMatchObject({ text: 'Le Tarn monte', priority: 'P1', platform: 'x', authorHandle: '@VigiCrues', createdBy: first.me.id });
    expect(await again.entries(s.id)).toHaveLength(2);
  });

  it('ouvre chaque transaction en durabilité stricte', async () => {
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const db = freshDb();
    const crisis = await crisisIn(db);
    const store = await CrisisStore.open(db, crisis, alice);
    await store.create({ text: 'x' });
    const rw = spy.mock.calls.filter((c) => c[1] === 'readwrite');
    expect(rw.length).toBeGreaterThan(0);
    for (const call of rw) expect(call[2]).toEqual({ durability: 'strict' });
    spy.mockRestore();
  });

  it('compacte le document d’échange en rangées bornées, sans rien perdre', async () => {
    const db = freshDb();
    const crisis = await crisisIn(db);
    const store = await CrisisStore.open(db, crisis, alice);
    const s = await store.create({ text: 'départ' });
    await store.docReady;
    for (let i = 0; i < 450; i++) await store.update(s.id, { verificationNotes: `note ${i}` });
    await store.settled();
    // 450 writes; small neighbours were merged (every 200 writes): far fewer rows than writes.
    const rows = () => db.updates.where('crisisId').equals(crisis.id).toArray();
    expect((await rows()).length).toBeLessThan(60);
    // Big edits: rows are merged up to about 1 MiB, never into one big row.
    for (let i = 0; i < 400; i++) await store.update(s.id, { verificationNotes: `${i} ${'x'.repeat(8000)}` });
    await store.settled();
    const after = await rows();
    expect(after.length).toBeGreaterThan(1);
    for (const r of after) expect(r.update.byteLength).toBeLessThan(CHUNK_BYTES + 20_000);
    const again = await CrisisStore.open(reopened(db), crisis, alice);
    await again.docReady;
    expect(again.get(s.id)?.verificationNotes).toBe(`399 ${'x'.repeat(8000)}`);
    expect(await again.entries(s.id)).toHaveLength(851);
    expect(again.doc.getArray('log').length).toBe(store.doc.getArray('log').length);
  });

  it('garde sur le disque l’ordre des mises à jour : chaque rangée s’applique sans attendre une suivante', async () => {
    // A row too big to merge with its neighbours stays where it is while the small rows before it are
    // merged: the merged row must keep their place, or the big one waits for it at every open (and
    // Yjs merges everything that waits again at each row: minutes at 100,000 sightings with history).
    const db = freshDb();
    const doc = new Y.Doc({ gc: false });
    const persistence = new DocPersistence(db, 'ordre', doc);
    await persistence.load();
    const log = doc.getArray<string>('log');
    for (let i = 0; i < 150; i++) log.push([`petite ${i} ${'-'.repeat(100)}`]);
    log.push(['x'.repeat(CHUNK_BYTES)]);
    for (let i = 0; i < 60; i++) log.push([`après ${i}`]);
    await persistence.settled();
    expect(persistence.shape.rows).toBeLessThan(20);
    const stored = await reopened(db).updates.where('crisisId').equals('ordre').sortBy('seq');
    const fresh = new Y.Doc({ gc: false });
    for (const row of stored) {
      Y.applyUpdate(fresh, row.update);
      expect(fresh.store.pendingStructs).toBeNull();
    }
    expect(fresh.getArray('log').toArray()).toEqual(log.toArray());
  });

  it('écrit ce qui arrive pendant une écriture dans la suivante, en une transaction bornée, dans l’ordre', async () => {
    // A newcomer receives a crisis in hundreds of messages: one disk commit per message left it minutes
    // behind, with every message waiting in memory.
    const db = freshDb();
    const doc = new Y.Doc({ gc: false });
    const persistence = new DocPersistence(db, 'lots', doc);
    await persistence.load();
    const write = db.updates.bulkAdd.bind(db.updates) as (rows: never, options: never) => Promise<unknown>;
    const batches: number[] = [];
    const slow = vi.spyOn(db.updates, 'bulkAdd').mockImplementation(((rows: unknown[], options: never) => {
      batches.push(rows.length);
      return new Promise((r) => setTimeout(r, 50)).then(() => write(rows as never, options));
    }) as never);
    const log = doc.getArray<string>('log');
    // 200 messages of 20 kB, one per task: 4 MB, so at least 4 transactions of at most CHUNK_BYTES.
    for (let i = 0; i < 200; i++) {
      log.push([`${i} ${'x'.repeat(20_000)}`]);
      await new Promise((r) => setTimeout(r, 1));
    }
    await persistence.flushed();
    slow.mockRestore();
    expect(batches.reduce((a, b) => a + b, 0)).toBe(200);
    expect(batches.length).toBeLessThan(40);
    expect(Math.max(...batches)).toBeLessThanOrEqual(Math.floor(CHUNK_BYTES / 20_000));
    const stored = await reopened(db).updates.where('crisisId').equals('lots').sortBy('seq');
    const fresh = new Y.Doc({ gc: false });
    for (const row of stored) {
      Y.applyUpdate(fresh, row.update);
      expect(fresh.store.pendingStructs).toBeNull(); // in order
    }
    expect(fresh.getArray('log').toArray()).toEqual(log.toArray());
    await persistence.close();
  });

  it('remet dans l’ordre un document enregistré dans le désordre, sans que Yjs n’attende rangée après rangée', async () => {
    // As an earlier version could leave it: 60 updates stored newest first.
    const source = new Y.Doc({ gc: false });
    const updates: Uint8Array[] = [];
    source.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 60; i++) source.getArray<string>('log').push([`entrée ${i}`]);
    const db = freshDb();
    for (const update of [...updates].reverse()) await db.updates.add({ crisisId: 'désordre', update });
    const load = async (d: VigieDatabase) => {
      const doc = new Y.Doc({ gc: false });
      // The size of what Yjs keeps waiting (merged again at every following row).
      let waiting = 0;
      doc.on('afterTransaction', () => (waiting = Math.max(waiting, doc.store.pendingStructs?.update.byteLength ?? 0)));
      const persistence = new DocPersistence(d, 'désordre', doc);
      await persistence.load();
      await persistence.settled();
      expect(doc.getArray('log').toArray()).toEqual(source.getArray('log').toArray());
      return waiting;
    };
    // Only the first row waits inside Yjs (until the oldest arrives); the others wait aside.
    expect(await load(db)).toBeLessThanOrEqual(2 * Math.max(...updates.map((u) => u.byteLength)));
    // Then put back in order on disk: the next open applies every row at once.
    expect(await load(reopened(db))).toBe(0);
  });

  it('archive au lieu de supprimer, et l’annulation rend le statut d’avant', async () => {
    const db = freshDb();
    const store = await CrisisStore.open(db, await crisisIn(db), alice);
    const s = await store.create({ text: 'x' });
    await store.update(s.id, { status: 'confirme' });
    const previous = await store.archive(s.id);
    expect(store.get(s.id)?.status).toBe('archive');
    await store.update(s.id, { status: previous });
    expect(store.get(s.id)?.status).toBe('confirme');
  });

  it('refuse une saisie invalide ou un passage de statut impossible, sans rien écrire', async () => {
    const db = freshDb();
    const crisis = await crisisIn(db);
    const store = await CrisisStore.open(db, crisis, alice);
    const s = await store.create({ text: 'x' });
    const before = await db.journal.count();
    await expect(store.create({ url: 'javascript:alert(1)' })).rejects.toThrow(/lien invalide/);
    await expect(store.update(s.id, { status: 'traite' })).rejects.toThrow('passage impossible de « Nouveau » à « Traité »');
    await expect(store.createMany([{ text: 'ok' }, { priority: 'P7' as never }])).rejects.toBeInstanceOf(SightingValidationError);
    await expect(store.createMany([{ text: 'ok' }, { lat: 1 }])).rejects.toThrow(/ligne 2/);
    expect(await db.journal.count()).toBe(before);
    expect(store.rows.size).toBe(1);
  });
});

describe('échec d’écriture', () => {
  it('le signale sans le taire et ne laisse rien à moitié : ni affiché, ni partagé, ni écrit', async () => {
    const db = freshDb();
    const crisis = await crisisIn(db);
    const store = await CrisisStore.open(db, crisis, alice);
    await store.docReady;
    const logBefore = store.doc.getArray('log').length;
    const add = vi.spyOn(db.journal, 'bulkAdd').mockRejectedValueOnce(new Error('QuotaExceededError'));
    await expect(store.create({ text: 'pendant la panne' })).rejects.toThrow("Échec de l'enregistrement sur le disque : QuotaExceededError");
    expect([...store.rows.values()].map((r) => r.text)).toEqual([]);
    expect(store.doc.getArray('log').length).toBe(logBefore);
    add.mockRestore();
    const s = await store.create({ text: 'après la panne' });
    const again = await CrisisStore.open(reopened(db), crisis, alice);
    expect([...again.rows.values()].map((r) => r.text)).toEqual(['après la panne']);
    expect(again.get(s.id)).toBeDefined();
  });

  it('un import de 6 000 remontées s’écrit tout entier ou pas du tout', async () => {
    const db = freshDb();
    const crisis = await crisisIn(db);
    const store = await CrisisStore.open(db, crisis, alice);
    const inputs = Array.from({ length: 6000 }, (_, i) => ({ text: `Ligne ${i}` }));
    const journalled = () => db.journal.where('crisisId').equals(crisis.id).count();
    const before = await journalled();
    // The journal's third slice fails: the whole transaction is undone.
    const real = db.journal.bulkAdd.bind(db.journal);
    let calls = 0;
    const add = vi.spyOn(db.journal, 'bulkAdd').mockImplementation(((rows: never, options: never) => (++calls === 3 ? Promise.reject(new Error('QuotaExceededError')) : real(rows, options))) as never);
    await expect(store.createMany(inputs)).rejects.toThrow(/QuotaExceededError/);
    add.mockRestore();
    expect(store.rows.size).toBe(0);
    expect(await journalled()).toBe(before);
    const progress: number[] = [];
    await store.createMany(inputs, { onProgress: (done) => progress.push(done) });
    expect(store.rows.size).toBe(6000);
    expect(progress.at(-1)).toBe(6000);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
  });
});
