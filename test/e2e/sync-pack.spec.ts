import { readFile, writeFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { capture, copyOf, invitationLink, join, rowOf, startCrisis } from './sync-helpers';

test('un paquet de synchronisation passe d’une copie à l’autre sans réseau, une seule fois, et refuse un fichier abîmé', async ({ browser, page, guard }, info) => {
  await startCrisis(page);
  await capture(page, 'Digue de Lafrançaise surveillée');
  await capture(page, 'Gymnase de Moissac ouvert aux sinistrés');
  const link = await invitationLink(page);

  await page.getByRole('button', { name: 'Paquet de synchronisation' }).click();
  const dialogA = page.getByRole('dialog', { name: 'Paquet de synchronisation' });
  const [download] = await Promise.all([page.waitForEvent('download'), dialogA.getByRole('button', { name: 'Exporter un paquet' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^vigie-crue-du-tarn-\d{8}-\d{4}\.vigiesync$/);
  const packPath = info.outputPath('crise.vigiesync');
  await download.saveAs(packPath);
  await expect(dialogA.getByRole('status')).toContainText('Paquet enregistré');

  // Another copy, with no network address at all.
  const { page: b } = await copyOf(browser, guard.errors);
  await join(b, link, 'Bob Durand');
  await b.getByRole('button', { name: 'Paquet de synchronisation' }).click();
  const dialogB = b.getByRole('dialog', { name: 'Paquet de synchronisation' });
  await dialogB.getByLabel('Importer un paquet').setInputFiles(packPath);
  await expect(dialogB.getByRole('status')).toContainText(/Paquet importé : \d+ modification\(s\) nouvelle\(s\)/);
  await dialogB.getByLabel('Importer un paquet').setInputFiles(packPath);
  await expect(dialogB.getByRole('status')).toHaveText('Rien de nouveau : ce paquet était déjà intégré.');

  // A damaged file: refused in French, nothing changes.
  const bytes = await readFile(packPath);
  const damaged = info.outputPath('abime.vigiesync');
  bytes[bytes.length - 5] ^= 0xff;
  await writeFile(damaged, bytes);
  await dialogB.getByLabel('Importer un paquet').setInputFiles(damaged);
  await expect(dialogB.getByRole('alert')).toContainText('corrompu');
  await writeFile(damaged, bytes.subarray(0, bytes.length / 2));
  await dialogB.getByLabel('Importer un paquet').setInputFiles(damaged);
  await expect(dialogB.getByRole('alert')).toContainText('tronqué');
  await dialogB.getByRole('button', { name: 'Fermer' }).click();

  await b.reload();
  await b.getByRole('button', { name: 'Ouvrir Crue du Tarn' }).click();
  await expect(b.getByRole('region', { name: 'Tableau des remontées' }).locator('[role=row][data-id]')).toHaveCount(2);
  await expect(rowOf(b, 'Gymnase de Moissac')).toBeVisible();
});
