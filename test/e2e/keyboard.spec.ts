import { expect, startCrisis, test } from './fixtures';

test('au clavier : N, /, flèches, Entrée, 1–4, Suppr et annulation', async ({ page }) => {
  await startCrisis(page);
  const capture = page.getByRole('form', { name: 'Saisie rapide' });
  const table = page.getByRole('region', { name: 'Tableau des remontées' });

  // Capture three sightings as fast as the keyboard goes: nothing typed is lost.
  await page.locator('body').press('n');
  for (const text of ['Toit effondré école', 'Pont submergé', 'Gymnase ouvert pour hébergement']) {
    await expect(capture.getByLabel('Lien')).toBeFocused();
    await page.keyboard.press('Tab');
    await page.keyboard.type(text);
    await page.keyboard.press('Control+Enter');
  }
  await expect(table.locator('[role=row][data-id]')).toHaveCount(3);

  // The sighting just saved is selected (newest, first); arrows move; 1 sets P1; Enter opens.
  await capture.getByLabel('Lien').blur();
  const selected = table.locator('[role=row][aria-selected=true]');
  await expect(selected).toContainText('Gymnase');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(selected).toContainText('Pont submergé');
  await page.keyboard.press('1');
  await expect(selected).toContainText('P1');
  await page.keyboard.press('Enter');
  const detail = page.getByRole('complementary', { name: 'Détail de la remontée' });
  await expect(detail.getByLabel('Priorité')).toHaveValue('P1');
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();

  // Delete archives (nothing destroyed), and Annuler gives it back.
  await page.keyboard.press('Delete');
  await expect(table.locator('[role=row][data-id]')).toHaveCount(2);
  await page.getByRole('button', { name: 'Annuler' }).click();
  await expect(table.locator('[role=row][data-id]')).toHaveCount(3);
  await expect(table.getByRole('row').filter({ hasText: 'Pont submergé' })).toContainText('Nouveau');

  // / goes to the search field.
  await page.keyboard.press('/');
  await expect(page.getByLabel('Rechercher')).toBeFocused();
  await page.keyboard.type('gymnase');
  await expect(table.locator('[role=row][data-id]')).toHaveCount(1);
});

test('l’interface passe en anglais et s’en souvient', async ({ page }) => {
  await startCrisis(page);
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('region', { name: 'Sightings table' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New sighting' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Crises' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create the crisis' })).toBeVisible();
});
