// Closing's aftermath, end to end in Chromium: on a closed crisis a coordinator exports the archive
// (one zip, a download), read back here with fflate: every file with the manifest's checksum, the
// seeded sightings in the CSV, hostile text escaped in the report, and the archive listed in the
// crisis's export history.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { openSeededCrisis } from './seed';

const HOSTILE = '<img src=x onerror="window.__xss=1">Digue rompue';

test('archive of a closed crisis: one zip, manifest checksums, escaped report, listed in the history', async ({ page }) => {
  await openSeededCrisis(page, { n: 5, located: true, fields: (i) => (i === 0 ? { text: HOSTILE } : { authorHandle: `@auteur_${i}` }) });
  await expect(page.getByRole('button', { name: 'Exporter l’archive' })).toHaveCount(0); // not before closing
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Clore la crise' }).click();
  await expect(page.getByText('Crise close par Alice Martin')).toBeVisible();

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter l’archive' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^crue-du-tarn-archive-\d{8}-\d{4}\.zip$/);
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  await expect(page.getByText(/Archive enregistrée \(7 fichiers, 5 remontées\)/)).toBeVisible();

  const bytes = await readFile(path);
  const files = unzipSync(new Uint8Array(bytes));
  const folder = download.suggestedFilename().replace(/\.zip$/, '');
  const manifest = JSON.parse(strFromU8(files[`${folder}/manifest.json`]!)) as { files: { path: string; sha256: string; bytes: number }[]; counts: { sightings: number } };
  expect(manifest.files.map((f) => f.path).sort()).toEqual(['exports.csv', 'historique.jsonl', 'index.html', 'main-courante.csv', 'remontees.csv', 'remontees.geojson']);
  for (const f of manifest.files) {
    const file = files[`${folder}/${f.path}`]!;
    expect(createHash('sha256').update(file).digest('hex'), f.path).toBe(f.sha256);
    expect(file.byteLength).toBe(f.bytes);
  }
  expect(manifest.counts.sightings).toBe(5);
  const csv = strFromU8(files[`${folder}/remontees.csv`]!);
  for (let i = 1; i < 5; i++) expect(csv).toContain(`'@auteur_${i}`);
  const html = strFromU8(files[`${folder}/index.html`]!);
  expect(html).not.toContain('<img');
  expect(html).toContain('&#60;img src=x');

  // Listed with its SHA-256 in the crisis's export history.
  await page.getByRole('button', { name: 'Exporter', exact: true }).click();
  await page.getByRole('menuitem', { name: /Historique des exports \(1\)/ }).click();
  await expect(page.getByRole('dialog', { name: 'Historique des exports' })).toContainText(createHash('sha256').update(bytes).digest('hex'));
});
