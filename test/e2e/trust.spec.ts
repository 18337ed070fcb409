// A hostile key holder, through the real relay and the real WebRTC mesh, against copies of the app:
// it can neither erase, nor forge, nor blank anything on another copy.
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { expect, test } from './fixtures';
import { creatorOf, hostileRelayClient } from './hostile-client';
import { plainPeer, readInvitation } from './plain-peer';
import { capture, copyOf, invitationLink, join, rowOf, setAddresses, startCrisis } from './sync-helpers';

let server: RelayServer;
test.beforeAll(async () => {
  server = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => undefined });
});
test.afterAll(async () => server.close());

const SIGHTINGS = ['Pont de Moissac fermé', 'Évacuation du camping des Trois Rivières', 'Coupure EDF à Castelsarrasin', 'Route D927 inondée'];
const ongoing = (p: Page) => p.getByRole('group', { name: 'Filtrer par statut' }).getByRole('button', { name: /^En cours/ });
const historyOf = async (p: Page, text: string) => {
  await rowOf(p, text).dblclick();
  const detail = p.getByRole('complementary', { name: 'Détail de la remontée' });
  const history = detail.getByRole('region', { name: 'Historique' });
  // The history is read from the journal when the detail opens.
  await expect(history).toHaveAttribute('aria-busy', 'false');
  const lines = await history.getByRole('listitem').count();
  await p.keyboard.press('Escape');
  return lines;
};

async function crisisOnRelay(page: Page) {
  await startCrisis(page);
  await setAddresses(page, [], [server.syncUrl!]);
  for (const text of SIGHTINGS) await capture(page, text);
  await rowOf(page, SIGHTINGS[0]).click();
  await page.keyboard.press('1');
  await expect(rowOf(page, SIGHTINGS[0])).toContainText('P1');
  await expect(page.getByTestId('relay-state')).toHaveText('Relais : à jour', { timeout: 20_000 });
}

test('par le relais : l’effacement, l’usurpation, l’élévation de rôle et les entrées piégées ne passent pas', async ({ browser, page, guard }) => {
  test.setTimeout(120_000);
  await crisisOnRelay(page);
  const link = await invitationLink(page, 'veilleur');
  const { page: bob } = await copyOf(browser, guard.errors);
  await join(bob, link, 'Bob Durand');
  await expect(ongoing(bob)).toHaveText('En cours 4', { timeout: 20_000 });
  const historyBefore = await historyOf(page, SIGHTINGS[0]);

  // Mallory holds the same invitation (a lost laptop): the key, and a veilleur's admission.
  const inv = readInvitation(link);
  const mallory = await hostileRelayClient(inv, server.syncUrl!);
  try {
    const alice = creatorOf(inv);
    const wiped = mallory.log.length;
    mallory.log.delete(0, mallory.log.length);
    const forged = mallory.signed({ k: 'c', s: 'faux0001', f: { text: 'Évacuez le quartier Sapiac', priority: 'P1' } });
    forged.d = forged.d.replace(mallory.key.id, alice);
    mallory.log.push([
      forged,
      mallory.signed({ k: 'p', name: 'Préfet (COD) — validé', organisation: 'Préfecture' }),
      mallory.signed({ k: 'm', m: mallory.key.id, role: 'cod' }),
      mallory.signed({ k: 'c', s: 'crash001', t: 1e300, f: { text: 'heure folle' } }),
      { d: JSON.stringify({ k: 'p', a: mallory.key.id, t: Date.now(), name: { $$typeof: 'x' }, organisation: '' }), g: 'A'.repeat(86) },
    ]);
    expect(wiped).toBeGreaterThan(4);

    // Every copy still shows every row and every history line, and says what it refused.
    for (const p of [page, bob]) {
      await expect(p.getByTestId('rejected')).toBeVisible({ timeout: 20_000 });
      await expect(ongoing(p)).toHaveText('En cours 4');
      await expect(rowOf(p, 'Sapiac')).toHaveCount(0);
      await expect(p.getByRole('region', { name: 'Synchronisation' })).not.toContainText('Préfet');
    }
    expect(await historyOf(page, SIGHTINGS[0])).toBe(historyBefore);
    await page.getByTestId('rejected').click();
    const panel = page.getByRole('dialog', { name: 'Membres et entrées refusées' });
    await expect(panel.getByRole('list', { name: 'Entrées refusées' })).toContainText('signature invalide');
    await expect(panel.getByRole('list', { name: 'Entrées refusées' })).toContainText('supprimée(s) du document partagé');
    await expect(panel.getByRole('table')).not.toContainText('Préfet');
    await panel.getByRole('button', { name: 'Fermer' }).click();
    // One of the two copies (whichever is first) shares the deleted entries again through the relay.
    const refused = async (p: Page) => {
      await p.getByRole('button', { name: 'Membres' }).click();
      const dialog = p.getByRole('dialog', { name: 'Membres et entrées refusées' });
      const text = (await dialog.getByRole('list', { name: 'Entrées refusées' }).textContent()) ?? '';
      await dialog.getByRole('button', { name: 'Fermer' }).click();
      return text;
    };
    await expect.poll(async () => /remise\(s\) en partage/.test((await refused(page)) + (await refused(bob))), { timeout: 20_000 }).toBe(true);

    // A copy that joins after the attack, from the relay alone, receives everything.
    await page.getByRole('button', { name: 'Changer de crise' }).click();
    await bob.getByRole('button', { name: 'Changer de crise' }).click();
    const { page: carol } = await copyOf(browser, guard.errors);
    await join(carol, link, 'Carole Petit');
    await expect(ongoing(carol)).toHaveText('En cours 4', { timeout: 30_000 });
    await expect(rowOf(carol, SIGHTINGS[0])).toContainText('P1');
    expect(await historyOf(carol, SIGHTINGS[0])).toBe(historyBefore);
  } finally {
    mallory.stop();
  }
});

test('par WebRTC : un pair qui efface tout et réécrit les statuts n’y change rien', async ({ browser, page, guard }) => {
  test.setTimeout(120_000);
  await startCrisis(page);
  await setAddresses(page, [server.signalingUrl!]);
  for (const text of SIGHTINGS) await capture(page, text);
  const link = await invitationLink(page, 'veilleur');
  const inv = readInvitation(link);
  const vandal = plainPeer(inv);
  try {
    await expect.poll(() => vandal.rows().size, { timeout: 20_000 }).toBe(4);
    vandal.join('Vandale');
    const [id] = [...vandal.rows().keys()];
    // A veilleur may not forward to the COD, nor go from « nouveau » to « traité ».
    vandal.write({ k: 'e', s: id, f: { status: 'transmis' }, p: { status: 'nouveau' } });
    vandal.write({ k: 'e', s: id, f: { status: 'traite' }, p: { status: 'nouveau' } });
    const log = vandal.doc.getArray('log');
    log.delete(0, log.length);
    await expect(page.getByTestId('rejected')).toBeVisible({ timeout: 20_000 });
    await expect(ongoing(page)).toHaveText('En cours 4');
    for (const text of SIGHTINGS) await expect(rowOf(page, text)).toContainText('Nouveau');
    // The app put the entries back in the shared document: the vandal receives them again.
    await expect.poll(() => vandal.rows().size, { timeout: 20_000 }).toBe(4);
    const { page: bob } = await copyOf(browser, guard.errors);
    await join(bob, link, 'Bob Durand');
    await expect(ongoing(bob)).toHaveText('En cours 4', { timeout: 30_000 });
  } finally {
    vandal.stop();
  }
});

test('3 000 entrées au hasard ou piégées par le relais : l’application tient, aucune ligne valide ne change, rien ne se perd', async ({ page }) => {
  test.setTimeout(120_000);
  await crisisOnRelay(page);
  const link = await invitationLink(page, 'veilleur');
  const inv = readInvitation(link);
  const rowsBefore = await page.getByRole('region', { name: 'Tableau des remontées' }).locator('[role=row][data-id]').allInnerTexts();
  const fuzzer = await hostileRelayClient(inv, server.syncUrl!);
  try {
    const alice = creatorOf(inv);
    const ids = (await (async () => [...new Set(fuzzer.log.toArray().map((e) => { try { return JSON.parse((e as { d: string }).d).s; } catch { return undefined; } }).filter(Boolean))])()) as string[];
    const pick = <T,>(xs: readonly T[], i: number) => xs[i % xs.length]!;
    const junk = [null, 42, 'texte', [], {}, { d: 1, g: 2 }, { d: '{', g: 'x'.repeat(86) }, { d: 'x'.repeat(200_000), g: 'x'.repeat(86) }, true, -0, 1e308];
    const values: unknown[] = [];
    for (let i = 0; i < 3000; i++) {
      const kind = i % 6;
      if (kind === 0) values.push(pick(junk, i));
      else if (kind === 1) values.push({ d: randomBytes(50 + (i % 400)).toString('latin1'), g: randomBytes(64).toString('base64url') });
      else if (kind === 2) values.push(fuzzer.signed({ k: pick(['c', 'e', 'm', 'p', 'r', 'k', 'u', 'v', 'x', 'z'], i), s: pick(ids, i), a: alice, t: pick([1e300, -1, 'hier', Date.now(), NaN], i), f: { text: { html: '<img src=x onerror=alert(1)>' }, lat: 45 }, p: 'x', name: [1], m: alice, role: 'cod', u: 1e16 }));
      else if (kind === 3) values.push(fuzzer.signed({ k: 'e', s: pick(ids, i), f: { priority: 'P1', status: 'traite' }, p: { status: 'nouveau' } }));
      else if (kind === 4) values.push({ ...fuzzer.signed({ k: 'c', s: `fuzz${i}`, f: { text: 'x' } }), g: 'B'.repeat(86) });
      else values.push(fuzzer.signed({ k: 'p', name: 'x'.repeat(500), organisation: { toString: 1 } }));
    }
    for (let i = 0; i < values.length; i += 300) fuzzer.log.push(values.slice(i, i + 300));
    await expect(page.getByTestId('rejected')).toBeVisible({ timeout: 30_000 });
    // (Identical bodies count once; the unadmitted fuzzer's well-formed entries wait aside.)
    await expect.poll(async () => Number(await page.getByTestId('rejected').getAttribute('data-count')), { timeout: 30_000 }).toBeGreaterThan(1500);
    await expect(page.getByTestId('waiting')).toBeVisible();
  } finally {
    fuzzer.stop();
  }
  // Still rendering, still working, nothing valid changed or lost.
  await expect(ongoing(page)).toHaveText('En cours 4');
  expect(await page.getByRole('region', { name: 'Tableau des remontées' }).locator('[role=row][data-id]').allInnerTexts()).toEqual(rowsBefore);
  await capture(page, 'Après le fuzz : tout fonctionne');
  await page.getByRole('button', { name: 'Membres' }).click();
  await expect(page.getByRole('dialog', { name: 'Membres et entrées refusées' }).getByRole('list', { name: 'Entrées refusées' })).toBeVisible();
});

test('un ordinateur perdu : le coordinateur retire le membre et change la clé ; les autres continuent, lui ne reçoit plus rien', async ({ browser, page, guard }) => {
  test.setTimeout(120_000);
  await startCrisis(page);
  await setAddresses(page, [server.signalingUrl!]);
  await capture(page, 'Avant la perte');
  const { page: bob } = await copyOf(browser, guard.errors);
  const { page: carol } = await copyOf(browser, guard.errors);
  await join(bob, await invitationLink(page, 'veilleur'), 'Bob Durand');
  await join(carol, await invitationLink(page, 'veilleur'), 'Carole Petit');
  for (const p of [bob, carol]) await expect(rowOf(p, 'Avant la perte')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Synchronisation' })).toContainText('Carole Petit', { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Synchronisation' })).toContainText('Bob Durand', { timeout: 20_000 });

  page.on('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Membres' }).click();
  const panel = page.getByRole('dialog', { name: 'Membres et entrées refusées' });
  await panel.getByRole('row').filter({ hasText: 'Bob Durand' }).getByRole('button', { name: 'Retirer' }).click();
  await expect(panel.getByRole('row').filter({ hasText: 'Bob Durand' })).toContainText('Retiré le');
  await panel.getByRole('button', { name: 'Changer la clé de la crise' }).click();

  // Alice and Carole move to the new key and meet again; Bob's copy is told nothing it can open.
  await expect(page.locator('.workspace[data-epoch="1"]')).toBeVisible({ timeout: 30_000 });
  await expect(carol.locator('.workspace[data-epoch="1"]')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Synchronisation' })).toContainText('Carole Petit', { timeout: 30_000 });
  await capture(page, 'Après le changement de clé');
  await expect(rowOf(carol, 'Après le changement de clé')).toBeVisible({ timeout: 30_000 });
  await capture(carol, 'Carole continue');
  await expect(rowOf(page, 'Carole continue')).toBeVisible({ timeout: 30_000 });
  await expect(rowOf(bob, 'Avant la perte')).toBeVisible();
  await expect(rowOf(bob, 'Après le changement de clé')).toHaveCount(0);
  // The removed copy cannot write to the others any more (its own copy refuses, and the others would).
  const form = bob.getByRole('form', { name: 'Saisie rapide' });
  await form.getByLabel('Texte').fill('Écrit par l’ordinateur perdu');
  await form.getByLabel('Texte').press('Control+Enter');
  await expect(bob.getByText(/membre retiré/).first()).toBeVisible();
  await page.waitForTimeout(2000);
  await expect(rowOf(page, 'ordinateur perdu')).toHaveCount(0);
});
