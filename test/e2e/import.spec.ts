// Importing the team's spreadsheet through « Importer »: mapping, « Rapport d'import », rows in the table;
// malformed files are refused in French and change nothing.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startCrisis, test } from './fixtures';

/** Windows-1252, as French Excel saves « CSV (séparateur : point-virgule) ». */
function cp1252(s: string): Buffer {
  const special: Record<string, number> = { '€': 0x80, '’': 0x92, '…': 0x85, 'œ': 0x9c, '«': 0xab, '»': 0xbb };
  return Buffer.from([...s].map((ch) => special[ch] ?? (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)));
}

const TEAM = [
  'Date;Heure;Réseau;Lien;Compte;Message;Commune;Latitude;Longitude;Catégorie;Priorité;Statut;Assigné à;Notes',
  '12/03/2026;14:30;Twitter;https://twitter.com/Prefet82/status/1900000000000000001?s=20;@Prefet82;Pont fermé à Moissac;Moissac;44,1036;1,0846;Route coupée;Urgent;Vérifié;Léa;Confirmé par le SDIS',
  '12/03/2026;15:05;Facebook;https://m.facebook.com/story.php?story_fbid=123&id=456&fbclid=abc;Jean D.;"Famille bloquée sur le toit; 2 enfants";Montauban;;;Demande de secours;Urgence vitale;Nouveau;;',
  "12/03/26;16h10;Instagram;https://www.instagram.com/p/ABC123/;@riverain;Hauteur d'eau 1,20 m rue de la Paix;Castelsarrasin;;;Hauteur d’eau;Moyenne;En cours;Marc;",
  '13/03/2026;08:00;X;https://x.com/mairie82/status/1900000000000000004;@mairie82;Gymnase ouvert pour les sinistrés;Moissac;;;Hébergement;Info;Nouveau;;',
  '13/03/2026;09:00;X;https://x.com/a/status/1900000000000000005;@a;Coordonnées fausses;;123,4;1,2;Autre;Info;Nouveau;;',
  '13/03/2026;09:30;Web;"=HYPERLINK(""https://evil.example/"";""Cliquez"")";@b;Formule;;;;Autre;Info;Nouveau;;',
].join('\r\n');

const table = (page: Page) => page.getByRole('grid', { name: 'Tableau des remontées' });

async function openImport(page: Page) {
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  return page.getByRole('dialog', { name: 'Importer un tableau' });
}

test('le tableau de l’équipe s’importe : correspondance, rapport, lignes dans le tableau', async ({ page }) => {
  await startCrisis(page);
  // Already in the crisis: the same post as row 2 of the file, pasted as an x.com link.
  const capture = page.getByRole('form', { name: 'Saisie rapide' });
  await capture.getByLabel('Lien').fill('https://x.com/prefet82/status/1900000000000000001');
  await capture.getByLabel('Texte').fill('Déjà saisi : pont fermé');
  await capture.getByLabel('Texte').press('Control+Enter');
  await expect(table(page)).toHaveAttribute('aria-rowcount', '2');

  const dialog = await openImport(page);
  await dialog.getByLabel('Fichier à importer').setInputFiles({ name: 'Suivi crue Tarn.csv', mimeType: 'text/csv', buffer: cp1252(TEAM) });

  const mapping = page.getByRole('dialog', { name: 'Correspondance des colonnes' });
  await expect(mapping.getByText(/Windows-1252/)).toBeVisible();
  await expect(mapping.getByLabel('Colonne « Message »')).toHaveValue('text');
  await expect(mapping.getByLabel('Colonne « Réseau »')).toHaveValue('platform');
  await expect(mapping.getByLabel('Colonne « Assigné à »')).toHaveValue('assignee');
  await expect(mapping.getByLabel('Colonne « Heure »')).toHaveValue('time');
  // Preview of the first rows, as text.
  await expect(mapping.getByRole('cell', { name: 'Pont fermé à Moissac', exact: true })).toBeVisible();
  // Values guessed, then one changed by the user: "Moyenne" becomes P2.
  await expect(mapping.getByLabel('Catégorie « Route coupée »')).toHaveValue('routes');
  await expect(mapping.getByLabel('Priorité « Urgence vitale »')).toHaveValue('P1');
  await mapping.getByLabel('Priorité « Moyenne »').selectOption('P2');
  await mapping.getByRole('button', { name: "Vérifier l'import" }).click();

  const report = page.getByRole('dialog', { name: "Rapport d'import" });
  await expect(report.getByText('Lignes lues : 6')).toBeVisible();
  await expect(report.getByText('Rejetées : 2')).toBeVisible();
  await expect(report.getByText('Doublons : 1')).toBeVisible();
  await expect(report.getByText('Ligne 6 — coordonnées invalides : latitude 123,4 hors limites (−90 à 90)')).toBeVisible();
  await expect(report.getByText(/^Ligne 7 — colonne « Lien » : formule « =HYPERLINK\(/)).toBeVisible();
  await expect(report.getByText('Ligne 2 — même lien qu’une remontée existante : « Déjà saisi : pont fermé »')).toBeVisible();
  await expect(report.getByLabel('Ignorer les doublons (recommandé)')).toBeChecked();
  await report.getByRole('button', { name: 'Importer les 3 lignes valides' }).click();
  await expect(report.getByText('3 remontée(s) importée(s).')).toBeVisible();
  await report.getByRole('button', { name: 'Fermer' }).last().click();

  await expect(table(page)).toHaveAttribute('aria-rowcount', '5');
  const row = (text: string) => table(page).getByRole('row').filter({ hasText: text });
  await expect(row('Famille bloquée sur le toit; 2 enfants')).toContainText('P1');
  await expect(row('Famille bloquée sur le toit; 2 enfants')).toContainText('Montauban');
  await expect(row('Hauteur d')).toContainText('P2');
  await expect(row('Gymnase ouvert')).toBeVisible();
  await expect(table(page).getByRole('row').filter({ hasText: 'Pont fermé à Moissac' })).toHaveCount(0); // not doubled
  await expect(page.getByText('Cliquez')).toHaveCount(0);

  // Durable, and the mapping is remembered for the crisis.
  await page.reload();
  await page.getByRole('button', { name: 'Ouvrir Crue du Tarn' }).click();
  await expect(table(page)).toHaveAttribute('aria-rowcount', '5');
  await (await openImport(page)).getByLabel('Fichier à importer').setInputFiles({ name: 'encore.csv', mimeType: 'text/csv', buffer: cp1252(TEAM) });
  await expect(page.getByRole('dialog', { name: 'Correspondance des colonnes' }).getByLabel('Priorité « Moyenne »')).toHaveValue('P2');
});

test('un fichier malformé est refusé en français et ne change rien', async ({ page }, testInfo) => {
  await startCrisis(page);
  await expect(table(page)).toHaveAttribute('aria-rowcount', '1');
  const dialog = await openImport(page);
  const input = dialog.getByLabel('Fichier à importer');
  const alert = dialog.getByRole('alert');

  const huge = testInfo.outputPath('enorme.csv');
  await mkdir(dirname(huge), { recursive: true });
  await writeFile(huge, Buffer.alloc(50 * 1024 * 1024, 'a'));
  await input.setInputFiles(huge);
  await expect(alert).toHaveText('Fichier trop volumineux (50 Mo) : la limite est de 45 Mo. Découpez le tableau en plusieurs fichiers. Rien n’a été importé.');

  await input.setInputFiles({ name: 'deux-points.csv', mimeType: 'text/csv', buffer: Buffer.from('Lien:Texte\nhttps://a.fr/:crue\n') });
  await expect(alert).toContainText('Séparateur non reconnu : une seule colonne trouvée');

  await input.setInputFiles({ name: 'tableau.csv', mimeType: 'text/csv', buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 6, 0]) });
  await expect(alert).toContainText('classeur Excel ou OpenDocument (.xlsx, .ods), pas un CSV');

  await input.setInputFiles({ name: 'utf16.csv', mimeType: 'text/csv', buffer: Buffer.from('Lien;Texte\r\nhttps://a.fr/;crue\r\n', 'utf16le') });
  await expect(alert).toContainText('Encodage non reconnu');

  await input.setInputFiles({ name: 'carte.kml', mimeType: 'application/xml', buffer: Buffer.from('<kml><Placemark><name>a</name></kml>') });
  await expect(alert).toContainText('KML illisible : le XML est mal formé');

  // Missing columns: said at the mapping step.
  await input.setInputFiles({ name: 'communes.csv', mimeType: 'text/csv', buffer: Buffer.from('Commune;Catégorie\nMoissac;Crue\n') });
  const mapping = page.getByRole('dialog', { name: 'Correspondance des colonnes' });
  await mapping.getByRole('button', { name: "Vérifier l'import" }).click();
  await expect(mapping.getByRole('alert')).toContainText('Colonnes manquantes : il faut au moins une colonne « Lien » ou « Texte »');
  await mapping.getByRole('button', { name: 'Annuler' }).click();

  // Every row invalid: the report says why, nothing can be imported, cancel.
  const again = await openImport(page);
  await again.getByLabel('Fichier à importer').setInputFiles({ name: 'coords.csv', mimeType: 'text/csv', buffer: Buffer.from('Texte;Latitude;Longitude\ncrue;abc;1,2\ncrue;44,1;\n') });
  await page.getByRole('dialog', { name: 'Correspondance des colonnes' }).getByRole('button', { name: "Vérifier l'import" }).click();
  const report = page.getByRole('dialog', { name: "Rapport d'import" });
  await expect(report.getByText('Ligne 2 — coordonnées invalides : latitude « abc » n’est pas un nombre (ex. 44,1036 ou 44.1036)')).toBeVisible();
  await expect(report.getByText('Ligne 3 — latitude « 44,1 » sans longitude')).toBeVisible();
  await expect(report.getByRole('button', { name: 'Aucune ligne à importer.' })).toBeDisabled();
  await report.getByRole('button', { name: 'Annuler' }).click();

  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(table(page)).toHaveAttribute('aria-rowcount', '1');
});
