// The relay kit with three copies over the real relay: a volunteer (veilleur) pastes an official
// consigne with its source, cannot approve it (the button says why, and an approval a veilleur signs
// anyway is refused by the other copies' rules), the COD approves it, two volunteers relay it, and
// the coverage shows who relayed where and what is still to relay.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import type { Page } from '@playwright/test';
import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { expect, test } from './fixtures';
import { hostileRelayClient } from './hostile-client';
import { readInvitation } from './plain-peer';
import { copyOf, invitationLink, join, setAddresses, startCrisis } from './sync-helpers';

let server: RelayServer;
test.beforeAll(async () => {
  server = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => undefined });
});
test.afterAll(async () => server.close());

const TITLE = 'Crue du Tarn : montez à l’étage';
const SOURCE = 'https://www.tarn-et-garonne.gouv.fr/Actualites/Crue-du-Tarn-consignes';
const TEXT = 'Crue du Tarn : montez à l’étage, coupez le gaz et l’électricité, ne prenez pas votre voiture. <img src=x onerror="window.__xss=1">';
const kit = (p: Page) => p.getByRole('region', { name: 'Messages à relayer' });
const card = (p: Page) => kit(p).getByRole('listitem', { name: TITLE });
const openKit = (p: Page) => p.getByRole('navigation', { name: 'Vues' }).getByRole('button', { name: 'Relais', exact: true }).click();
/** An entry's id as docs/sync.md §1 defines it: SHA-256 of its text, first 128 bits, base64url. */
const entryId = (d: string) => createHash('sha256').update(d).digest().subarray(0, 16).toString('base64url');

async function relay(p: Page, platform: string, url: string) {
  await card(p).getByRole('button', { name: 'J’ai relayé' }).click();
  const form = card(p).getByRole('form', { name: 'J’ai relayé' });
  await form.getByLabel('Plateforme').selectOption(platform);
  await form.getByLabel('Lien de ma publication').fill(url);
  await form.getByRole('button', { name: 'Enregistrer le relais' }).click();
  await expect(kit(p).getByRole('status')).toHaveText('Relais enregistré.');
}

test('une consigne approuvée par le COD, refusée quand un veilleur l’approuve, relayée par deux bénévoles, et sa couverture', async ({ browser, page, guard }) => {
  test.setTimeout(180_000);
  // Alice creates the crisis and invites the COD, a volunteer, and a second volunteer's invitation
  // that a modified client will use.
  await startCrisis(page);
  await setAddresses(page, [], [server.syncUrl!]);
  const codLink = await invitationLink(page, 'cod');
  const caroleLink = await invitationLink(page, 'veilleur');
  const malloryLink = await invitationLink(page, 'veilleur');
  const { page: cod } = await copyOf(browser, guard.errors);
  await join(cod, codLink, 'Bruno COD');
  const { page: carole } = await copyOf(browser, guard.errors);
  await join(carole, caroleLink, 'Carole Petit');

  // The volunteer pastes the consigne, its source and the crisis hashtags; the X variant is too long.
  await openKit(carole);
  await kit(carole).getByRole('button', { name: 'Nouveau message' }).click();
  const editor = kit(carole).getByRole('form', { name: 'Nouveau message à relayer' });
  await editor.getByLabel('Catégorie').selectOption('mise_en_securite');
  await editor.getByLabel('Titre').fill(TITLE);
  await editor.getByLabel('Lien de la source officielle').fill(SOURCE);
  await editor.getByLabel('Texte du message').fill(TEXT);
  await editor.getByLabel('Mots-dièse de la crise').fill('#Crue82 Tarn');
  const xCounter = editor.locator('.relay-counter[data-platform="x"]');
  // The whole post as X counts it: the text, the link as 23, the hashtags.
  await expect(xCounter).not.toHaveClass(/over/);
  await editor.getByLabel('Variante X').fill(`Crue du Tarn 🌊 ${'montez à l’étage, '.repeat(16)}`);
  await expect(xCounter).toHaveClass(/over/);
  await expect(xCounter).toContainText(/X : \d+ \/ 280 — trop long de \d+/);
  await expect(editor.getByRole('status')).toContainText('Trop long : X trop long de');
  await editor.getByLabel('Variante X').fill('Crue du Tarn 🌊 : montez à l’étage, coupez le gaz.');
  await expect(xCounter).not.toHaveClass(/over/);
  // 48 characters and an emoji (2), a blank line, the link (23), a blank line, "#Crue82 #Tarn".
  await expect(xCounter).toHaveAttribute('data-count', String(48 + 2 + 2 + 23 + 2 + 13));
  await expect(editor.getByRole('status')).toHaveText('Le message tient dans la limite de chaque plateforme.');
  await editor.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(card(carole)).toHaveAttribute('data-status', 'a_approuver');
  await expect(card(carole)).toContainText('À approuver');
  // Untrusted text is shown as text.
  await expect(card(carole).getByRole('listitem', { name: 'Message pour Mastodon' })).toContainText('<img src=x onerror="window.__xss=1">');

  // A volunteer cannot approve, and the button says why; nor relay before approval.
  const approve = card(carole).getByRole('button', { name: 'Approuver' });
  await expect(approve).toBeDisabled();
  await expect(approve).toHaveAccessibleDescription('Seul le COD approuve un message avant qu’il soit relayé.');
  await expect(card(carole).getByRole('button', { name: 'J’ai relayé' })).toBeDisabled();

  // A veilleur's modified client signs an approval anyway and shares it through the relay.
  const inv = readInvitation(malloryLink);
  const mallory = await hostileRelayClient(inv, server.syncUrl!);
  try {
    const entries = () => mallory.log.toArray().map((e) => e as { d: string; g: string });
    await expect.poll(() => entries().some((e) => e.d.includes('"k":"b"')), { timeout: 30_000 }).toBe(true);
    const created = entries().find((e) => JSON.parse(e.d).k === 'b')!;
    const messageId = JSON.parse(created.d).b as string;
    const inviteKey = createPrivateKey({ key: Buffer.from(inv.admission.key, 'base64url'), format: 'der', type: 'pkcs8' });
    const w = sign(null, Buffer.from(`vigie/join/v1:${inv.id}:${mallory.key.id}`), inviteKey).toString('base64url');
    mallory.log.push([
      ...inv.admission.chain,
      mallory.signed({ k: 'p', name: 'Mallory Veilleur', organisation: 'VISOV', i: inv.admission.id, w }),
      mallory.signed({ k: 'h', b: messageId, v: entryId(created.d), n: 1 }),
    ]);
    for (const p of [page, cod]) {
      await expect(p.getByTestId('rejected')).toBeVisible({ timeout: 30_000 });
      await openKit(p);
      await expect(card(p)).toHaveAttribute('data-status', 'a_approuver');
    }
    await page.getByTestId('rejected').click();
    const panel = page.getByRole('dialog', { name: 'Membres et entrées refusées' });
    await expect(panel.getByRole('list', { name: 'Entrées refusées' })).toContainText('seul le COD approuve un message à relayer');
    await panel.getByRole('button', { name: 'Fermer' }).click();
  } finally {
    mallory.stop();
  }

  // The COD approves; every copy sees it approved.
  await card(cod).getByRole('button', { name: 'Approuver' }).click();
  await expect(card(cod)).toContainText('Approuvé par Bruno COD');
  await expect(card(carole)).toHaveAttribute('data-status', 'approuve', { timeout: 30_000 });
  await expect(card(carole)).toContainText('Approuvé par Bruno COD');

  // Copier puts the platform's post on the clipboard: its variant, the link, the hashtags.
  await carole.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await card(carole).getByRole('button', { name: 'Copier pour X' }).click();
  await expect(kit(carole).getByRole('status')).toHaveText('Texte pour X copié.');
  expect(await carole.evaluate(() => navigator.clipboard.readText())).toBe(`Crue du Tarn 🌊 : montez à l’étage, coupez le gaz.\n\n${SOURCE}\n\n#Crue82 #Tarn`);

  // Two volunteers relay it: Carole on X, Alice on Facebook; a bad link is refused in French.
  await card(carole).getByRole('button', { name: 'J’ai relayé' }).click();
  const form = card(carole).getByRole('form', { name: 'J’ai relayé' });
  await form.getByLabel('Lien de ma publication').fill('javascript:alert(1)');
  await form.getByRole('button', { name: 'Enregistrer le relais' }).click();
  await expect(form.getByRole('alert')).toHaveText('Collez le lien de votre publication (adresse http ou https).');
  await form.getByRole('button', { name: 'Annuler' }).click();
  await relay(carole, 'x', 'https://x.com/carole_visov/status/1862000000000000001');
  await expect(card(page)).toHaveAttribute('data-status', 'approuve', { timeout: 30_000 });
  await relay(page, 'facebook', 'https://www.facebook.com/visov/posts/4242');

  // The coverage, on the COD's copy: who relayed where and when, and what is still to relay.
  const coverage = kit(cod).getByRole('region', { name: 'Couverture' });
  const row = coverage.getByRole('row', { name: new RegExp(`^${TITLE}`) });
  await expect(row.locator('td[data-platform="x"]')).toContainText('Carole Petit', { timeout: 30_000 });
  await expect(row.locator('td[data-platform="facebook"]')).toContainText('Alice Martin', { timeout: 30_000 });
  await expect(row.locator('td[data-platform="bluesky"]')).toHaveText('personne');
  await expect(coverage.getByRole('list', { name: 'Reste à relayer' })).toHaveText(`${TITLE} : Bluesky, Mastodon`);
  expect(await cod.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();

  // Edited after approval: to approve again everywhere; the relays made stay, marked as an earlier version.
  await card(page).getByRole('button', { name: 'Modifier' }).click();
  const edit = card(page).getByRole('form', { name: 'Modifier le message' });
  await edit.getByLabel('Texte du message').fill('Crue du Tarn : montez à l’étage et attendez les secours.');
  await edit.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(card(page)).toHaveAttribute('data-status', 'modifie');
  await expect(card(cod)).toContainText('Modifié depuis l’approbation', { timeout: 30_000 });
  await expect(card(cod)).toContainText('Approuvé par Bruno COD');
  await expect(card(cod)).toContainText('puis modifié : à approuver de nouveau');
  await expect(card(cod).getByRole('button', { name: 'J’ai relayé' })).toBeDisabled();
  await expect(row.locator('td[data-platform="x"]')).toContainText('(version précédente)');
});
