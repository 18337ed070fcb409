import { defineConfig } from '@playwright/test';

// E2E_PORT lets two working copies run their end-to-end tests side by side.
const PORT = Number(process.env.E2E_PORT ?? 4173);

// The end-to-end tests drive the web build of the renderer in the system's Chromium (the Electron
// binary cannot be downloaded everywhere; the renderer is the same code).
export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `node scripts/serve-web.mjs --port ${PORT} --root out/renderer`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
  },
});
