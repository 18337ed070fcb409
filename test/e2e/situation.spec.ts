// The point de situation: the report of a seeded crisis, printed to PDF by Chromium (the engine the
// desktop shell's printToPDF uses, with the print media the report's styles target), and read back
// with a PDF text extractor: the P1 sightings, the counts and « Diffusion restreinte » on every page.
import { expect, test } from './fixtures';
import { pdfPages } from './pdf-text';
import { openSeededCrisis } from './seed';

const N = 24;
const COMMUNES = [
  { communeName: 'Moissac', communeInsee: '82112' },
  { communeName: 'Montauban', communeInsee: '82121' },
  { communeName: 'Castelsarrasin', communeInsee: '82033' },
];
// Sighting i is P1 when i % 4 === 0 (test/e2e/seed.ts); the first one carries HTML, to be shown as text.
const textOf = (i: number) => (i === 0 ? 'Famille sur le toit <img src=x onerror=alert(1)> rue du Port' : `Remontée n° ${i} : eau dans les rues`);

test('un point de situation PDF contient les remontées P1 et les décomptes, « Diffusion restreinte » sur chaque page', async ({ page }) => {
  test.setTimeout(90_000);
  await openSeededCrisis(page, { n: N, located: true, fields: (i) => ({ text: textOf(i), ...COMMUNES[i % 3] }) });
  await expect(page.getByRole('row', { name: /Remontée n° 5 / })).toBeVisible();

  await page.getByRole('button', { name: 'Point', exact: true }).click();
  const report = page.getByRole('article', { name: 'Point de situation' });
  // The seeded crisis is older than 12 h: the default period holds nothing, « Depuis le début » all.
  await expect(report).toHaveAttribute('data-total', '0');
  await page.getByRole('button', { name: 'Depuis le début' }).click();
  await expect(report).toHaveAttribute('data-total', String(N));
  await expect(report).toHaveAttribute('data-ready', 'yes');
  await expect(report.getByRole('img', { name: 'Carte des remontées de la période' })).toBeVisible();
  await expect(report).toContainText(textOf(0));
  expect(await report.locator('img').count()).toBe(0);

  // The web build prints through the browser's dialog.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await page.getByRole('button', { name: 'Imprimer / PDF' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: 'test-results/situation-print.png', fullPage: true });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  const pages = await pdfPages(new Uint8Array(pdf));
  const all = pages.join(' ');
  expect(pages.length).toBeGreaterThanOrEqual(2);
  for (const [i, text] of pages.entries()) expect(text, `page ${i + 1}`).toMatch(/DIFFUSION RESTREINTE/i);
  expect(all).toContain('Point de situation — Crue du Tarn');
  expect(all).toContain('82 Tarn-et-Garonne');
  expect(all).toContain('Alice Martin');
  // The P1 sightings (0, 4, 8 … 20), listed; the others are not.
  expect(all).toContain(`Remontées P1 (${N / 4})`);
  for (let i = 0; i < N; i += 4) expect(all).toContain(textOf(i));
  expect(all).not.toContain(textOf(5));
  // The counts: the total, by status, by commune.
  expect(all).toContain(`${N} remontée(s) dans la période`);
  expect(all).toMatch(new RegExp(`Nouveau ${N}\\b`));
  expect(all).toMatch(/Moissac \(82112\) 8 2\b/);
  expect(all).toMatch(/Montauban \(82121\) 8 2\b/);
  // No relay data yet: the section is there and says so.
  expect(all).toMatch(/Messages relayés et couverture —/);
  // The page itself, back on screen, is untouched.
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('grid')).toHaveCount(0);
});
