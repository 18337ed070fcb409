// Opening several copies of Vigie in separate browser contexts (separate storage: separate
// copies; same-context pages would sync through BroadcastChannel and prove nothing about WebRTC).
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, startCrisis } from './fixtures';

export async function copyOf(browser: Browser, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}/`, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' || host === 'localhost' ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page };
}

export async function setAddresses(page: Page, signaling: string[], relay: string[] = []) {
  await page.getByRole('button', { name: 'Réglages de synchronisation' }).click();
  const dialog = page.getByRole('dialog', { name: 'Réglages de synchronisation' });
  await dialog.getByLabel('Serveurs de signalisation WebRTC').fill(signaling.join('\n'));
  await dialog.getByLabel('Relais (ws://…/sync)').fill(relay.join('\n'));
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Réglages enregistrés');
  await dialog.getByRole('button', { name: 'Fermer' }).click();
}

/** Creates an invitation (a signed admission with `role`) and reads its web link. */
export async function invitationLink(page: Page, role?: 'veilleur' | 'coordinateur' | 'cod'): Promise<string> {
  await page.getByRole('button', { name: 'Inviter' }).click();
  const dialog = page.getByRole('dialog', { name: /Inviter dans la crise/ });
  if (role) await dialog.getByLabel('Rôle de l’invité').selectOption(role);
  await dialog.getByRole('button', { name: 'Créer l’invitation' }).click();
  await expect(dialog.getByRole('img', { name: 'QR code de l’invitation' })).toBeVisible();
  const link = await dialog.getByLabel('Lien pour la version web').inputValue();
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  return link;
}

/** A new copy joins through the web link: identity, then the prefilled invitation. */
export async function join(page: Page, link: string, name: string) {
  await page.goto(link.replace(/^http:\/\/[^/]+\//, '/'));
  await page.getByLabel('Nom ou pseudonyme').fill(name);
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByRole('button', { name: 'Rejoindre', exact: true }).click();
}

export function webrtcPeers(page: Page) {
  return page.getByTestId('webrtc-peers');
}

export function rowOf(page: Page, text: string) {
  return page.getByRole('region', { name: 'Tableau des remontées' }).getByRole('row').filter({ hasText: text });
}

export async function capture(page: Page, text: string) {
  const form = page.getByRole('form', { name: 'Saisie rapide' });
  await form.getByLabel('Texte').fill(text);
  await form.getByLabel('Texte').press('Control+Enter');
  await expect(rowOf(page, text)).toBeVisible();
}

export { startCrisis };
