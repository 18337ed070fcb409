// Writes a persisted workspace straight into the app's IndexedDB, as if a copy had captured it:
// a Yjs update holding N creation entries, built in Node with the real Yjs.
import * as Y from 'yjs';
import type { Page } from '@playwright/test';
import { startCrisis } from './fixtures';

const CATS = ['secours', 'routes', 'reseaux', 'alea', 'degats', 'solidarite', 'rumeur'];
const PLACES = ['Moissac', 'Montauban', 'Castelsarrasin', 'Caussade', 'Valence', 'Beaumont-de-Lomagne'];

export function workspaceUpdate(n: number, actor = 'seed-actor', located = false): Uint8Array {
  const doc = new Y.Doc();
  const entries = Array.from({ length: n }, (_, i) => ({
    s: `seed${String(i).padStart(6, '0')}`,
    t: 1_700_000_000_000 + i * 1000,
    a: actor,
    k: 'c',
    f: {
      text: `Remontée n° ${i} : eau dans les rues, secteur ${PLACES[i % PLACES.length]}`,
      priority: `P${1 + (i % 4)}`,
      category: CATS[i % CATS.length],
      placeText: PLACES[i % PLACES.length],
      url: `https://x.com/veilleur${i % 50}/status/${1_000_000 + i}`,
      platform: 'x',
      // A grid around Montauban, 0.01° apart, when asked.
      ...(located ? { lat: 44.0 + (i % 30) * 0.01, lon: 1.3 + Math.floor(i / 30) * 0.01, precision: 'exacte' } : {}),
    },
  }));
  doc.transact(() => doc.getArray('log').push(entries));
  doc.getMap('members').set(actor, { name: 'Import de test', organisation: 'VISOV', role: 'veilleur' });
  return Y.encodeStateAsUpdate(doc);
}

/** Adds the update to the first crisis of the app's database (the page must be on the app). */
export async function seedCrisis(page: Page, update: Uint8Array): Promise<void> {
  const b64 = Buffer.from(update).toString('base64');
  await page.evaluate(async (data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const db: IDBDatabase = await new Promise((ok, ko) => {
      const r = indexedDB.open('vigie');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const tx = db.transaction(['crises', 'updates'], 'readwrite', { durability: 'strict' });
    const crisisId: string = await new Promise((ok) => {
      const r = tx.objectStore('crises').getAllKeys();
      r.onsuccess = () => ok(r.result[0] as string);
    });
    tx.objectStore('updates').add({ crisisId, update: bytes });
    await new Promise((ok, ko) => {
      tx.oncomplete = ok;
      tx.onerror = () => ko(tx.error);
    });
    db.close();
  }, b64);
}

/** A new crisis "Crue du Tarn" holding the given update, opened from the list after a reload. */
export async function openSeededCrisis(page: Page, update: Uint8Array): Promise<void> {
  await startCrisis(page);
  await page.getByRole('button', { name: 'Changer de crise' }).click();
  await seedCrisis(page, update);
  await page.reload();
  await page.getByRole('button', { name: 'Ouvrir Crue du Tarn' }).click();
}
