// The one app window.
import { BrowserWindow } from 'electron';
import { webPreferences } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  /** app://vigie/index.html, or the dev server's URL in development (electron-vite dev). */
  pageUrl: string;
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Vigie',
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    // Shown once painted, so the user never sees a blank white frame.
    show: false,
    webPreferences: webPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  // Never loadFile: a page under file:// would make the CSP's 'self' the whole disk.
  const loading = window.loadURL(options.pageUrl);
  loading.catch((error: unknown) => console.error('Vigie : la page de l’application ne s’est pas chargée', error));
  return window;
}
