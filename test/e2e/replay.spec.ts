// The replay (« Relecture »): moved back to before an edit, the table shows the old value, read only;
// at the end, the value as it is now.
import { expect, test } from './fixtures';
import { capture, rowOf, startCrisis } from './sync-helpers';

test('la relecture montre la valeur d’avant une modification, en lecture seule', async ({ page }) => {
  await startCrisis(page);
  await capture(page, 'Eau rue du Port');
  // Author times a few seconds apart: the slider moves by the second.
  await page.waitForTimeout(2500);
  await rowOf(page, 'Eau rue du Port').dblclick();
  const detail = page.getByRole('complementary', { name: 'Détail de la remontée' });
  await detail.getByLabel('Texte', { exact: true }).fill('Eau rue du Port, 1 m d’eau');
  await detail.getByLabel('Statut').selectOption({ label: 'En vérification' });
  await detail.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(detail.getByRole('status')).toHaveText('Modifications enregistrées');

  await page.getByRole('button', { name: 'Relecture', exact: true }).click();
  const pane = page.getByRole('region', { name: 'Relecture de la crise' });
  const slider = pane.getByRole('slider', { name: 'Instant de la relecture' });
  await expect(pane.getByRole('status')).toContainText(/^Relecture : état au \d\d\/\d\d \d\d:\d\d — lecture seule$/);
  // At the end: the record as it is now; the live detail and map are not beside it.
  await expect(rowOf(page, 'Eau rue du Port')).toContainText('1 m d’eau');
  await expect(rowOf(page, 'Eau rue du Port')).toContainText('En vérification');
  await expect(detail).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Carte' })).toHaveCount(1);

  // One to two seconds before the edit (the last entry of the record; the slider's end is the next
  // whole second after it): the old text and status.
  const end = Number(await slider.getAttribute('max'));
  expect(await slider.inputValue()).toBe(String(end));
  await slider.fill(String(end - 2000));
  await expect(pane.getByRole('status')).toHaveAttribute('data-time', /\d+/);
  expect(Number(await pane.getByRole('status').getAttribute('data-time'))).toBeLessThan(end);
  const before = rowOf(page, 'Eau rue du Port');
  await expect(before).toContainText('Nouveau');
  await expect(before).not.toContainText('1 m d’eau');
  await page.screenshot({ path: 'test-results/replay.png' });

  // Read only: a double click opens nothing, the priority key changes nothing.
  await before.dblclick();
  await expect(detail).toHaveCount(0);
  await before.click();
  await page.keyboard.press('1');
  // Before the crisis's first sighting: an empty table.
  await slider.fill(await slider.getAttribute('min') as string);
  await expect(rowOf(page, 'Eau rue du Port')).toHaveCount(0);
  // Played at ×1 min/s from there: the few seconds of this record pass in one step, and it stops at the end.
  await pane.getByLabel('Vitesse').selectOption({ label: '×1 min/s' });
  await pane.getByRole('button', { name: 'Lecture' }).click();
  await expect(rowOf(page, 'Eau rue du Port')).toContainText('1 m d’eau');
  await expect(pane.getByRole('button', { name: 'Lecture' })).toHaveAttribute('aria-pressed', 'false');
  expect(await slider.inputValue()).toBe(String(end));

  // Back to the live table: the edit is there, the priority unchanged.
  await page.getByRole('button', { name: 'Remontées', exact: true }).click();
  await expect(rowOf(page, 'Eau rue du Port')).toContainText('1 m d’eau');
  await expect(rowOf(page, 'Eau rue du Port')).not.toContainText('P1');
});
