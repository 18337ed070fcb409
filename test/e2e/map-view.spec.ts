// The map keeps the COD's overview: selecting (or capturing) never moves it; "Voir toute la crise"
// frames every located sighting. The commune search's keyboard, the warning outside the crisis's
// département, and estimated commune positions shown and improved from an official file.
import { expect, test } from './fixtures';
import { openSeededCrisis } from './seed';
import { capture, rowOf, startCrisis } from './sync-helpers';

const mapOf = (page: import('@playwright/test').Page) => page.getByRole('region', { name: 'Carte' }).locator('.leaflet-container');

test('sélectionner une remontée ne déplace pas la carte ; « Voir toute la crise » cadre toutes les remontées', async ({ page }) => {
  await openSeededCrisis(page, { n: 600, located: true });
  const map = mapOf(page);
  await expect(map).toHaveAttribute('data-located', '600', { timeout: 15_000 });
  const drawn = async () => Number(await map.getAttribute('data-points')) + Number(await map.getAttribute('data-clustered'));
  await expect.poll(drawn).toBe(600);
  // Zoom in on a corner of the crisis: part of it only is in view.
  const zoom = async () => Number((await map.getAttribute('data-view'))!.split(',')[2]);
  const framed = await zoom();
  for (let i = 1; i <= 3; i++) {
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(zoom).toBe(framed + i);
  }
  await expect.poll(drawn).toBeLessThan(600);
  const view = await map.getAttribute('data-view');

  // Selecting rows (mouse, keyboard) and capturing a new sighting (selected automatically) keep the view.
  await rowOf(page, 'Remontée n° 599 :').click();
  await page.keyboard.press('ArrowDown');
  await capture(page, 'Eau sur la route de Moissac');
  await page.waitForTimeout(800); // what used to move the map did it at once
  expect(await map.getAttribute('data-view')).toBe(view);

  // "Voir toute la crise": every located sighting in view again.
  await page.getByRole('button', { name: 'Voir toute la crise' }).click();
  await expect.poll(drawn).toBe(600);
  expect(await map.getAttribute('data-view')).not.toBe(view);

  // "Centrer sur la sélection": the selected sighting in the middle.
  await rowOf(page, 'Remontée n° 599 :').click();
  await page.getByRole('button', { name: 'Centrer sur la sélection' }).click();
  // Seeded: n° 599 is at 44.0 + (599 % 30) · 0.01, 1.3 + 19 · 0.01.
  await expect.poll(async () => (await map.getAttribute('data-view'))!.split(',').slice(0, 2).map(Number)).toEqual([44.29, 1.49]);
});

test('commune : « montauban », ↓, Entrée choisit Montauban (82) ; une commune hors du département est signalée', async ({ page }) => {
  await startCrisis(page);
  await capture(page, 'Cave inondée');
  await rowOf(page, 'Cave inondée').dblclick();
  const detail = page.getByRole('complementary', { name: 'Détail de la remontée' });
  const search = detail.getByLabel('Commune (recherche hors ligne)');
  await search.fill('montauban');
  const options = detail.getByRole('listbox').getByRole('option');
  await expect(options.first()).toContainText('Montauban (82');
  // Nothing highlighted before ↓.
  await expect(detail.locator('[role=option][aria-selected=true]')).toHaveCount(0);
  await search.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await expect(search).toHaveAttribute('aria-activedescendant', (await options.first().getAttribute('id'))!);
  await search.press('Enter');
  await expect(detail.getByLabel('Code INSEE')).toHaveValue('82121');
  await expect(detail.getByTestId('outside-departement')).toHaveCount(0);

  await search.fill('montauban de bretagne');
  await expect(options.first()).toContainText('Montauban-de-Bretagne (35');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(detail.getByLabel('Code INSEE')).toHaveValue('35184');
  await expect(detail.getByTestId('outside-departement')).toHaveText(
    'Attention : Montauban-de-Bretagne est dans le département 35 Ille-et-Vilaine, hors du département de la crise (82 Tarn-et-Garonne).',
  );
});

test('position estimée : cercle et rayon affichés ; un fichier officiel la remplace sur cette copie, tout ou rien', async ({ page }, info) => {
  await startCrisis(page);
  await capture(page, 'Arbre tombé');
  await rowOf(page, 'Arbre tombé').dblclick();
  const detail = page.getByRole('complementary', { name: 'Détail de la remontée' });
  const search = detail.getByLabel('Commune (recherche hors ligne)');
  // Angeville (82003) ships with an estimated point, ± 9 km.
  await search.fill('angeville');
  await search.press('Enter');
  await expect(detail.getByTestId('position')).toHaveText('Position : 44.04644° N, 1.03072° E (position estimée à ± 9 km)');
  const map = mapOf(page);
  // The circle is drawn on the map's canvas; the map says its radius.
  await expect(map).toHaveAttribute('data-estimate-km', '9');

  // The official file: a bad row refuses the whole file, in French, naming the row.
  const fs = await import('node:fs/promises');
  const bad = info.outputPath('mauvais.csv');
  await fs.writeFile(bad, 'Code INSEE;Latitude;Longitude\n82003;44,0312;1,0415\n82121;44,0176;abc\n');
  const good = info.outputPath('communes-82.csv');
  await fs.writeFile(good, 'Code INSEE;Latitude;Longitude\n82003;44,0312;1,0415\n82121;44,0176;1,3550\n');
  await page.getByRole('region', { name: 'Carte' }).getByRole('button', { name: 'Fond de carte' }).click();
  const input = page.getByTestId('commune-positions-input');
  await input.setInputFiles(bad);
  await expect(page.getByRole('alert').filter({ hasText: 'Import refusé' })).toHaveText(
    'Import refusé, rien n’a été modifié. Ligne 3 : longitude « abc » illisible (ex. 1,3550).',
  );
  await input.setInputFiles(good);
  await expect(page.getByText('2 position(s) importée(s) depuis « communes-82.csv »')).toBeVisible();
  await expect(page.getByText('sur cette copie').first()).toBeVisible();

  // Placed before the import: still honest about its estimate. Placed again: the official point.
  await expect(detail.getByTestId('position')).toContainText('position estimée à ± 9 km');
  await search.fill('angeville');
  await search.press('Enter');
  await expect(detail.getByTestId('position')).toHaveText('Position : 44.03120° N, 1.04150° E (précision : commune)');
  await expect(map).not.toHaveAttribute('data-estimate-km', /./);

  // The positions stay on this copy across a reload.
  await page.reload();
  await page.getByRole('button', { name: 'Ouvrir Crue du Tarn' }).click();
  await capture(page, 'Deuxième arbre');
  await rowOf(page, 'Deuxième arbre').dblclick();
  await detail.getByLabel('Commune (recherche hors ligne)').fill('angeville');
  await detail.getByLabel('Commune (recherche hors ligne)').press('Enter');
  await expect(detail.getByTestId('position')).toHaveText('Position : 44.03120° N, 1.04150° E (précision : commune)');
});
