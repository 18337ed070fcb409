// The purge of personal data, end to end as the issue asks: a crisis whose sightings hold unique
// personal values (typed in as a volunteer would), synced through a relay that keeps its documents on
// disk (--data), in a Chromium with a persistent profile. The values are first FOUND (relay folder,
// sync package) and the at-rest key that seals them in the profile is found there, so the searches
// can fail; then the coordinator closes and purges, and after the browser is closed, none of them
// is found in any file of the profile (LevelDB's tables included), of the relay's folder, nor in a
// sync package made after the purge (decrypted here from docs/sync.md §7 alone), and the old at-rest
// key is found nowhere: whatever bytes LevelDB still keeps are sealed with a destroyed key.
import { createDecipheriv, hkdfSync } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { startRelayServer } from '../../src-main/services/relay-server';
import { expect, test } from './fixtures';
import { seedCrisis } from './seed';
import { invitationLink, rowOf, setAddresses, startCrisis } from './sync-helpers';

const HANDLE = '@purge_handle_8431';
const NOTE = 'note-privee-5521';
const MEDIA = 'https://media.example.org/purge-media-3318.jpg';
const TEXT = 'texte-citoyen-7712 : ma voisine Mme Purgetest est coincée';
const SECRETS = [HANDLE.slice(1), NOTE, 'purge-media-3318', 'texte-citoyen-7712', 'Purgetest'];

/** Every file under `dir`, as bytes. */
async function files(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path, bytes: await readFile(path).catch(() => Buffer.alloc(0)) });
  }
  return out;
}

/** Where each secret is found (one-byte and two-byte encodings, as V8 and LevelDB keep strings). */
function findings(all: { path: string; bytes: Buffer }[], secrets = SECRETS): string[] {
  const found: string[] = [];
  for (const s of secrets)
    for (const f of all) if (f.bytes.includes(Buffer.from(s, 'latin1')) || f.bytes.includes(Buffer.from(s, 'utf16le'))) found.push(`${s} dans ${f.path}`);
  return found;
}

/** Every value of every object store of every IndexedDB database of the page's origin, as text. */
async function everyStore(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [];
    const text = (v: unknown) => JSON.stringify(v, (_k, x) => (x instanceof Uint8Array ? String.fromCharCode(...x) : x));
    for (const { name } of await indexedDB.databases()) {
      const db: IDBDatabase = await new Promise((ok, ko) => {
        const r = indexedDB.open(name!);
        r.onsuccess = () => ok(r.result);
        r.onerror = () => ko(r.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const values: unknown[] = await new Promise((ok) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => ok(r.result);
        });
        for (const v of values) out.push(text(v));
      }
      db.close();
    }
    return out.join('\n');
  });
}

/** The at-rest keys as their files hold them (sealed by the vault), from the origin's file system. */
async function atRestKeys(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('vigie-cles');
    const out: string[] = [];
    for await (const [, handle] of dir as unknown as AsyncIterable<[string, FileSystemFileHandle]>) out.push(await (await handle.getFile()).text());
    return out;
  });
}

/** A sync package's payload, opened with the crisis key as docs/sync.md §7 says. */
function openPack(bytes: Buffer, key: string): Buffer {
  const h = bytes.readUInt32BE(8);
  const header = JSON.parse(bytes.subarray(12, 12 + h).toString('utf8')) as { encoding: string };
  const iv = bytes.subarray(12 + h, 24 + h);
  const body = bytes.subarray(24 + h);
  const aesKey = Buffer.from(hkdfSync('sha256', Buffer.from(key, 'base64url'), Buffer.alloc(0), 'vigie/sync-pack/v1', 32));
  const decipher = createDecipheriv('aes-256-gcm', aesKey, iv);
  decipher.setAAD(bytes.subarray(0, 12 + h));
  decipher.setAuthTag(body.subarray(body.length - 16));
  const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
  return header.encoding === 'gzip' ? gunzipSync(plain) : plain;
}

async function syncPack(page: Page, path: string): Promise<Buffer> {
  await page.getByRole('button', { name: 'Paquet de synchronisation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paquet de synchronisation' });
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Exporter un paquet' }).click()]);
  await download.saveAs(path);
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  return readFile(path);
}

/** The crisis key, read from an invitation (a secret the coordinator can make at any time). */
async function crisisKey(page: Page): Promise<string> {
  const link = await invitationLink(page);
  const payload = link.split('#/join/')[1]!.split('.')[0]!;
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { key: string }).key;
}

test('après une purge, ni le profil, ni le relais, ni un nouveau paquet ne contiennent les données personnelles', async ({ guard }, info) => {
  test.setTimeout(180_000);
  const profile = await mkdtemp(join(tmpdir(), 'vigie-purge-profile-'));
  const relayData = await mkdtemp(join(tmpdir(), 'vigie-purge-relay-'));
  const relay = await startRelayServer({ host: '127.0.0.1', port: 0, dataDir: relayData, log: () => undefined, syncOptions: { storeDebounceMs: 200, storeMaxDebounceMs: 500 } });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    acceptDownloads: true,
  });
  try {
    await context.route('**/*', (route) => (['127.0.0.1', 'localhost'].includes(new URL(route.request().url()).hostname) ? route.continue() : route.abort()));
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => guard.errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && guard.errors.push(m.text()));

    await startCrisis(page, 'Exercice');
    await page.getByRole('button', { name: 'Changer de crise' }).click();
    await seedCrisis(page, { n: 3 });
    await page.reload();
    await page.getByRole('button', { name: 'Ouvrir Crue du Tarn' }).click();
    // The personal values come in as a volunteer types them (the app encrypts what it stores; the
    // seeded rows above were written in clear, as an older version would have).
    const form = page.getByRole('form', { name: 'Saisie rapide' });
    await form.getByLabel('Lien').fill(`https://x.com/${HANDLE.slice(1)}/status/4242`);
    await form.getByLabel('Texte').fill(TEXT);
    await form.getByLabel('Texte').press('Control+Enter');
    await rowOf(page, 'texte-citoyen-7712').dblclick();
    const detail = page.getByRole('complementary', { name: 'Détail de la remontée' });
    await detail.getByLabel('Auteur', { exact: true }).fill(HANDLE);
    await detail.getByLabel('Médias (liens)').fill(MEDIA);
    await detail.getByLabel('Notes de vérification').fill(NOTE);
    await detail.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(detail.getByRole('status')).toHaveText('Modifications enregistrées');
    await detail.getByRole('button', { name: 'Fermer le détail' }).click();
    await setAddresses(page, [], [relay.syncUrl!]);
    await expect(page.getByText('Relais : à jour')).toBeVisible({ timeout: 30_000 });

    // Before: each value is found in the relay's folder and in a sync package, so the searches
    // below can fail; in the profile, every object store holds them only encrypted.
    const keyBefore = await crisisKey(page);
    const before = openPack(await syncPack(page, info.outputPath('avant.vigiesync')), keyBefore);
    expect(findings([{ path: 'paquet', bytes: before }]).length).toBe(SECRETS.length);
    await expect.poll(async () => findings(await files(relayData)).length, { timeout: 20_000 }).toBe(SECRETS.length);
    const storesBefore = await everyStore(page);
    for (const s of SECRETS) expect(storesBefore, s).not.toContain(s);
    expect(storesBefore).toContain('"sealed"');
    // The at-rest key that sealed them: a file of the profile (found there), destroyed by the purge.
    const oldKey = await atRestKeys(page);
    expect(oldKey).toHaveLength(1);
    expect(findings(await files(profile), oldKey).length).toBeGreaterThan(0);

    // Close, then purge: handles, links, media, notes always; every text chosen here.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Clore la crise' }).click();
    await page.getByRole('button', { name: 'Purger les données personnelles…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Purger les données personnelles' });
    await expect(dialog.getByText('Toujours supprimés : pseudonymes des auteurs')).toBeVisible();
    await dialog.getByLabel('Supprimer tous les textes').check();
    await expect(dialog.getByRole('status')).toContainText(/\d+ entrée\(s\) du registre seront réécrites/);
    await expect(dialog.getByRole('button', { name: 'Purger définitivement' })).toBeDisabled();
    await dialog.getByLabel(/J’ai compris/).check();
    await dialog.getByRole('button', { name: 'Purger définitivement' }).click();
    await expect(page.locator('.workspace')).toHaveAttribute('data-epoch', '1', { timeout: 60_000 });
    // 3 seeded sightings, 1 captured and its edit.
    await expect(page.getByText(/Données personnelles purgées par Alice Martin le .* \(5 entrée\(s\) expurgée\(s\)\)/)).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Tableau des remontées' }).getByText('[texte supprimé lors de la purge', { exact: false }).first()).toBeVisible();
    await expect(page.getByText('Relais : à jour')).toBeVisible({ timeout: 30_000 });

    // A sync package made after the purge (new key, new document).
    const after = openPack(await syncPack(page, info.outputPath('apres.vigiesync')), await crisisKey(page));
    expect(findings([{ path: 'paquet', bytes: after }])).toEqual([]);
    expect(after.includes(Buffer.from('Castelsarrasin'))).toBe(true); // the rest is still there (places)
    // Every object store of every database, read through the page.
    const stores = await everyStore(page);
    for (const s of SECRETS) expect(stores, s).not.toContain(s);
    expect(stores).toContain('"sealed"');
    await expect(page.getByRole('region', { name: 'Tableau des remontées' }).getByText('Castelsarrasin').first()).toBeVisible();

    await context.close();
    await relay.close();
    expect(findings(await files(relayData))).toEqual([]);
    // The profile: no file holds a value, not even LevelDB's sorted tables (*.ldb), which may keep
    // deleted values until a compaction reaches them: what they keep is sealed with the old key,
    // and that key is found nowhere any more.
    const profileFiles = await files(profile);
    expect(findings(profileFiles)).toEqual([]);
    expect(findings(profileFiles, oldKey)).toEqual([]);
    expect(profileFiles.some((f) => f.path.includes('indexeddb.leveldb'))).toBe(true);
  } finally {
    await context.close().catch(() => undefined);
    await relay.close().catch(() => undefined);
    if (!process.env.KEEP_PURGE_PROFILE) await rm(profile, { recursive: true, force: true });
    else console.log('profile kept', profile);
    await rm(relayData, { recursive: true, force: true });
  }
});
