import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  hardenWebContents,
  isAppUrl,
  isSafeExternalUrl,
  WEB_PREFERENCES,
  webPreferences,
} from '../../src-main/security';
import { emitPreventable, FakeWebContents } from './electron-fake';

const APP_URL = 'app://vigie/index.html';

describe('web preferences', () => {
  it('isolate the page from Node and keep it sandboxed', () => {
    expect(WEB_PREFERENCES).toMatchObject({
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
      navigateOnDragDrop: false,
    });
  });

  it('only add the preload path', () => {
    expect(webPreferences('/x/preload.cjs')).toEqual({ ...WEB_PREFERENCES, preload: '/x/preload.cjs' });
    expect(Object.isFrozen(WEB_PREFERENCES)).toBe(true);
  });
});

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );

  it('allows no eval, no inline script and no remote host', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(directives.get('script-src')).toEqual(["'self'"]);
    const allowed = new Set(["'self'", "'none'", 'data:', 'blob:']);
    for (const [name, sources] of directives) {
      // WebSockets go to the signaling servers and relays the user configured, and nowhere else.
      const permitted = name === 'connect-src' ? new Set([...allowed, 'ws:', 'wss:']) : allowed;
      for (const source of sources) expect(permitted.has(source), `${name} ${source}`).toBe(true);
    }
    expect(directives.get('connect-src')).not.toContain('http:');
    expect(directives.get('connect-src')).not.toContain('https:');
  });

  it('locks objects, base, forms and frames', () => {
    for (const name of ['object-src', 'base-uri', 'form-action', 'frame-src']) {
      expect(directives.get(name)).toEqual(["'none'"]);
    }
    expect(directives.get('default-src')).toEqual(["'self'"]);
  });

  it('is the same policy as the meta tag of index.html', () => {
    const html = readFileSync(new URL('../../src-renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('isSafeExternalUrl', () => {
  it.each(['https://example.org/', 'http://example.org/page?q=1#top', 'https://www.interieur.gouv.fr/'])(
    'accepts %s',
    (url) => expect(isSafeExternalUrl(url)).toBe(true),
  );

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'smb://server/share',
    'vigie://open',
    'ftp://example.org/',
    'https://user:secret@example.org/',
    'https://user@example.org/',
    '//example.org/',
    '/relative/path',
    'http://',
    '',
    `https://example.org/${'a'.repeat(3000)}`,
  ])('refuses %s', (url) => expect(isSafeExternalUrl(url)).toBe(false));

  it('refuses non-strings', () => {
    for (const value of [undefined, null, 42, {}, ['https://example.org/']]) expect(isSafeExternalUrl(value)).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('accepts the page served by app://, with or without query and fragment', () => {
    expect(isAppUrl(APP_URL, APP_URL)).toBe(true);
    expect(isAppUrl(`${APP_URL}?x=1#carte`, APP_URL)).toBe(true);
    expect(isAppUrl('APP://VIGIE/index.html#/join/x', APP_URL)).toBe(true);
  });

  it('refuses other files of the origin, other hosts and other schemes', () => {
    expect(isAppUrl('app://vigie/other.html', APP_URL)).toBe(false);
    expect(isAppUrl('app://vigie/assets/index.js', APP_URL)).toBe(false);
    expect(isAppUrl('app://other/index.html', APP_URL)).toBe(false);
    expect(isAppUrl('app://u:p@vigie/index.html', APP_URL)).toBe(false);
    expect(isAppUrl('https://example.org/', APP_URL)).toBe(false);
    expect(isAppUrl('not a url', APP_URL)).toBe(false);
  });

  it('never counts a file:// page as the app, not even the built index.html', () => {
    expect(isAppUrl('file:///opt/vigie/out/renderer/index.html', APP_URL)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', APP_URL)).toBe(false);
    const fileApp = 'file:///opt/vigie/out/renderer/index.html';
    expect(isAppUrl(fileApp, fileApp)).toBe(false);
  });

  it('accepts the dev server origin only', () => {
    expect(isAppUrl('http://localhost:5173/src/x.ts', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('https://localhost:5173/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('app://vigie/index.html', 'http://localhost:5173')).toBe(false);
  });
});

describe('hardenWebContents', () => {
  let contents: FakeWebContents;
  const openExternal = vi.fn(async (_url: string) => undefined);

  beforeEach(() => {
    openExternal.mockClear();
    contents = new FakeWebContents();
    hardenWebContents(contents as never, { appUrl: APP_URL, openExternal });
  });

  it('denies navigation away from the app page, not to it', () => {
    expect(emitPreventable(contents, 'will-navigate', 'https://example.org/')).toBe(true);
    expect(emitPreventable(contents, 'will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(emitPreventable(contents, 'will-navigate', 'file:///opt/vigie/out/renderer/index.html')).toBe(true);
    expect(emitPreventable(contents, 'will-navigate', 'app://vigie/assets/evil.html')).toBe(true);
    expect(emitPreventable(contents, 'will-navigate', APP_URL)).toBe(false);
  });

  it('denies redirects away from the app page', () => {
    expect(emitPreventable(contents, 'will-redirect', 'https://evil.example/')).toBe(true);
    expect(emitPreventable(contents, 'will-redirect', APP_URL)).toBe(false);
  });

  it('prevents attaching a webview', () => {
    expect(emitPreventable(contents, 'will-attach-webview', 'https://example.org/')).toBe(true);
  });

  it('never opens a window and hands only safe links to the system', () => {
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('https://example.org/')).toEqual({ action: 'deny' });
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'smb://srv/x', 'https://u:p@example.org/']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://example.org/']]);
  });

  it('survives a failing system browser', async () => {
    openExternal.mockRejectedValueOnce(new Error('no browser'));
    expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    await Promise.resolve();
  });
});
