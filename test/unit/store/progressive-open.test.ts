import { describe, expect, it, vi } from 'vitest';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { VigieDatabase } from '../../../src-renderer/store/database';
import { Journal } from '../../../src-renderer/store/journal';
import { KEPT, newestFloor } from '../../../src-renderer/store/row-cache';
import { alice, crisisIn, freshDb, reopened } from './helpers';

describe('ouverture progressive', () => {
  it('montre d’abord les plus récentes des lignes en cache, puis tout le registre, sans rien perdre', async () => {
    const db = freshDb();
    const crisis = await crisisIn(db);
    const first = await CrisisStore.open(db, crisis, alice);
    await first.createMany(Array.from({ length: 450 }, (_, i) => ({ text: `Remontée ${i}` })));
    const last = await first.create({ text: 'La plus récente' });
    await first.update(last.id, { priority: 'P1' });
    await first.close();

    const again = await CrisisStore.open(reopened(db), crisis, alice, Date.now, { progressive: true });
    expect(again.loading).toBe(true);
    // The first paint: the newest rows, as they were last materialised.
    expect(again.rows.size).toBe(200);
    expect(again.get(last.id)).toMatchObject({ text: 'La plus récente', priority: 'P1' });
    // A command given now waits for the record, then applies.
    const edit = again.update(last.id, { placeText: 'Moissac' });
    await again.loaded;
    await edit;
    expect(again.loading).toBe(false);
    expect(again.rows.size).toBe(451);
    expect(await again.entries(last.id)).toHaveLength(3);
    expect(again.get(last.id)).toMatchObject({ priority: 'P1', placeText: 'Moissac' });
    await again.close();
  });

  it('sans cache (première ouverture après un import, une copie), peint d’abord ce que la fin du registre tient entier, puis écrit le cache', async () => {
    const db = freshDb();
    const crisis = await crisisIn(db);
    const first = await CrisisStore.open(db, crisis, alice);
    // More entries than the tail read at once: older sightings are not in it.
    await first.createMany(Array.from({ length: 2300 }, (_, i) => ({ text: `Remontée ${i}` })));
    const last = await first.create({ text: 'La plus récente' });
    await first.update(last.id, { priority: 'P1', status: 'confirme' });
    await first.close();
    await db.rows.clear();
    const again = await CrisisStore.open(reopened(db), crisis, alice, Date.now, { progressive: true });
    expect(again.loading).toBe(true);
    expect(again.rows.size).toBe(200);
    expect(again.get(last.id)).toMatchObject({ text: 'La plus récente', priority: 'P1', status: 'confirme' });
    const preview = new Map(again.rows);
    await again.loaded;
    expect(again.rows.size).toBe(2301);
    // What was painted first is what the whole record says.
    for (const [id, row] of preview) expect(again.get(id)).toEqual(row);
    await again.close();
    // The cache written again: the newest rows (KEPT, and any tied with the last of them).
    const floor = newestFloor(again.rows, KEPT);
    expect(await db.rows.count()).toBe([...again.rows.values()].filter((r) => r.createdAt >= floor).length);
    expect(await db.rows.count()).toBeGreaterThanOrEqual(KEPT);
  }, 30_000);

  it('sans cache et sans création dans la fin du registre (tout l’historique après les créations), les lignes changent d’identité une fois le registre lu', async () => {
    // The table's view of them is then built in slices (ui/sightings/hooks.ts), not patched with
    // every row as new in one task.
    const db = freshDb();
    const crisis = await crisisIn(db);
    const first = await CrisisStore.open(db, crisis, alice);
    await first.createMany(Array.from({ length: 30 }, (_, i) => ({ text: `Remontée ${i}` })));
    await first.close();
    await db.rows.clear();
    const tail = vi.spyOn(Journal.prototype, 'tail').mockResolvedValue([]);
    try {
      const again = await CrisisStore.open(reopened(db), crisis, alice, Date.now, { progressive: true });
      const painted = again.rows;
      expect(painted.size).toBe(0);
      await again.loaded;
      expect(again.rows).not.toBe(painted);
      expect(again.rows.size).toBe(30);
      expect(painted.size).toBe(0);
      await again.close();
    } finally {
      tail.mockRestore();
    }
  });
});
