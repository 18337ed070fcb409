// An acknowledged edit survives the app being killed: the browser process gets SIGKILL right after
// "Remontée enregistrée", then starts again on the same profile.
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import config from '../../playwright.config';
import { expect, startCrisis, test } from './fixtures';

const profile = mkdtempSync(join(tmpdir(), 'vigie-crash-'));
test.afterAll(() => rmSync(profile, { recursive: true, force: true }));

function launch(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    ...config.use!.launchOptions,
    baseURL: config.use!.baseURL,
    locale: 'fr-FR',
  });
}

test('une remontée acquittée survit à l’arrêt brutal de l’application', async () => {
  const first = await launch();
  // Every IndexedDB write transaction the app opens is recorded with its durability.
  await first.addInitScript(() => {
    const w = window as unknown as { __tx: string[] };
    w.__tx = [];
    const original = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, stores: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
      if (mode === 'readwrite') w.__tx.push(options?.durability ?? 'default');
      return original.call(this, stores, mode, options);
    } as typeof original;
  });
  const page = first.pages()[0] ?? (await first.newPage());
  await startCrisis(page);
  const capture = page.getByRole('form', { name: 'Saisie rapide' });
  await capture.getByLabel('Texte').fill('Digue fissurée au lieu-dit Les Barthes');
  await capture.getByLabel('Texte').press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Remontée enregistrée' })).toBeAttached();
  const durabilities = await page.evaluate(() => (window as unknown as { __tx: string[] }).__tx);
  expect(durabilities.length).toBeGreaterThan(2);
  expect(new Set(durabilities)).toEqual(new Set(['strict']));

  // No clean shutdown: kill every process of this profile.
  // (the bracket keeps pkill from matching the shell that runs it)
  execSync(`pkill -KILL -f "[-]-user-data-dir=${profile}" || true`);
  await expect(page.evaluate(() => 1)).rejects.toThrow();
  await first.close().catch(() => undefined);

  const second = await launch();
  const again = second.pages()[0] ?? (await second.newPage());
  await again.goto('/');
  await again.getByRole('button', { name: 'Ouvrir Crue du Tarn' }).click();
  await expect(again.getByRole('region', { name: 'Tableau des remontées' }).getByRole('row').filter({ hasText: 'Digue fissurée' })).toBeVisible();
  await second.close();
});
