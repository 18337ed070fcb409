// The crisis cell's workflow with three copies over the relay: a volunteer (veilleur) captures and
// verifies, the coordinator forwards to the COD, the COD acknowledges and says what it did, and the
// volunteer sees it. Then the COD closes the crisis for everyone.
import type { Page } from '@playwright/test';
import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { expect, test } from './fixtures';
import { capture, copyOf, invitationLink, join, rowOf, setAddresses, startCrisis } from './sync-helpers';

let server: RelayServer;
test.beforeAll(async () => {
  server = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => undefined });
});
test.afterAll(async () => server.close());

const TEXT = 'Deux personnes sur un toit rue du Port à Moissac';
const detailOf = (p: Page) => p.getByRole('complementary', { name: 'Détail de la remontée' });
const verification = (p: Page) => detailOf(p).getByRole('group', { name: 'Vérification' });

async function openDetail(p: Page, text: string) {
  await rowOf(p, text).dblclick();
  await expect(detailOf(p)).toBeVisible();
}

test('capturée, vérifiée, transmise au COD, reçue avec une suite, vue par le veilleur ; puis close partout', async ({ browser, page, guard }) => {
  test.setTimeout(150_000);
  // Alice creates the crisis (coordinatrice) and invites the COD and a volunteer.
  await startCrisis(page);
  await setAddresses(page, [], [server.syncUrl!]);
  const codLink = await invitationLink(page, 'cod');
  const volunteerLink = await invitationLink(page, 'veilleur');
  const { page: cod } = await copyOf(browser, guard.errors);
  await join(cod, codLink, 'Bruno COD');
  const { page: carole } = await copyOf(browser, guard.errors);
  await join(carole, volunteerLink, 'Carole Petit');

  // The volunteer captures and verifies.
  await capture(carole, TEXT);
  await openDetail(carole, TEXT);
  // The box shows what is recorded: it turns checked once the signed step is stored.
  await verification(carole).getByLabel('Source identifiée').click();
  await expect(verification(carole).getByLabel('Source identifiée')).toBeChecked();
  await expect(verification(carole)).toContainText(/Source identifiée\s*— par Carole Petit/);
  await verification(carole).getByLabel('Verdict', { exact: true }).selectOption('confirme');
  await verification(carole).getByLabel('Raison').fill('photo géolocalisée, confirmée par la mairie');
  await verification(carole).getByRole('button', { name: 'Enregistrer le verdict' }).click();
  await expect(verification(carole)).toContainText('Verdict : Confirmé — par Carole Petit');
  await expect(rowOf(carole, TEXT)).toContainText('Confirmé');
  // A volunteer does not forward to the COD: the button is not offered.
  await expect(verification(carole).getByRole('button', { name: 'Transmettre au COD' })).toHaveCount(0);

  // The coordinator sees the verdict and forwards.
  await expect(rowOf(page, TEXT)).toContainText('Confirmé', { timeout: 30_000 });
  await openDetail(page, TEXT);
  await expect(verification(page)).toContainText('Verdict : Confirmé — par Carole Petit');
  await verification(page).getByLabel('Message pour le COD').fill('Personnes en danger, à traiter en priorité');
  await verification(page).getByRole('button', { name: 'Transmettre au COD' }).click();
  await expect(verification(page)).toContainText('Transmis au COD par Alice Martin');
  await expect(rowOf(page, TEXT)).toContainText('Transmis');

  // The COD is told (sync bar), opens its view, acknowledges and says what it did.
  const pending = cod.getByTestId('unacknowledged');
  await expect(pending).toHaveAttribute('data-count', '1', { timeout: 30_000 });
  await pending.click();
  const view = cod.getByRole('region', { name: 'Transmis au COD' });
  await expect(view).toContainText('Non lus (1)');
  await expect(view).toContainText('Personnes en danger, à traiter en priorité');
  await expect(view).toContainText(TEXT);
  await view.getByRole('button', { name: 'Accuser réception' }).click();
  await expect(view).toContainText('Reçus (1)');
  await expect(view).toContainText('Reçu par Bruno COD');
  await expect(pending).toHaveCount(0);
  await view.getByLabel('Suite donnée').selectOption('transmis_sdis');
  await view.getByLabel('Précision (facultatif)').fill('SDIS 82 engagé, bateau en route');
  await view.getByRole('button', { name: 'Enregistrer la suite' }).click();
  await expect(view).toContainText('Suite donnée : Transmis au SDIS — SDIS 82 engagé, bateau en route');

  // The volunteer sees the acknowledgement and the action on the sighting.
  await expect(verification(carole)).toContainText('Reçu par Bruno COD', { timeout: 30_000 });
  await expect(verification(carole)).toContainText('Suite donnée : Transmis au SDIS — SDIS 82 engagé, bateau en route');

  // A volunteer cannot close the crisis; the COD closes it for everyone.
  await expect(carole.getByRole('button', { name: 'Clore la crise' })).toHaveCount(0);
  cod.once('dialog', (d) => void d.accept());
  await cod.getByRole('button', { name: 'Clore la crise' }).click();
  await expect(carole.getByText('Crise close par Bruno COD')).toBeVisible({ timeout: 30_000 });
  const form = carole.getByRole('form', { name: 'Saisie rapide' });
  await form.getByLabel('Texte').fill('Saisie après la clôture');
  await form.getByLabel('Texte').press('Control+Enter');
  await expect(carole.getByRole('alert').filter({ hasText: 'La crise est close' })).toBeVisible();
  await expect(rowOf(carole, 'Saisie après la clôture')).toHaveCount(0);
  // Reopened by the coordinator: captures are possible again.
  await expect(page.getByRole('button', { name: 'Rouvrir la crise' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Rouvrir la crise' }).click();
  await expect(carole.getByText('Crise close par Bruno COD')).toHaveCount(0, { timeout: 30_000 });
  await capture(carole, 'Saisie après la réouverture');
});

test('file « À vérifier » par priorité, et S change le statut au clavier en demandant la raison d’un démenti', async ({ page }) => {
  await startCrisis(page);
  await capture(page, 'Rumeur de pillage à Montech');
  await capture(page, 'Route coupée à Bressols');
  await rowOf(page, 'Route coupée à Bressols').click();
  await page.keyboard.press('1');
  await expect(rowOf(page, 'Route coupée à Bressols')).toContainText('P1');
  await page.getByRole('button', { name: 'À vérifier' }).click();
  const rows = page.getByRole('region', { name: 'Tableau des remontées' }).getByRole('row');
  await expect(rows.nth(1)).toContainText('Route coupée à Bressols'); // P1 first (row 0 is the header)

  await rowOf(page, 'Rumeur de pillage à Montech').click();
  await page.keyboard.press('s');
  const dialog = page.getByRole('dialog', { name: 'Changer le statut' });
  await expect(dialog.getByRole('button', { name: '1. En vérification' })).toBeFocused();
  await page.keyboard.press('3'); // démenti: asks why
  await expect(dialog.getByLabel('Raison')).toBeFocused();
  await page.keyboard.type('démenti par la gendarmerie de Montech');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: 'Remontées', exact: true }).click();
  await rowOf(page, 'Rumeur de pillage à Montech').dblclick();
  await expect(verification(page)).toContainText('Verdict : Démenti — par Alice Martin');
  await expect(verification(page)).toContainText('« démenti par la gendarmerie de Montech »');
});

test('plusieurs remontées cochées (Ctrl+clic) sont transmises au COD ensemble, en une transmission', async ({ page }) => {
  await startCrisis(page);
  await capture(page, 'Toiture arrachée à Caussade');
  await capture(page, 'Toiture arrachée à Septfonds');
  await rowOf(page, 'Toiture arrachée à Caussade').click();
  await rowOf(page, 'Toiture arrachée à Septfonds').click({ modifiers: ['Control'] });
  const bar = page.getByRole('group', { name: '2 remontée(s) cochée(s)' });
  await expect(bar).toBeVisible();
  await expect(rowOf(page, 'Toiture arrachée à Septfonds')).toHaveAttribute('aria-selected', 'true');
  await bar.getByLabel('Message pour le COD').fill('Deux toitures, même rue du vent');
  await bar.getByRole('button', { name: 'Transmettre la sélection au COD (2)' }).click();
  await expect(bar).toHaveCount(0);
  await page.getByRole('button', { name: 'Transmis au COD', exact: true }).click();
  const view = page.getByRole('region', { name: 'Transmis au COD' });
  await expect(view).toContainText('Non lus (1)');
  await expect(view).toContainText('Toiture arrachée à Caussade');
  await expect(view).toContainText('Toiture arrachée à Septfonds');
});
