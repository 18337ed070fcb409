// "Exporter la carte publique" end to end: seeded sightings with private values and XSS payloads, the
// review "Ce qui sera public" (personal data flagged, one sighting excluded), confirmation, the
// download; then the file opened in Chromium with no network at all: count, titles, nothing private,
// payloads shown as text; and the export listed in the crisis's history with the file's SHA-256.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { openSeededCrisis } from './seed';

const XSS_TITLE = '<img src=x onerror="window.__xss=1">Pont de Moissac fermé';
const XSS_SUMMARY = '<script>window.__xss=2</script>Déviation par Lafrançaise';
const PRIVATE = ['@handle_prive_', 'NOTE-PRIVEE-', 'ASSIGNEE-', 'x.com/veilleur', 'Remontée n°'];

const SEEDED: Record<number, Record<string, unknown>> = {
  0: { status: 'confirme', isPublic: true, category: 'routes', publicTitle: XSS_TITLE, publicSummary: XSS_SUMMARY },
  1: { status: 'dementi', isPublic: true, category: 'rumeur', publicTitle: 'Rumeur : le barrage a cédé', publicSummary: 'La préfecture dément : le barrage tient.' },
  2: { status: 'confirme', isPublic: true, category: 'secours', publicTitle: 'Personnes réfugiées sur un toit', communeInsee: '82112', communeName: 'Moissac', departement: '82' },
  3: { status: 'en_verification', isPublic: true, publicTitle: 'Pas encore vérifiée' },
  4: { status: 'confirme', isPublic: false, publicTitle: 'Jamais publique' },
  5: { status: 'confirme', isPublic: true, category: 'solidarite', publicTitle: 'Hébergement proposé', publicSummary: 'Contactez Marie au 06 12 34 56 78' },
};

test('the public map: review, confirm, one offline file, nothing private, listed in the history', async ({ page, browser }) => {
  await openSeededCrisis(page, {
    n: 6,
    located: true,
    fields: (i) => ({ authorHandle: `@handle_prive_${i}`, verificationNotes: `NOTE-PRIVEE-${i}`, assignee: `ASSIGNEE-${i}`, ...SEEDED[i] }),
  });
  await page.getByRole('button', { name: 'Exporter la carte publique' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ce qui sera public' });
  await expect(dialog.getByText('4 information(s) publique(s), dont 1 avec des données personnelles probables.')).toBeVisible();
  await expect(dialog.getByText('numéro de téléphone : « 06 12 34 56 78 »', { exact: false })).toBeVisible();
  // The payload is shown as text in the app too.
  await expect(dialog.getByLabel('Titre public').first()).toBeVisible();
  await expect(dialog.locator(`input[value="${XSS_TITLE.replace(/"/g, '\\"')}"]`)).toHaveCount(1);
  await dialog.getByRole('listitem', { name: 'Hébergement proposé' }).getByRole('button', { name: 'Exclure' }).click();
  await expect(dialog.getByText('3 information(s) publique(s), dont 0 avec des données personnelles probables.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Exporter (3)' }).click();
  await expect(dialog.getByText('3 information(s) seront écrites dans un fichier public', { exact: false })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Confirmer et enregistrer le fichier' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^carte-publique-crue-du-tarn-\d{8}-\d{4}\.html$/);
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const bytes = await readFile(path);
  const html = bytes.toString('utf8');
  await expect(dialog.getByText('Fichier enregistré et inscrit dans l’historique des exports (3 remontées).')).toBeVisible();

  expect(html).toContain('<title>Carte publique — Crue du Tarn</title>');
  for (const value of PRIVATE) expect(html, value).not.toContain(value);
  for (const title of ['Pas encore vérifiée', 'Jamais publique', 'Hébergement proposé', '06 12 34 56 78']) expect(html).not.toContain(title);
  expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org|leafletjs\.com)[^"'\s]*\.(png|js|css)/);

  // Opened from the disk with no network at all.
  const offline = await browser.newContext({ offline: true });
  const requests: string[] = [];
  const errors: string[] = [];
  await offline.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  const viewer = await offline.newPage();
  viewer.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  viewer.on('pageerror', (e) => errors.push(e.message));
  await viewer.goto(`file://${path}`);
  await expect(viewer).toHaveTitle('Carte publique — Crue du Tarn');
  await expect(viewer.locator('[data-public-count]')).toHaveAttribute('data-public-count', '3');
  expect((await viewer.locator('#list h3').allTextContents()).sort()).toEqual([XSS_TITLE, 'Rumeur : le barrage a cédé', 'Personnes réfugiées sur un toit'].sort());
  await expect(viewer.getByText(XSS_SUMMARY, { exact: false })).toBeVisible();
  await expect(viewer.getByText('Rumeur démentie').first()).toBeVisible();
  await expect(viewer.getByText('Département : 82 Tarn-et-Garonne')).toBeVisible();
  await expect(viewer.getByText(/^Mis à jour le \d\d\/\d\d\/\d{4} à \d\d:\d\d \(heure de Paris\)$/)).toBeVisible();
  await expect(viewer.locator('#map canvas').first()).toBeVisible();
  expect(await viewer.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  // Category filter: unticking "Routes" hides the road closure.
  await viewer.getByLabel('Routes et transports coupés').uncheck();
  await expect(viewer.locator('[data-public-count]')).toHaveAttribute('data-public-count', '2');
  expect(requests).toEqual([]);
  expect(errors).toEqual([]);
  await offline.close();

  // Listed in the crisis's export history, with the SHA-256 of the file.
  await page.getByRole('dialog', { name: 'Ce qui sera public' }).getByRole('button', { name: 'Fermer' }).last().click();
  await page.getByRole('button', { name: 'Exporter', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Historique des exports (1)' }).click();
  const history = page.getByRole('dialog', { name: 'Historique des exports' });
  const row = history.getByRole('row').nth(1);
  await expect(row).toContainText('Alice Martin');
  await expect(row).toContainText('html');
  await expect(row).toContainText('publique');
  await expect(row.getByRole('cell').nth(4)).toHaveText('3');
  await expect(row).toContainText(createHash('sha256').update(bytes).digest('hex'));
});
