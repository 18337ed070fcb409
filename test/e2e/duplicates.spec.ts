// Duplicates on the device (issue #13): flagged while capturing, linked with "Lier comme doublon",
// seen on the other copy; and the quick-capture save rule (never a blank sighting).
import type { Page } from '@playwright/test';
import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { expect, test } from './fixtures';
import { copyOf, invitationLink, join, rowOf, setAddresses, startCrisis } from './sync-helpers';

let server: RelayServer;
test.beforeAll(async () => {
  server = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => undefined });
});
test.afterAll(async () => server.close());

const ORIGINAL =
  'Le Tarn est sorti de son lit à Moissac, quai du Port : l’eau arrive dans les maisons de la rue de la République, les pompiers évacuent les riverains en barque.';
const REPOST = `RT @moissac_info: ${ORIGINAL} #crue82`;

const form = (p: Page) => p.getByRole('form', { name: 'Saisie rapide' });
const detail = (p: Page) => p.getByRole('complementary', { name: 'Détail de la remontée' });
const rows = (p: Page) => p.getByRole('region', { name: 'Tableau des remontées' }).locator('[role=row][data-id]');

test('une reprise capturée avec un lien mobile est signalée pendant la saisie, liée comme doublon, et l’autre copie voit le lien', async ({ browser, page, guard }) => {
  test.setTimeout(120_000);
  const alice = page;
  await startCrisis(alice);
  await setAddresses(alice, [], [server.syncUrl!]);
  await form(alice).getByLabel('Lien').fill('https://x.com/moissac_info/status/1846000000000000001');
  await form(alice).getByLabel('Texte').fill(ORIGINAL);
  await form(alice).getByLabel('Texte').press('Control+Enter');
  await expect(rowOf(alice, 'Le Tarn est sorti')).toBeVisible();
  await expect(alice.getByTestId('relay-state')).toHaveText('Relais : à jour', { timeout: 20_000 });

  const { page: bob } = await copyOf(browser, guard.errors);
  await join(bob, await invitationLink(alice, 'veilleur'), 'Bob Durand');
  await expect(rowOf(bob, 'Le Tarn est sorti')).toBeVisible({ timeout: 20_000 });

  // Bob pastes the same post shared from the mobile site, with X's share tracking: flagged as he types.
  const warning = form(bob).getByRole('region', { name: 'Doublons possibles' });
  await form(bob).getByLabel('Lien').fill('https://mobile.twitter.com/Moissac_Info/status/1846000000000000001?s=20&t=AbCd');
  await expect(warning).toContainText('Doublon possible : 1 remontée(s) semblable(s)');
  await expect(warning.getByRole('listitem')).toHaveCount(1);
  await expect(warning.getByRole('listitem')).toContainText('même lien');
  await form(bob).getByLabel('Texte').fill(REPOST);
  await expect(warning.getByRole('listitem')).toContainText(/même lien · texte presque identique \(\d+ %\)/);
  // Each entry unfolds to compare, and the form keeps its content and its focus order.
  await warning.getByRole('button', { name: /Le Tarn est sorti/ }).click();
  await expect(warning).toContainText('https://x.com/moissac_info/status/1846000000000000001');
  await expect(form(bob).getByLabel('Texte')).toHaveValue(REPOST);
  // Not a modal: saving still works.
  await form(bob).getByLabel('Texte').press('Control+Enter');
  await expect(rowOf(bob, 'RT @moissac_info')).toBeVisible();
  await expect(warning).toBeHidden();

  // Linked from the detail: the likely duplicates come first; keyboard only.
  await rowOf(bob, 'RT @moissac_info').dblclick();
  const panel = detail(bob);
  await panel.getByRole('button', { name: 'Chercher les doublons' }).click();
  const picker = panel.getByRole('group', { name: 'Lier à l’originale' });
  const options = picker.getByRole('option');
  await expect(options).toHaveCount(1);
  await expect(options.first()).toContainText('Le Tarn est sorti');
  await expect(picker.getByRole('listbox')).toContainText('Doublons probables');
  await picker.getByRole('button', { name: 'Lier comme doublon' }).click();
  await expect(picker.getByRole('alert')).toHaveText('Choisissez d’abord l’originale dans la liste.');
  await picker.getByRole('combobox').press('ArrowDown');
  await picker.getByRole('combobox').press('Enter');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  await picker.getByRole('button', { name: 'Lier comme doublon' }).click();
  // (The picker's « Originale choisie » may still be on screen for a frame: a strict locator would fail at once.)
  await expect(panel.getByRole('group', { name: 'Doublon de' }).getByRole('paragraph').filter({ hasText: 'Doublon de' })).toContainText('« Le Tarn est sorti de son lit');
  await expect(panel.getByLabel('Statut')).toHaveValue('doublon');
  await expect(rowOf(bob, 'RT @moissac_info')).toContainText('Doublon');
  // The history names the original by its text too, never by its id.
  await expect(panel.getByRole('region', { name: 'Historique' })).toContainText('Doublon de : — → « Le Tarn est sorti de son lit');

  // Alice's copy: the repost is a duplicate, and the original lists it as a linked source.
  await expect(rowOf(alice, 'RT @moissac_info')).toContainText('Doublon', { timeout: 20_000 });
  await rowOf(alice, 'RT @moissac_info').dblclick();
  await expect(detail(alice).getByRole('group', { name: 'Doublon de' }).getByRole('paragraph')).toContainText('« Le Tarn est sorti de son lit');
  await alice.keyboard.press('Escape');
  await rowOf(alice, 'Le Tarn est sorti').filter({ hasNotText: 'RT @' }).dblclick();
  const linked = detail(alice).getByRole('region', { name: 'Sources liées (1)' });
  await expect(linked).toContainText('RT @moissac_info');
  await expect(linked).toContainText('https://mobile.twitter.com/Moissac_Info/status/1846000000000000001');
  // Both are kept: nothing was deleted.
  await expect(rows(alice)).toHaveCount(2);
});

test('saisie rapide : Entrée dans un lien vide ne crée rien, Ctrl+Entrée sans contenu le dit, N s’écrit dans le lien', async ({ page }) => {
  await startCrisis(page);
  const link = form(page).getByLabel('Lien');
  await link.focus();
  await link.press('Enter');
  await link.press('Enter');
  await form(page).getByLabel('Lieu').fill('Moissac');
  await form(page).getByLabel('Lieu').press('Enter');
  await expect(form(page).getByRole('alert')).toHaveText('Rien à enregistrer : collez un lien ou un texte.');
  await form(page).getByLabel('Texte').press('Control+Enter');
  await form(page).getByRole('button', { name: 'Enregistrer' }).click();
  await page.waitForTimeout(500);
  await expect(rows(page)).toHaveCount(0);

  // Typed in the link field, N is a letter, not the "new sighting" shortcut.
  await link.fill('');
  await link.pressSequentially('https://exemple.fr/Nouvelle-crue');
  await expect(link).toHaveValue('https://exemple.fr/Nouvelle-crue');
  // Enter in the text area is a new line; Enter in a one-line field with content saves.
  await form(page).getByLabel('Texte').fill('Pont fermé');
  await form(page).getByLabel('Texte').press('Enter');
  await expect(rows(page)).toHaveCount(0);
  await link.press('Enter');
  await expect(rows(page)).toHaveCount(1);
  await expect(link).toHaveValue('');
  // From the table, N goes to the link field and types nothing there.
  await rows(page).first().click();
  await page.keyboard.press('n');
  await expect(link).toBeFocused();
  await expect(link).toHaveValue('');
});
