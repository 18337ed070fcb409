import { expect, startCrisis, test } from './fixtures';

test('saisir une remontée, recharger, la retrouver avec son historique', async ({ page }) => {
  await startCrisis(page);
  await page.getByRole('button', { name: 'Nouvelle remontée' }).click();
  const capture = page.getByRole('form', { name: 'Saisie rapide' });
  await expect(capture.getByLabel('Lien')).toBeFocused();
  await capture.getByLabel('Lien').fill('https://x.com/VigiCrues/status/1720000000000000000');
  await expect(capture.getByText('Reconnu : X (Twitter)')).toBeVisible();
  await capture.getByLabel('Texte').fill("L'eau arrive au pont Napoléon, quai coupé");
  await capture.getByLabel('Catégorie').selectOption({ label: "Observation de l'aléa" });
  await capture.getByLabel('Priorité').selectOption('P2');
  await capture.getByLabel('Lieu').fill('Moissac, quai Charles de Gaulle');
  await capture.getByLabel('Lieu').press('Enter');

  const table = page.getByRole('region', { name: 'Tableau des remontées' });
  const row = table.getByRole('row').filter({ hasText: 'pont Napoléon' });
  await expect(row).toContainText('X (Twitter) · @VigiCrues');
  await expect(row).toContainText('P2');
  await expect(capture.getByLabel('Lien')).toHaveValue('');

  // Edit one field in the detail panel.
  await row.dblclick();
  const detail = page.getByRole('complementary', { name: 'Détail de la remontée' });
  await detail.getByLabel('Statut').selectOption({ label: 'En vérification' });
  await detail.getByLabel('Notes de vérification').fill('Photo confirmée par la mairie');
  await detail.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(detail.getByRole('status')).toHaveText('Modifications enregistrées');

  await page.reload();
  await page.getByRole('button', { name: 'Ouvrir Crue du Tarn' }).click();
  const again = page.getByRole('region', { name: 'Tableau des remontées' }).getByRole('row').filter({ hasText: 'pont Napoléon' });
  await expect(again).toContainText('En vérification');
  await again.dblclick();
  const history = page.getByRole('region', { name: 'Historique' });
  await expect(history.getByRole('listitem').first()).toContainText('Alice Martin');
  await expect(history).toContainText('Statut : Nouveau → En vérification');
  await expect(history).toContainText('Notes de vérification : — → Photo confirmée par la mairie');
  await expect(history).toContainText("Texte : L'eau arrive au pont Napoléon, quai coupé (création)");
});

test('le texte d’un message n’est jamais interprété comme du HTML', async ({ page }) => {
  await startCrisis(page);
  const capture = page.getByRole('form', { name: 'Saisie rapide' });
  const evil = '<img src=x onerror="window.__pwned=1"><b>gras</b>';
  await capture.getByLabel('Texte').fill(evil);
  await capture.getByLabel('Texte').press('Control+Enter');
  const row = page.getByRole('region', { name: 'Tableau des remontées' }).getByRole('row').filter({ hasText: '<img src=x' });
  await expect(row).toContainText(evil);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('un lien dangereux est refusé avec un message en français', async ({ page }) => {
  await startCrisis(page);
  const capture = page.getByRole('form', { name: 'Saisie rapide' });
  await capture.getByLabel('Lien').fill('javascript:alert(1)');
  await capture.getByLabel('Texte').fill('piège');
  await capture.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(capture.getByText('lien invalide : seuls les liens http(s) sont acceptés')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Tableau des remontées' }).getByText('Aucune remontée ne correspond.')).toBeVisible();
});
