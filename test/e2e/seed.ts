// Writes a persisted crisis straight into the app's IndexedDB, as if this copy had received it from
// its peers: a crisis created by another member (a key made here, in Node), which admitted this
// copy's user as coordinator, holding N signed sightings; in the journal (verified) and in the
// exchange document, built with the real Yjs.
import * as Y from 'yjs';
import type { Page } from '@playwright/test';
import { newCrisisKey, newId } from '../../src-renderer/core/ids';
import { entryId, newSigningKeys, signerFrom } from '../../src-renderer/core/signing';
import { startCrisis } from './fixtures';

// As docs/sync.md §1 says (core/records.ts pulls JSON data Playwright's loader refuses).
const signedText = (crisisId: string, d: string) => `${crisisId}\n${d}`;
type Envelope = { d: string; g: string };

const CATS = ['secours', 'routes', 'reseaux', 'alea', 'degats', 'solidarite', 'rumeur'];
const PLACES = ['Moissac', 'Montauban', 'Castelsarrasin', 'Caussade', 'Valence', 'Beaumont-de-Lomagne'];

export interface SeedOptions {
  n: number;
  located?: boolean;
  name?: string;
  /** More fields for sighting i (public side, notes, handles…), merged over the defaults. */
  fields?: (i: number) => Record<string, unknown>;
}

function sightingFields(i: number, located: boolean) {
  return {
    text: `Remontée n° ${i} : eau dans les rues, secteur ${PLACES[i % PLACES.length]}`,
    priority: `P${1 + (i % 4)}`,
    category: CATS[i % CATS.length],
    placeText: PLACES[i % PLACES.length],
    url: `https://x.com/veilleur${i % 50}/status/${1_000_000 + i}`,
    platform: 'x',
    // A grid around Montauban, 0.01° apart, when asked.
    ...(located ? { lat: 44.0 + (i % 30) * 0.01, lon: 1.3 + Math.floor(i / 30) * 0.01, precision: 'exacte' } : {}),
  };
}

/** The signed entries of a crisis made by a member "Import de test" who admits `memberId`. */
export async function seededCrisis(memberId: string, { n, located = false, name = 'Crue du Tarn', fields }: SeedOptions) {
  const signer = await signerFrom(await newSigningKeys());
  const t0 = 1_763_884_800_000; // 2025-11-23
  const genesis = { k: 'x', a: signer.id, t: t0, n: newId(), name, departement: '82', hazard: 'inondation', startedAt: '2026-11-23T08:00:00.000Z' };
  const gd = JSON.stringify(genesis);
  const crisisId = await entryId(gd);
  const rows: (Envelope & { id: string })[] = [{ id: crisisId, d: gd, g: await signer.sign(signedText(crisisId, gd)) }];
  const bodies: Record<string, unknown>[] = [
    { k: 'm', m: signer.id, role: 'coordinateur' },
    { k: 'p', name: 'Import de test', organisation: 'VISOV' },
    { k: 'm', m: memberId, role: 'coordinateur' },
    ...Array.from({ length: n }, (_, i) => ({ k: 'c', s: `seed${String(i).padStart(6, '0')}`, f: { ...sightingFields(i, located), ...fields?.(i) } })),
  ];
  for (let i = 0; i < bodies.length; i += 2000) {
    const batch = await Promise.all(
      bodies.slice(i, i + 2000).map(async (b, j) => {
        const d = JSON.stringify({ ...b, a: signer.id, t: t0 + 1000 * (i + j + 1) });
        return { id: await entryId(d), d, g: await signer.sign(signedText(crisisId, d)) };
      }),
    );
    rows.push(...batch);
  }
  const doc = new Y.Doc({ gc: false });
  doc.transact(() => doc.getArray('log').push(rows.map(({ d, g }) => ({ d, g }))));
  const crisis = { id: crisisId, name, departement: '82', hazard: 'inondation', startedAt: genesis.startedAt, key: newCrisisKey(), createdAt: t0, lastOpenedAt: Date.now(), seed: [rows[0]!].map(({ d, g }) => ({ d, g })), epoch: 0 };
  return { crisis, rows, update: Y.encodeStateAsUpdate(doc) };
}

/** Stores a seeded crisis in the app's database (the page must be on the app, its user known). */
export async function seedCrisis(page: Page, options: SeedOptions): Promise<void> {
  const memberId = await page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((ok, ko) => {
      const r = indexedDB.open('vigie');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error);
    });
    const id: string = await new Promise((ok) => {
      const r = db.transaction('settings').objectStore('settings').get('identity');
      r.onsuccess = () => ok(r.result.value.id);
    });
    db.close();
    return id;
  });
  const { crisis, rows, update } = await seededCrisis(memberId, options);
  await page.evaluate(
    async ([crisis, rows, b64]) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const db: IDBDatabase = await new Promise((ok, ko) => {
        const r = indexedDB.open('vigie');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      const tx = db.transaction(['crises', 'updates', 'journal'], 'readwrite', { durability: 'strict' });
      tx.objectStore('crises').put(crisis);
      tx.objectStore('updates').add({ crisisId: (crisis as { id: string }).id, update: bytes });
      for (const r of rows as { id: string; d: string; g: string }[]) tx.objectStore('journal').add({ crisisId: (crisis as { id: string }).id, ...r });
      await new Promise((ok, ko) => {
        tx.oncomplete = ok;
        tx.onerror = () => ko(tx.error);
      });
      db.close();
    },
    [crisis, rows, Buffer.from(update).toString('base64')] as const,
  );
}

/** A crisis "Crue du Tarn" holding N signed sightings, opened from the list after a reload. */
export async function openSeededCrisis(page: Page, options: SeedOptions): Promise<void> {
  await startCrisis(page, 'Exercice');
  await page.getByRole('button', { name: 'Changer de crise' }).click();
  await seedCrisis(page, options);
  await page.reload();
  await page.getByRole('button', { name: `Ouvrir ${options.name ?? 'Crue du Tarn'}` }).click();
}
