// The workspace on the two screens it is laid out for (a 1366×768 laptop, a 1920×1080 COD screen):
// the undo strip nothing covers, the table's focus and selection, icons that need no emoji font, how
// many rows and how wide the text, and the full-screen map.
import type { Page } from '@playwright/test';
import { expect, startCrisis, test } from './fixtures';
import { openSeededCrisis } from './seed';

const LAPTOP = { width: 1366, height: 768 };
const COD = { width: 1920, height: 1080 };

const table = (page: Page) => page.getByRole('grid', { name: 'Tableau des remontées' });
const rows = (page: Page) => table(page).locator('[role=row][data-id]');
const row = (page: Page, n: number) => table(page).getByRole('row').filter({ hasText: `Remontée n° ${n} :` });

/** Rows wholly inside the table's scrolling area, and each visible column's width. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const area = document.querySelector('[data-testid=table-scroller]')!.getBoundingClientRect();
    const visible = [...document.querySelectorAll('[role=grid] [role=row][data-id]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= area.top - 0.5 && b.bottom <= area.bottom + 0.5;
    }).length;
    const columns: Record<string, number> = {};
    for (const h of document.querySelectorAll<HTMLElement>('[role=grid] [role=columnheader]')) {
      const width = h.getBoundingClientRect().width;
      if (width > 0) columns[[...h.classList].find((c) => c.startsWith('col-'))!.slice(4)] = width;
    }
    return { visible, columns };
  });
}

for (const [name, viewport] of [
  ['1366×768', LAPTOP],
  ['1920×1080', COD],
] as const) {
  test(`${name} : « Annuler » après Suppr se clique pour de vrai, reste après 20 s et rend la remontée`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize(viewport);
    await openSeededCrisis(page, { n: 40, located: true });
    await expect(rows(page).first()).toBeVisible();
    // The map is there, beside the table, drawing the located sightings.
    await expect(page.getByRole('region', { name: 'Carte' }).locator('.leaflet-container')).toBeVisible();

    await row(page, 37).click();
    await page.keyboard.press('Delete');
    await expect(row(page, 37)).toHaveCount(0);
    // The next row takes the selection and the focus: triage goes on from the keyboard.
    await expect(row(page, 36)).toHaveAttribute('aria-selected', 'true');
    await expect(row(page, 36)).toBeFocused();

    const messages = page.getByRole('region', { name: 'Messages' });
    await expect(messages).toContainText('Remontée archivée : « Remontée n° 37 : eau dans les rues');
    const undo = messages.getByRole('button', { name: 'Annuler' });
    // No timer: still there after 20 s of doing nothing.
    await page.waitForTimeout(20_000);
    await expect(undo).toBeVisible();
    // What is under the button's centre is the button itself: nothing (the map) covers it.
    const box = (await undo.boundingBox())!;
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('button')?.textContent?.trim(), [box.x + box.width / 2, box.y + box.height / 2]);
    expect(hit).toBe('Annuler');
    await undo.click(); // a real click: Playwright checks that the button receives it
    await expect(row(page, 37)).toContainText('Nouveau');
    await expect(undo).toHaveCount(0);
    // Back in the list, selected and focused.
    await expect(row(page, 37)).toBeFocused();
    await expect(row(page, 37)).toHaveAttribute('aria-selected', 'true');
  });
}

test('Ctrl+Z reprend le dernier archivage ; « Annuler » part après quelques autres actions', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await openSeededCrisis(page, { n: 20 });
  const messages = page.getByRole('region', { name: 'Messages' });
  await row(page, 19).click();
  await page.keyboard.press('Delete');
  await page.keyboard.press('Delete'); // n° 18, selected after 19 left
  await expect(messages.getByRole('button', { name: 'Annuler' })).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(row(page, 18)).toBeVisible();
  await expect(row(page, 19)).toHaveCount(0);
  await expect(messages.getByRole('button', { name: 'Annuler' })).toHaveCount(1);
  await expect(messages).toContainText('Remontée n° 19');

  // Ctrl+Z in a text field is the field's own undo, not an archive's.
  await page.getByLabel('Rechercher').fill('crue');
  await page.getByLabel('Rechercher').press('Control+z');
  await expect(messages.getByRole('button', { name: 'Annuler' })).toHaveCount(1);
  await page.getByLabel('Rechercher').fill('');

  // It outlives five further actions (the second archive, then four priorities), and goes at the sixth.
  await row(page, 18).click();
  for (const key of ['1', '2', '3', '4']) await page.keyboard.press(key);
  await expect(row(page, 18)).toContainText('P4');
  await expect(messages.getByRole('button', { name: 'Annuler' })).toHaveCount(1);
  await page.keyboard.press('1');
  await expect(messages.getByRole('button', { name: 'Annuler' })).toHaveCount(0);
  // Its close button lets it go at once, from the keyboard too.
  await page.keyboard.press('Delete');
  await messages.getByRole('button', { name: 'Fermer ce message' }).focus();
  await page.keyboard.press('Enter');
  await expect(messages.getByRole('button')).toHaveCount(0);
});

test('le tableau se parcourt au clavier : sélection annoncée, ↓ déplace le focus, Échap revient à la ligne', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await openSeededCrisis(page, { n: 60 });
  const all = rows(page);
  await expect(all.first()).toBeVisible();
  // A grid whose rows say whether they are selected; aria-rowcount counts the rows not in the page.
  await expect(table(page)).toHaveAttribute('aria-rowcount', '61');
  for (const r of await all.all()) await expect(r).toHaveAttribute('aria-selected', /^(true|false)$/);
  // One tab stop for the rows (after the header's sort buttons): Shift+Tab from the map's handle
  // lands on a row, and selects it.
  await page.getByRole('separator', { name: 'Redimensionner la carte' }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(row(page, 59)).toBeFocused();
  await expect(row(page, 59)).toHaveAttribute('aria-selected', 'true');
  await expect(table(page).locator('[role=row][data-id][tabindex="0"]')).toHaveCount(1);

  await page.keyboard.press('ArrowDown');
  await expect(row(page, 58)).toBeFocused();
  await expect(row(page, 58)).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, 59)).toHaveAttribute('aria-selected', 'false');
  await expect(table(page).locator('[role=row][aria-selected=true]')).toHaveCount(1);
  // Far down: the virtualised table brings the row into the page and focuses it.
  await page.keyboard.press('End');
  await expect(row(page, 0)).toBeFocused();
  await expect(row(page, 0)).toHaveAttribute('aria-rowindex', '61');
  await page.keyboard.press('Home');
  await expect(row(page, 59)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 57)).toBeFocused();

  // Enter opens the detail and takes the focus into it; Échap closes it and gives the row its focus back.
  await page.keyboard.press('Enter');
  const detail = page.getByRole('complementary', { name: 'Détail de la remontée' });
  await expect(detail).toContainText('Remontée n° 57');
  await expect(detail.getByRole('button', { name: 'Fermer le détail' })).toBeFocused();
  await detail.getByLabel('Notes de vérification').focus();
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(row(page, 57)).toBeFocused();
  // The same after closing with its button.
  await page.keyboard.press('Enter');
  await detail.getByRole('button', { name: 'Fermer le détail' }).click();
  await expect(detail).toBeHidden();
  await expect(row(page, 57)).toBeFocused();
  // Keys on the map do not act on the selected sighting behind the user's back.
  await page.getByRole('region', { name: 'Carte' }).getByRole('button', { name: 'Légende' }).focus();
  await page.keyboard.press('Delete');
  await expect(row(page, 57)).toBeVisible();
});

test('une lettre tapée dans un champ reste une lettre ; N depuis la page ne tape rien', async ({ page }) => {
  await startCrisis(page);
  const link = page.getByRole('form', { name: 'Saisie rapide' }).getByLabel('Lien');
  await page.locator('body').press('n');
  await expect(link).toBeFocused();
  await expect(link).toHaveValue('');
  await page.keyboard.type('https://x.com/n/status/1');
  await expect(link).toHaveValue('https://x.com/n/status/1');
  await expect(link).toBeFocused();
  const search = page.getByLabel('Rechercher');
  await search.focus();
  await page.keyboard.type('N1/2');
  await expect(search).toHaveValue('N1/2');
  await expect(search).toBeFocused();
});

test('aucun emoji dans l’espace de travail : le suivi est dessiné par l’application', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await openSeededCrisis(page, { n: 5 });
  await row(page, 4).dblclick();
  const detail = page.getByRole('complementary', { name: 'Détail de la remontée' });
  await detail.getByRole('button', { name: 'Je m’en occupe' }).click();
  const followUp = row(page, 4).locator('.col-followUp');
  await expect(followUp.getByRole('img', { name: 'Pris en charge par' })).toBeVisible();
  await expect(followUp).toHaveText('Alice Martin');
  await table(page).getByRole('button', { name: 'Priorité' }).click(); // a sort arrow in the header
  await row(page, 3).click();
  await page.keyboard.press('Delete'); // the undo strip
  await expect(page.getByRole('button', { name: 'Annuler' })).toBeVisible();
  // Emoji and dingbats (what needs an emoji or symbol font), anywhere in the text or the tooltips.
  const found = await page.evaluate(() => {
    const emoji = /[\u2600-\u27BF\u{1F000}-\u{1FAFF}\uFE0F]|(?![©®™])\p{Extended_Pictographic}/u;
    const texts = [document.body.innerText, ...[...document.querySelectorAll('[title], [aria-label], [placeholder]')].flatMap((e) => ['title', 'aria-label', 'placeholder'].map((a) => e.getAttribute(a) ?? ''))];
    return texts.flatMap((t) => [...t].filter((c) => emoji.test(c)));
  });
  expect(found).toEqual([]);
});

test('1366×768 : au moins 19 lignes visibles, Texte la plus large (≥ 230 px), même avec le détail ouvert', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await openSeededCrisis(page, { n: 200, located: true });
  await expect(rows(page).first()).toBeVisible();
  const before = await measure(page);
  expect(before.visible).toBeGreaterThanOrEqual(19);
  expect(before.columns.text).toBeGreaterThanOrEqual(230);
  for (const [key, width] of Object.entries(before.columns)) if (key !== 'text') expect(width, key).toBeLessThan(before.columns.text);
  expect(Object.keys(before.columns)).toEqual(['priority', 'status', 'category', 'text', 'commune', 'followUp', 'createdAt']);

  await row(page, 199).dblclick();
  await expect(page.getByRole('complementary', { name: 'Détail de la remontée' })).toBeVisible();
  const open = await measure(page);
  expect(open.columns).toEqual(before.columns); // the detail takes its room from the map, not the table
  expect(open.visible).toBe(before.visible);
});

test('1920×1080 : au moins 32 lignes, toutes les colonnes, Texte ≥ 380 px', async ({ page }) => {
  await page.setViewportSize(COD);
  await openSeededCrisis(page, { n: 200, located: true });
  await expect(rows(page).first()).toBeVisible();
  const m = await measure(page);
  expect(m.visible).toBeGreaterThanOrEqual(32);
  expect(Object.keys(m.columns)).toEqual(['priority', 'status', 'category', 'text', 'commune', 'platform', 'followUp', 'createdAt']);
  expect(m.columns.text).toBeGreaterThanOrEqual(380);
  for (const [key, width] of Object.entries(m.columns)) if (key !== 'text') expect(width, key).toBeLessThan(m.columns.text);
});

test('la carte plein écran cache la saisie et les filtres ; Échap ou le même bouton revient', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await openSeededCrisis(page, { n: 20, located: true });
  const capture = page.getByRole('form', { name: 'Saisie rapide' });
  const tabs = page.getByRole('group', { name: 'Filtrer par statut' });
  const search = page.getByLabel('Rechercher');
  const map = page.getByRole('region', { name: 'Carte' }).locator('.leaflet-container');
  await capture.getByLabel('Texte').fill('Début d’une remontée');

  await page.getByRole('button', { name: 'Carte plein écran' }).click();
  for (const hidden of [capture, tabs, search, table(page)]) await expect(hidden).toBeHidden();
  const box = (await map.boundingBox())!;
  expect(box.width).toBeGreaterThan(LAPTOP.width - 20);
  expect(box.height).toBeGreaterThan(LAPTOP.height - 200);
  await page.keyboard.press('Escape');
  for (const shown of [capture, tabs, search, table(page)]) await expect(shown).toBeVisible();
  await expect(capture.getByLabel('Texte')).toHaveValue('Début d’une remontée'); // hidden, not lost

  await page.getByRole('button', { name: 'Carte plein écran' }).click();
  await expect(capture).toBeHidden();
  await page.getByRole('button', { name: 'Quitter le plein écran' }).click();
  await expect(capture).toBeVisible();
  await expect(tabs).toBeVisible();

  // N from the full-screen map brings the capture form back, focused.
  await page.getByRole('button', { name: 'Carte plein écran' }).click();
  await page.locator('body').press('n');
  await expect(capture.getByLabel('Lien')).toBeFocused();
});

test('taper une remontée ne déplace ni le tableau ni la carte : le lien reconnu, un long texte et le doublon possible s’ouvrent par-dessus', async ({ page }) => {
  await page.setViewportSize(LAPTOP);
  await startCrisis(page);
  const capture = page.getByRole('form', { name: 'Saisie rapide' });
  const map = page.getByRole('region', { name: 'Carte' }).locator('.leaflet-container');
  const boxes = async () => ({ table: await table(page).boundingBox(), map: await map.boundingBox() });
  const post = "Inondation rue de la République à Montauban, l'eau monte vite, une voiture emportée près du pont, les pompiers sont sur place";
  const link = page.getByLabel('Lien', { exact: true });
  const text = page.getByLabel('Texte', { exact: true });
  await link.fill('https://x.com/veille/status/1');
  await text.fill(post);
  await link.press('Enter');
  await expect(rows(page)).toHaveCount(1);
  const still = await boxes();
  // The same post again: link recognised, a text of several lines, a duplicate warning.
  await link.fill('https://x.com/veille/status/2');
  await text.fill(post);
  await expect(capture.getByText('Reconnu : X (Twitter)')).toBeVisible();
  const warning = page.getByRole('region', { name: 'Doublons possibles' });
  await expect(warning).toBeVisible();
  expect((await text.boundingBox())!.height).toBeGreaterThan(40); // grown over what is below
  expect(await boxes()).toEqual(still);
  // The warning starts below the grown text, and its candidate can be clicked (nothing covers it).
  expect((await warning.boundingBox())!.y).toBeGreaterThanOrEqual((await text.boundingBox())!.y + (await text.boundingBox())!.height);
  await warning.getByRole('button').first().click();
  await expect(warning.getByRole('button').first()).toHaveAttribute('aria-expanded', 'true');
  await link.press('Enter');
  await expect(rows(page)).toHaveCount(2);
  expect(await boxes()).toEqual(still);
});
