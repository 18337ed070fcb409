import { expect, startCrisis, test } from './fixtures';
import { openSeededCrisis } from './seed';
import { capture, rowOf } from './sync-helpers';

test('sans réseau, la carte montre chaque remontée localisée, et un clic ouvre son détail', async ({ page }, info) => {
  await openSeededCrisis(page, { n: 600, located: true });

  const map = page.getByRole('region', { name: 'Carte' }).locator('.leaflet-container');
  await expect(map).toHaveAttribute('data-located', '600', { timeout: 15_000 });
  const drawn = async () => Number(await map.getAttribute('data-points')) + Number(await map.getAttribute('data-clustered'));
  await expect.poll(drawn).toBe(600);
  expect(Number(await map.getAttribute('data-points'))).toBeLessThan(50); // clustered, not 600 markers
  // Cluster counts are drawn on a canvas of their own; the map lists them in data-cluster-labels.
  const labelCounts = async () => ((await map.getAttribute('data-cluster-labels')) ?? '').split(' ').filter(Boolean).map(Number);
  await expect(map.locator('canvas.vigie-label-canvas').first()).toBeVisible();
  // Both attributes are read in the same poll: the layer may redraw between two separate reads.
  const unlabelled = async () =>
    Number(await map.getAttribute('data-clustered')) - (await labelCounts()).reduce((a, b) => a + b, 0);
  await expect.poll(async () => (await labelCounts()).length).toBeGreaterThan(0);
  await expect.poll(unlabelled).toBe(0);
  const pointsFramed = Number(await map.getAttribute('data-points'));
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await expect.poll(async () => Number(await map.getAttribute('data-clustered'))).toBeGreaterThan(pointsFramed > 0 ? 0 : -1);
  await expect.poll(drawn).toBe(600);
  await expect.poll(unlabelled).toBe(0);
  expect((await labelCounts()).length).toBeGreaterThan(0);
  await page.screenshot({ path: info.outputPath('carte.png') });

  // Select in the table: the map stays where it is (map-view.spec.ts); "Centrer sur la sélection"
  // brings the sighting to the centre, and a click there opens its detail.
  await page.getByLabel('Rechercher').fill('remontee n° 123 :');
  await rowOf(page, 'Remontée n° 123 :').click();
  await page.getByRole('button', { name: 'Centrer sur la sélection' }).click();
  const box = (await map.boundingBox())!;
  const detail = page.getByRole('complementary', { name: 'Détail de la remontée' });
  // The map may still be moving to the selection: click its centre until the detail opens.
  await expect(async () => {
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(detail.getByRole('heading', { level: 2 })).toContainText('Remontée n° 123 :', { timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await expect(detail.getByTestId('position')).toContainText('(précision : exacte)');
  await page.screenshot({ path: info.outputPath('carte-detail.png') });
});

test('placer une remontée : commune tapée, coordonnées DMS, clic sur la carte', async ({ page }) => {
  await startCrisis(page);
  const form = page.getByRole('form', { name: 'Saisie rapide' });
  await form.getByLabel('Texte').fill('Rue de la République inondée');
  await form.getByLabel('Lieu').fill('moissac');
  await form.getByLabel('Lieu').press('Control+Enter');
  await rowOf(page, 'Rue de la République').dblclick();
  const detail = page.getByRole('complementary', { name: 'Détail de la remontée' });
  await expect(detail.getByTestId('position')).toContainText(/44\.1\d+° N, 1\.0\d+° E \(précision : commune\)/);
  await expect(detail.getByLabel('Code INSEE')).toHaveValue('82112');
  await expect(detail.getByLabel('Commune', { exact: true })).toHaveValue('Moissac');

  await capture(page, 'Arbre sur la voie');
  await rowOf(page, 'Arbre sur la voie').dblclick();
  await expect(detail.getByTestId('position')).toHaveText('Pas encore placée sur la carte');
  await detail.getByLabel('Commune (recherche hors ligne)').fill('st etienne');
  await expect(detail.getByRole('listbox').getByRole('option').first()).toContainText('Saint-Étienne (42');
  await detail.getByLabel('Commune (recherche hors ligne)').press('Enter');
  await expect(detail.getByLabel('Code INSEE')).toHaveValue('42218');
  await detail.getByLabel('Coordonnées (décimales ou degrés-minutes-secondes)').fill(`44°01'N 1°21'E`);
  await detail.getByRole('button', { name: 'Appliquer' }).click();
  await expect(detail.getByTestId('position')).toContainText('44.01667° N, 1.35000° E (précision : exacte)');

  await detail.getByRole('button', { name: 'Placer sur la carte' }).click();
  const map = page.getByRole('region', { name: 'Carte' }).locator('.leaflet-container');
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width / 4, box.y + box.height / 4);
  await expect(detail.getByTestId('position')).not.toContainText('44.01667° N');
  await expect(detail.getByTestId('position')).toContainText('(précision : exacte)');
  await page.keyboard.press('Escape');
  await expect(detail.getByRole('button', { name: 'Placer sur la carte' })).toBeVisible();
});

test('un fond PMTiles choisi par l’utilisateur s’affiche sans réseau et reste choisi', async ({ page }, info) => {
  const { makeRasterPmtiles } = await import('../fixtures/make-pmtiles.mjs');
  const file = info.outputPath('france.pmtiles');
  await (await import('node:fs/promises')).writeFile(file, makeRasterPmtiles());
  await startCrisis(page);
  const map = page.getByRole('region', { name: 'Carte' });
  await map.getByRole('button', { name: 'Fond de carte' }).click();
  await page.getByTestId('basemap-pmtiles-input').setInputFiles(file);
  const tiles = map.locator('.leaflet-tile-pane img.leaflet-tile-loaded[src^="blob:"]');
  await expect(tiles.first()).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: info.outputPath('pmtiles.png') });

  await page.reload();
  await page.getByRole('button', { name: 'Ouvrir Crue du Tarn' }).click();
  await expect(page.getByRole('region', { name: 'Carte' }).locator('.leaflet-tile-pane img.leaflet-tile-loaded[src^="blob:"]').first()).toBeVisible({ timeout: 15_000 });
});
