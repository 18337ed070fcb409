// Rumours as their own records, across two copies over the relay: a volunteer captures three reposts
// of one false claim and gathers them under one rumour, debunks it with the official correction; the
// coordinator, on the other copy, makes it public; the volunteer sees it published; and the public
// export's « Rumeurs démenties » layer holds the claim, the correction and its link, at the centre of
// the communes where it circulated, with nothing of the reposts.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { startRelayServer, type RelayServer } from '../../src-main/services/relay-server';
import { expect, test } from './fixtures';
import { copyOf, invitationLink, join, rowOf, setAddresses, startCrisis } from './sync-helpers';

let server: RelayServer;
test.beforeAll(async () => {
  server = await startRelayServer({ host: '127.0.0.1', port: 0, log: () => undefined });
});
test.afterAll(async () => server.close());

const CLAIM = 'Le barrage de Bouillac a cédé';
const CORRECTION = 'La préfecture dément : le barrage de Bouillac tient, aucune évacuation n’est demandée.';
const OFFICIAL = 'https://www.tarn-et-garonne.gouv.fr/actualites/dementi-barrage';
const EVIDENCE = 'PREUVE-INTERNE appel à EDF 14h10';
const REPOSTS = [
  { url: 'https://x.com/compte_prive_un/status/1111', text: 'REPOST-1 URGENT le barrage de Bouillac a cédé, partagez', place: 'moissac' },
  { url: 'https://www.facebook.com/compte.prive.deux/posts/2222', text: 'REPOST-2 barrage de Bouillac rompu, évacuez Moissac', place: 'moissac' },
  { url: 'https://x.com/compte_prive_trois/status/3333', text: 'REPOST-3 le barrage a lâché, l’eau arrive', place: 'castelsarrasin' },
];

async function captureRepost(page: Page, r: (typeof REPOSTS)[number]) {
  const form = page.getByRole('form', { name: 'Saisie rapide' });
  await form.getByLabel('Lien').fill(r.url);
  await form.getByLabel('Texte').fill(r.text);
  await form.getByLabel('Lieu').fill(r.place);
  await form.getByLabel('Lieu').press('Control+Enter');
  await expect(rowOf(page, r.text.slice(0, 8))).toBeVisible();
}

const rumoursTab = (page: Page) => page.getByRole('button', { name: 'Rumeurs', exact: true });
const region = (page: Page) => page.getByRole('region', { name: 'Rumeurs', exact: true });
const card = (page: Page) => region(page).getByRole('listitem', { name: CLAIM });

test('une rumeur rassemble trois reprises, est démentie, publiée par la coordinatrice et sort sur la couche « Rumeurs démenties »', async ({ browser, page, guard }) => {
  test.setTimeout(150_000);
  const alice = page;
  await startCrisis(alice);
  await setAddresses(alice, [server.signalingUrl!], [server.syncUrl!]);
  const link = await invitationLink(alice, 'veilleur');
  const { page: bob } = await copyOf(browser, guard.errors);
  await join(bob, link, 'Bob Durand');
  await expect(bob.getByRole('heading', { name: 'Crue du Tarn' })).toBeVisible({ timeout: 20_000 });

  // Bob, on watch, captures three reposts of the same claim.
  for (const r of REPOSTS) await captureRepost(bob, r);

  // The first one selected, a new rumour from the region: the claim is required (French message).
  await rowOf(bob, 'REPOST-1').click();
  await rumoursTab(bob).click();
  await expect(region(bob).getByText('Aucune rumeur pour le moment', { exact: false })).toBeVisible();
  await region(bob).getByRole('button', { name: 'Nouvelle rumeur', exact: true }).click();
  const form = region(bob).getByRole('form', { name: 'Nouvelle rumeur' });
  await form.getByRole('button', { name: 'Créer la rumeur' }).click();
  await expect(form.getByRole('alert')).toHaveText('Écrivez la rumeur en une phrase.');
  await form.getByLabel('La rumeur, en une phrase').fill(CLAIM);
  await expect(form.getByLabel('Lier la remontée sélectionnée (1)')).toBeChecked();
  await form.getByRole('button', { name: 'Créer la rumeur' }).click();
  await expect(region(bob).getByRole('status').first()).toHaveText('Rumeur créée.');
  await expect(card(bob)).toContainText('1 remontée(s) · X (Twitter) : 1');

  // The two other reposts, selected in the table, linked from the region.
  for (const text of ['REPOST-2', 'REPOST-3']) {
    await bob.getByRole('button', { name: 'Remontées', exact: true }).click();
    await rowOf(bob, text).click();
    await rumoursTab(bob).click();
    await card(bob).getByRole('button', { name: 'Lier la remontée sélectionnée' }).click();
  }
  await expect(card(bob)).toContainText('3 remontée(s) · X (Twitter) : 2, Facebook : 1 · vue pour la première fois le');
  await expect(card(bob)).toContainText('Créée par Bob Durand');

  // Debunked, with the evidence, the correction and its link. A volunteer may not publish.
  await card(bob).getByLabel('Verdict').selectOption({ label: 'Fausse' });
  await card(bob).getByRole('button', { name: 'Modifier' }).click();
  await card(bob).getByLabel('Éléments de vérification (internes)').fill(EVIDENCE);
  await card(bob).getByLabel('Correction officielle à relayer').fill(CORRECTION);
  await card(bob).getByLabel('Lien de la correction officielle').fill('javascript:alert(1)');
  await card(bob).getByRole('button', { name: 'Enregistrer la rumeur' }).click();
  await expect(card(bob).getByRole('alert')).toHaveText('Lien refusé : seuls les liens http(s) sont acceptés.');
  await card(bob).getByLabel('Lien de la correction officielle').fill(OFFICIAL);
  await card(bob).getByRole('button', { name: 'Enregistrer la rumeur' }).click();
  await expect(card(bob).getByRole('status')).toHaveText('Rumeur enregistrée.');
  await expect(card(bob)).toContainText(`Correction : ${CORRECTION}`);
  await expect(card(bob).getByLabel('Publier dans « Rumeurs démenties »')).toHaveCount(0);
  await expect(card(bob)).toContainText('peut être publiée par un coordinateur ou le COD');

  // Alice, the coordinator, sees it on her copy and makes it public.
  await rumoursTab(alice).click();
  await expect(card(alice)).toContainText('3 remontée(s) · X (Twitter) : 2, Facebook : 1', { timeout: 20_000 });
  await expect(card(alice).getByLabel('Verdict')).toHaveValue('fausse', { timeout: 20_000 });
  await expect(card(alice)).toContainText(`Correction : ${CORRECTION}`, { timeout: 20_000 });
  // The box shows what is written: it turns checked once the signed entry is stored.
  await card(alice).getByLabel('Publier dans « Rumeurs démenties »').click();
  await expect(card(alice).getByLabel('Publier dans « Rumeurs démenties »')).toBeChecked();

  // Seen on Bob's copy.
  await expect(card(bob).getByText('Publiée dans « Rumeurs démenties »')).toBeVisible({ timeout: 20_000 });

  // The public export: reviewed in « Ce qui sera public » as one information, then written as GeoJSON.
  await alice.getByRole('button', { name: 'Exporter la carte publique' }).click();
  const dialog = alice.getByRole('dialog', { name: 'Ce qui sera public' });
  await expect(dialog.getByText('1 information(s) publique(s), dont 0 avec des données personnelles probables.')).toBeVisible();
  const item = dialog.getByRole('listitem', { name: CLAIM });
  await expect(item).toContainText('Rumeur démentie');
  await expect(item).toContainText('Castelsarrasin, Moissac (Commune)');
  await expect(item.getByLabel('Rumeur (texte public)')).toHaveValue(CLAIM);
  await expect(item.getByLabel('Correction officielle')).toHaveValue(CORRECTION);
  await dialog.getByLabel('Format du fichier').selectOption('geojson');
  await dialog.getByRole('button', { name: 'Exporter (1)' }).click();
  const downloading = alice.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Confirmer et enregistrer le fichier' }).click();
  const download = await downloading;
  const path = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const text = await readFile(path, 'utf8');
  const geojson = JSON.parse(text) as { features: { geometry: { coordinates: [number, number] } | null; properties: Record<string, string> }[] };
  const rumours = geojson.features.filter((f) => f.properties.couche === 'Rumeurs démenties');
  expect(rumours.map((f) => [f.properties.name, f.properties.description, f.properties.source, f.properties.commune, f.properties.precision])).toEqual([
    [CLAIM, CORRECTION, OFFICIAL, 'Castelsarrasin', 'Commune'],
    [CLAIM, CORRECTION, OFFICIAL, 'Moissac', 'Commune'],
  ]);
  const [lon, lat] = rumours[1]!.geometry!.coordinates;
  expect(Math.abs(lat - 44.1)).toBeLessThan(0.05);
  expect(Math.abs(lon - 1.08)).toBeLessThan(0.05);
  expect(geojson.features).toHaveLength(2);
  for (const value of ['compte_prive', 'compte.prive', 'REPOST-', 'PREUVE-INTERNE', 'Bob Durand', 'x.com', 'facebook.com']) expect(text, value).not.toContain(value);
  await expect(dialog.getByText('Fichier enregistré et inscrit dans l’historique des exports (1 remontées).')).toBeVisible();
});
