// Where the built pieces sit relative to the bundled main process (out/main/index.js at run time).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_PAGE_URL } from './app-protocol';

const mainDir = dirname(fileURLToPath(import.meta.url));

// The preload is built as CommonJS (a sandboxed preload cannot be an ES module); with
// "type": "module" in package.json, electron-vite names it after its entry: preload.cjs.
export const PRELOAD_PATH = join(mainDir, '../preload/preload.cjs');
/** The built renderer: the only folder app://vigie/ serves (app-protocol.ts). */
export const RENDERER_DIR = join(mainDir, '../renderer');

/**
 * The dev server URL that `electron-vite dev` exports, trusted only in an unpackaged app so that an
 * environment variable can never point an installed Vigie at another page.
 */
export function devServerUrl(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return isPackaged ? undefined : env.ELECTRON_RENDERER_URL || undefined;
}

/** The one page the app shows: the dev server, or the built index.html served as app://vigie/index.html. */
export function appPageUrl(devUrl: string | undefined): string {
  return devUrl ?? APP_PAGE_URL;
}
