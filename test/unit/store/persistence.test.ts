import { describe, expect, it, vi } from 'vitest';
import { CrisisStore, SightingValidationError } from '../../../src-renderer/store/crisis-store';
import { VigieDatabase } from '../../../src-renderer/store/database';
import { alice, bob, crisisIn, freshDb } from './helpers';

describe('enregistrement local', () => {
  it('retrouve les remontées et leur historique après une réouverture', async () => {
    const db = freshDb();
    const crisis = await crisisIn(db);
    const first = await CrisisStore.open(db, crisis, alice);
    const s = await first.create({ url: 'https://x.com/VigiCrues/status/1', text: 'Le Tarn monte', category: 'alea' });
    await first.update(s.id, { priority: 'P1' });
    // No close(): as after a crash, only what was acknowledged counts.
    const again = await CrisisStore.open(new VigieDatabase(db.name), crisis, bob);
    expect(again.get(s.id)).toMatchObject({ text: 'Le Tarn monte', priority: 'P1', platform: 'x', authorHandle: '@VigiCrues', createdBy: 'alice' });
    expect(again.entries(s.id)).toHaveLength(2);
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

  it('compacte le journal sans rien perdre', async () => {
    const db = freshDb();
    const crisis = await crisisIn(db);
    const store = await CrisisStore.open(db, crisis, alice);
    const s = await store.create({ text: 'départ' });
    for (let i = 0; i < 520; i++) await store.update(s.id, { verificationNotes: `note ${i}` });
    const stored = await db.updates.where('crisisId').equals(crisis.id).count();
    expect(stored).toBeLessThan(100);
    const again = await CrisisStore.open(new VigieDatabase(db.name), crisis, alice);
    expect(again.get(s.id)?.verificationNotes).toBe('note 519');
    expect(again.entries(s.id)).toHaveLength(521);
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
    const before = await db.updates.count();
    await expect(store.create({ url: 'javascript:alert(1)' })).rejects.toThrow(/lien invalide/);
    await expect(store.update(s.id, { status: 'traite' })).rejects.toThrow('passage impossible de « Nouveau » à « Traité »');
    await expect(store.createMany([{ text: 'ok' }, { priority: 'P7' as never }])).rejects.toBeInstanceOf(SightingValidationError);
    await expect(store.createMany([{ text: 'ok' }, { lat: 1 }])).rejects.toThrow(/ligne 2/);
    expect(await db.updates.count()).toBe(before);
    expect(store.rows.size).toBe(1);
  });
});
