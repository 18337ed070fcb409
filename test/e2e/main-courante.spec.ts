// The main courante with two copies over the relay: a forwarded sighting, its acknowledgement and a
// decision appear in the main courante of both (issue #14's test); a correction keeps the old line,
// shown corrected; filters; printing shows only the log, with the crisis header and "Diffusion
// restreinte".
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
const DECISION = 'Ouverture du gymnase de Moissac pour 200 personnes';
const FIXED = 'Ouverture du gymnase de Castelsarrasin pour 200 personnes';
const pane = (p: Page) => p.getByRole('region', { name: 'Main courante' });
const lineOf = (p: Page, text: string) => pane(p).getByRole('list', { name: 'Entrées de la main courante' }).getByRole('listitem').filter({ hasText: text });

async function openMainCourante(p: Page) {
  await p.getByRole('button', { name: 'Main courante', exact: true }).click();
  await expect(pane(p)).toBeVisible();
}

test('transmission, accusé de réception et décision dans la main courante des deux copies ; correction, filtres, impression', async ({ browser, page, guard }) => {
  test.setTimeout(150_000);
  await startCrisis(page);
  await setAddresses(page, [], [server.syncUrl!]);
  const codLink = await invitationLink(page, 'cod');
  const { page: cod } = await copyOf(browser, guard.errors);
  await join(cod, codLink, 'Bruno COD');

  // Alice (coordinatrice) forwards a sighting to the COD.
  await capture(page, TEXT);
  await rowOf(page, TEXT).dblclick();
  const verification = page.getByRole('complementary', { name: 'Détail de la remontée' }).getByRole('group', { name: 'Vérification' });
  await verification.getByLabel('Message pour le COD').fill('Personnes en danger, à traiter en priorité');
  await verification.getByRole('button', { name: 'Transmettre au COD' }).click();
  await expect(verification).toContainText('Transmis au COD par Alice Martin');

  // The COD acknowledges it, then writes a decision in the main courante.
  const pending = cod.getByTestId('unacknowledged');
  await expect(pending).toHaveAttribute('data-count', '1', { timeout: 30_000 });
  await pending.click();
  await cod.getByRole('region', { name: 'Transmis au COD' }).getByRole('button', { name: 'Accuser réception' }).click();
  await expect(pending).toHaveCount(0);
  await openMainCourante(cod);
  const form = pane(cod).getByRole('form', { name: 'Ajouter à la main courante' });
  await form.getByLabel('Type').selectOption({ label: 'Décision' });
  await form.getByLabel('Texte').fill(DECISION);
  await form.getByRole('button', { name: 'Ajouter à la main courante' }).click();
  await expect(form.getByLabel('Texte')).toHaveValue('');

  // Both copies show the three lines, each with its author, type and signature.
  await openMainCourante(page);
  for (const p of [cod, page]) {
    const forwarded = lineOf(p, 'Transmis au COD (1 remontée(s))');
    await expect(forwarded).toContainText('Personnes en danger, à traiter en priorité', { timeout: 30_000 });
    await expect(forwarded).toContainText(TEXT);
    await expect(forwarded).toContainText('Alice Martin');
    await expect(forwarded).toContainText('Demande');
    const ack = lineOf(p, 'Accusé de réception de la transmission de Alice Martin');
    await expect(ack).toContainText('Bruno COD', { timeout: 30_000 });
    const decision = lineOf(p, DECISION);
    await expect(decision).toContainText('Bruno COD', { timeout: 30_000 });
    await expect(decision).toContainText('Décision');
    await expect(decision).toContainText(/Signé · [A-Za-z0-9_-]{8}/);
  }
  // Automatic lines are not corrected from here; free lines are.
  await expect(lineOf(page, 'Accusé de réception').getByRole('button', { name: 'Corriger' })).toHaveCount(0);

  // Alice corrects the decision: the old line stays, struck and saying who corrected it.
  await lineOf(page, DECISION).getByRole('button', { name: 'Corriger' }).click();
  const fix = pane(page).getByRole('form', { name: 'Enregistrer la correction' });
  await expect(fix.getByLabel('Texte')).toHaveValue(DECISION);
  await fix.getByLabel('Texte').fill(FIXED);
  await fix.getByRole('button', { name: 'Enregistrer la correction' }).click();
  await expect(fix).toHaveCount(0);
  for (const p of [page, cod]) {
    await expect(lineOf(p, DECISION)).toContainText('Corrigée par Alice Martin', { timeout: 30_000 });
    await expect(lineOf(p, DECISION).locator('.mc-line')).toHaveClass(/corrected/);
    await expect(lineOf(p, FIXED)).toContainText('Corrige l’entrée de');
    await expect(lineOf(p, FIXED)).toContainText('Alice Martin');
  }

  // Filters: by type, by author, by period.
  const filters = pane(cod).getByRole('group', { name: 'Filtres de la main courante' });
  await filters.getByLabel('Type').selectOption({ label: 'Décision' });
  await expect(lineOf(cod, DECISION)).toBeVisible();
  await expect(lineOf(cod, FIXED)).toBeVisible();
  await expect(lineOf(cod, 'Accusé de réception')).toHaveCount(0);
  await filters.getByLabel('Auteur').selectOption({ label: 'Bruno COD' });
  await expect(lineOf(cod, DECISION)).toBeVisible();
  await expect(lineOf(cod, FIXED)).toHaveCount(0);
  await filters.getByRole('button', { name: 'Effacer les filtres' }).click();
  await filters.getByLabel('Au', { exact: true }).fill('2000-01-01T00:00');
  await expect(pane(cod)).toContainText('Aucune entrée pour ces filtres.');
  await filters.getByRole('button', { name: 'Effacer les filtres' }).click();
  await expect(lineOf(cod, 'Accusé de réception')).toBeVisible();

  // Printing: only the log is laid out for print (A4 stylesheet), with the header on the page.
  await cod.emulateMedia({ media: 'print' });
  await cod.evaluate(() => {
    window.print = () => {
      const root = document.querySelector<HTMLElement>('.mc-print');
      const app = document.getElementById('root');
      (window as unknown as { printed: unknown }).printed = {
        text: root?.innerText ?? '',
        shown: root ? getComputedStyle(root).display : 'absent',
        app: app ? getComputedStyle(app).display : 'absent',
      };
      window.dispatchEvent(new Event('afterprint'));
    };
  });
  await pane(cod).getByRole('button', { name: 'Imprimer' }).click();
  const printed = await cod.evaluate(() => (window as unknown as { printed: { text: string; shown: string; app: string } }).printed);
  expect(printed.shown).toBe('block');
  expect(printed.app).toBe('none');
  expect(printed.text).toContain('Main courante — Crue du Tarn (82)');
  expect(printed.text.toLowerCase()).toContain('diffusion restreinte');
  for (const t of [DECISION, FIXED, 'Accusé de réception de la transmission de Alice Martin', TEXT]) expect(printed.text).toContain(t);
  await expect(cod.locator('.mc-print')).toHaveCount(0);
  await cod.emulateMedia({ media: 'screen' });
});
