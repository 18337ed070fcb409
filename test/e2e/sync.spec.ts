import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { expect, test } from './fixtures';
import { invitationCode, plainPeer, readInvitation } from './plain-peer';
import { openSeededCrisis } from './seed';
import { capture, copyOf, invitationLink, join, rowOf, setAddresses, startCrisis, webrtcPeers } from './sync-helpers';

let s1: RelayServer;
let s2: RelayServer;
test.beforeAll(async () => {
  s1 = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => undefined });
  s2 = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => undefined });
});
test.afterAll(async () => {
  await s1.close();
  await s2.close();
});

test('trois copies et un pair Node convergent par WebRTC, même reliés indirectement, à travers une partition', async ({ browser, page, guard }) => {
  test.setTimeout(120_000);
  const a = page;
  await startCrisis(a);
  await setAddresses(a, [s1.signalingUrl!]);
  const link = await invitationLink(a);

  // A–B through s1, B–C through s2: A and C never meet, B passes updates on. Each joins with an
  // invitation carrying its own addresses.
  const withAddresses = (signaling: string[]) => {
    const inv = readInvitation(link);
    const code = invitationCode({ ...inv, addresses: { ...inv.addresses, signaling } });
    return link.replace(/#\/join\/.*$/, `#/join/${code}`);
  };
  const { page: b } = await copyOf(browser, guard.errors);
  const { page: c } = await copyOf(browser, guard.errors);
  await join(b, withAddresses([s1.signalingUrl!, s2.signalingUrl!]), 'Bob Durand');
  await join(c, withAddresses([s2.signalingUrl!]), 'Carole Petit');
  for (const p of [a, c]) await expect(webrtcPeers(p)).toHaveAttribute('data-peers', '1', { timeout: 30_000 });
  await expect(webrtcPeers(b)).toHaveAttribute('data-peers', '2', { timeout: 30_000 });
  await expect(a.getByRole('region', { name: 'Synchronisation' })).toContainText('Bob Durand');

  // A plain Node Yjs peer (y-webrtc + @roamhq/wrtc) behind the same signaling service as C.
  const inv = readInvitation(link);
  const node = plainPeer({ ...inv, addresses: { ...inv.addresses, signaling: [s2.signalingUrl!] } });
  await expect.poll(() => node.connected().length, { timeout: 20_000 }).toBe(2);
  node.join('Pair Node');

  await capture(a, 'Crue : le Tarn déborde à Moissac');
  await expect(rowOf(c, 'le Tarn déborde')).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => [...node.rows().values()].map((r) => r.text), { timeout: 10_000 }).toEqual(['Crue : le Tarn déborde à Moissac']);
  const sightingId = [...node.rows().keys()][0];
  await expect(a.getByTestId('unconfirmed')).toHaveAttribute('data-count', '0', { timeout: 10_000 });

  // Partition: B pauses; A, B and C edit the same sighting, two of them different fields.
  await b.getByRole('button', { name: 'Suspendre la synchronisation' }).click();
  await expect(webrtcPeers(a)).toHaveAttribute('data-peers', '0', { timeout: 20_000 });
  await rowOf(a, 'le Tarn déborde').click();
  await a.keyboard.press('1');
  await rowOf(b, 'le Tarn déborde').dblclick();
  const detailB = b.getByRole('complementary', { name: 'Détail de la remontée' });
  await detailB.getByLabel('Lieu', { exact: true }).fill('Quai du Port, Moissac');
  await detailB.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(detailB.getByRole('status')).toHaveText('Modifications enregistrées');
  await rowOf(c, 'le Tarn déborde').dblclick();
  const detailC = c.getByRole('complementary', { name: 'Détail de la remontée' });
  await detailC.getByLabel('Statut').selectOption({ label: 'En vérification' });
  await detailC.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(b.getByTestId('unconfirmed')).not.toHaveAttribute('data-count', '0');
  // The Node peer edits yet another field, as a plain Yjs client would: one signed entry.
  node.write({ k: 'e', s: sightingId, f: { category: 'routes' }, p: { category: 'autre' } });

  await b.getByRole('button', { name: 'Reprendre la synchronisation' }).click();
  for (const p of [a, b, c]) {
    const row = rowOf(p, 'le Tarn déborde');
    await expect(row).toContainText('P1', { timeout: 20_000 });
    await expect(row).toContainText('Quai du Port, Moissac');
    await expect(row).toContainText('En vérification');
    await expect(row).toContainText('Routes et transports coupés');
  }
  await expect
    .poll(() => node.rows().get(sightingId), { timeout: 20_000 })
    .toMatchObject({ priority: 'P1', placeText: 'Quai du Port, Moissac', status: 'en_verification', category: 'routes' });
  node.stop();
  await expect(b.getByTestId('unconfirmed')).toHaveAttribute('data-count', '0', { timeout: 10_000 });
});

test('un espace de 10 000 remontées parvient entier à un nouveau venu par WebRTC', async ({ browser, page, guard }) => {
  test.setTimeout(120_000);
  await openSeededCrisis(page, { n: 10_000 });
  await setAddresses(page, [s1.signalingUrl!]);
  const link = await invitationLink(page);

  const { page: newcomer } = await copyOf(browser, guard.errors);
  const started = Date.now();
  await join(newcomer, link, 'Nouvelle Recrue');
  await expect(webrtcPeers(newcomer)).toHaveAttribute('data-peers', '1', { timeout: 20_000 });
  const tabs = newcomer.getByRole('group', { name: 'Filtrer par statut' });
  await expect(tabs.getByRole('button', { name: /^En cours/ })).toHaveText('En cours 10000', { timeout: 60_000 });
  console.log(`10 000 remontées reçues par WebRTC en ${Date.now() - started} ms (depuis « Rejoindre »)`);
  await expect(rowOf(newcomer, 'Remontée n° 9999 :')).toBeVisible();
});

test('un espace de 10 000 remontées parvient entier à un nouveau venu par le relais seul', async ({ browser, page, guard }) => {
  test.setTimeout(120_000);
  await openSeededCrisis(page, { n: 10_000 });
  await setAddresses(page, [], [s1.syncUrl!]);
  await expect(page.getByTestId('relay-state')).toHaveText('Relais : à jour', { timeout: 30_000 });
  const link = await invitationLink(page);
  // The first copy leaves: the newcomer can only get the crisis from the relay.
  await page.getByRole('button', { name: 'Changer de crise' }).click();

  const { page: newcomer } = await copyOf(browser, guard.errors);
  const started = Date.now();
  await join(newcomer, link, 'Nouvelle Recrue');
  const tabs = newcomer.getByRole('group', { name: 'Filtrer par statut' });
  await expect(tabs.getByRole('button', { name: /^En cours/ })).toHaveText('En cours 10000', { timeout: 60_000 });
  console.log(`10 000 remontées reçues par le relais en ${Date.now() - started} ms (depuis « Rejoindre »)`);
  await expect(newcomer.getByTestId('relay-state')).toHaveText('Relais : à jour');
  await expect(newcomer.getByTestId('webrtc-peers')).toHaveCount(0);
});

test('la présence et « Je m’en occupe » se voient chez les autres', async ({ browser, page, guard }) => {
  await startCrisis(page);
  await setAddresses(page, [s1.signalingUrl!]);
  await capture(page, 'Personnes bloquées rue de la Paix');
  const link = await invitationLink(page);
  const { page: b } = await copyOf(browser, guard.errors);
  await join(b, link, 'Bob Durand');
  await expect(rowOf(b, 'rue de la Paix')).toBeVisible({ timeout: 20_000 });

  await rowOf(b, 'rue de la Paix').dblclick();
  await expect(rowOf(page, 'rue de la Paix')).toContainText('👁 Bob Durand', { timeout: 10_000 });
  const detailB = b.getByRole('complementary', { name: 'Détail de la remontée' });
  await detailB.getByLabel('Notes de vérification').fill('J’appelle le SDIS');
  await expect(rowOf(page, 'rue de la Paix')).toContainText('👁 Bob Durand ✎', { timeout: 10_000 });
  await detailB.getByRole('button', { name: 'Je m’en occupe' }).click();
  await expect(rowOf(page, 'rue de la Paix')).toContainText('✋ Bob Durand', { timeout: 10_000 });
  await rowOf(page, 'rue de la Paix').dblclick();
  const detailA = page.getByRole('complementary', { name: 'Détail de la remontée' });
  await expect(detailA).toContainText(/Pris en charge par Bob Durand jusqu’à/);
  await expect(detailA.getByRole('button', { name: 'Je m’en occupe' })).toHaveCount(0);
  await expect(detailA).toContainText('Consulté aussi par : Bob Durand (modifie)');

  await detailB.getByRole('button', { name: 'Libérer' }).click();
  await b.keyboard.press('Escape');
  await expect(rowOf(page, 'rue de la Paix').locator('.col-followUp')).toHaveText('', { timeout: 10_000 });
});
