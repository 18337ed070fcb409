// The hardening rules of the desktop shell, kept free of side effects so tests can check them
// one by one. Electron is only used for types here; the caller passes in what must act.
import type { WebContents, WebPreferences } from 'electron';
import { isSafeHttpUrl as isSafeExternalUrl } from '../src-renderer/core/links';

export { isSafeExternalUrl };

/**
 * The renderer is treated as untrusted web content: it gets no Node, runs in Chromium's sandbox
 * and reaches the system only through the preload bridge. Every flag is spelled out, even when it
 * equals Electron's default, so a change of default or a careless edit shows up in review and tests.
 */
export const WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  spellcheck: false,
  // A file dropped on the window must not replace the app with that file.
  navigateOnDragDrop: false,
  // A page looping on alert() must not lock the user out of the app.
  safeDialogs: true,
} satisfies WebPreferences);

export function webPreferences(preload: string): WebPreferences {
  return { ...WEB_PREFERENCES, preload };
}

/** Same policy as the <meta> in src-renderer/index.html; sent as a header too, so it also holds
 *  for any response the meta tag would not cover. WebSockets (ws:, wss:) may reach any host because
 *  the signaling servers and relays are whatever the crisis cell typed in its settings or
 *  invitation (a LAN address, most often); no HTTP fetch leaves the app, and no address is built in. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws: wss:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

/**
 * Whether `url` is the app's own page. `appUrl` is either app://vigie/index.html, the built page as
 * the app:// scheme serves it (src-main/app-protocol.ts; then only that very page counts, not the
 * other files of the origin), or the dev server URL (then its origin counts). Query and fragment
 * never matter. A file:// URL is never the app, not even the built index.html opened from disk.
 */
export function isAppUrl(url: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:' || target.protocol === 'file:') return false;
  if (app.protocol === 'app:') {
    return target.protocol === 'app:' && target.host.toLowerCase() === app.host.toLowerCase() && target.pathname === app.pathname && !target.username && !target.password;
  }
  return target.origin === app.origin;
}

export interface HardenDeps {
  appUrl: string;
  /** Hands a vetted link to the operating system (shell.openExternal in the app). */
  openExternal(url: string): unknown;
}

/** Locks one web contents (window, devtools, anything Electron creates) inside the app page. */
export function hardenWebContents(contents: WebContents, deps: HardenDeps): void {
  const stayInApp = (event: { url: string; preventDefault(): void }): void => {
    if (!isAppUrl(event.url, deps.appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  // <webview> is disabled in WEB_PREFERENCES; this also covers a contents created without them.
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No second app window ever: a link meant for a new window goes to the system browser, if safe.
  contents.setWindowOpenHandler(({ url }) => {
    // A failure (no browser installed…) must not become an unhandled rejection in the main process.
    if (isSafeExternalUrl(url)) void Promise.resolve(deps.openExternal(url)).catch(() => undefined);
    return { action: 'deny' };
  });
}
