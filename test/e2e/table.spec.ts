import { expect, startCrisis, test } from './fixtures';
import { openSeededCrisis } from './seed';

test('10 000 remontées : tableau virtualisé, tri, filtres et comptes', async ({ page }) => {
  await openSeededCrisis(page, { n: 10_000 });

  const tabs = page.getByRole('group', { name: 'Filtrer par statut' });
  await expect(tabs.getByRole('button', { name: /^En cours/ })).toHaveText('En cours 10000');
  const table = page.getByRole('region', { name: 'Tableau des remontées' });
  // Only the visible rows exist in the page.
  const domRows = await table.locator('[role=row][data-id]').count();
  expect(domRows).toBeGreaterThan(5);
  expect(domRows).toBeLessThan(100);

  // Scroll to the very end: the last row is rendered.
  await page.getByTestId('table-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table.getByRole('row').filter({ hasText: 'Remontée n° 0 :' })).toBeVisible();

  // Sort by priority: P1 first.
  await table.getByRole('button', { name: 'Priorité' }).click();
  await expect(table.getByRole('columnheader', { name: /Priorité/ })).toHaveAttribute('aria-sort', 'ascending');
  await page.getByTestId('table-scroller').evaluate((el) => (el.scrollTop = 0));
  await expect(table.locator('[role=row][data-id]').first()).toContainText('P1');

  // Filters: free text (accents and case ignored), commune, category, priority.
  await page.getByLabel('Rechercher').fill('remontee n° 9999');
  await expect(table.locator('[role=row][data-id]')).toHaveCount(1);
  await page.getByLabel('Rechercher').fill('');
  await page.getByLabel('Commune').fill('');
  const filters = page.locator('.filter-fields');
  await filters.getByLabel('Catégorie').selectOption('rumeur');
  await filters.getByLabel('Priorité').selectOption('P1');
  // i ≡ 6 (mod 7) and i ≡ 0 (mod 4): i ≡ 20 (mod 28) → 357 of 10,000
  await expect(tabs.getByRole('button', { name: /^Nouveau/ })).toHaveText('Nouveau 357');
});
