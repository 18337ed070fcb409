// Every end-to-end test fails if the app reaches a host other than this machine, or logs an error.
import { test as base, expect, type Page } from '@playwright/test';

const LOCAL = new Set(['127.0.0.1', 'localhost', '[::1]']);

export const test = base.extend<{ guard: { offHost: string[]; errors: string[] } }>({
  guard: [
    async ({ context }, use) => {
      const offHost: string[] = [];
      const errors: string[] = [];
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL.has(url.hostname)) return route.continue();
        offHost.push(route.request().url());
        return route.abort();
      });
      context.on('page', (page) => {
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(e.message));
      });
      await use({ offHost, errors });
      expect(offHost, 'requests to non-local hosts').toEqual([]);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** First launch: who am I, then a new crisis, open. */
export async function startCrisis(page: Page, name = 'Crue du Tarn') {
  await page.goto('/');
  await page.getByLabel('Nom ou pseudonyme').fill('Alice Martin');
  await page.getByLabel('Organisation').fill('VISOV');
  await page.getByRole('button', { name: 'Continuer' }).click();
  await page.getByLabel('Nom de la crise').fill(name);
  await page.getByLabel('Département').selectOption('82');
  await page.getByRole('button', { name: 'Créer la crise' }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
}
