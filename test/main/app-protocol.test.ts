// app://vigie/: the desktop page's own origin, serving the built renderer folder and nothing else.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_PAGE_URL,
  APP_SCHEME_PRIVILEGES,
  handleAppRequest,
  installAppProtocol,
  registerAppScheme,
  resolveAppFile,
} from '../../src-main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security';

let base: string;
let renderer: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'vigie-app-protocol-'));
  renderer = join(base, 'renderer');
  await mkdir(join(renderer, 'assets'), { recursive: true });
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Vigie</title>');
  await writeFile(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(renderer, 'assets', 'communes-x.json'), '[]');
  await writeFile(join(renderer, 'favicon.svg'), '<svg/>');
  // Beside the folder: what a traversal would be after.
  await writeFile(join(base, 'secret.txt'), 'SECRET');
  await mkdir(join(base, 'renderer-evil'));
  await writeFile(join(base, 'renderer-evil', 'x.js'), 'SECRET');
});
afterAll(() => rm(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handleAppRequest(new Request(url, { method }), renderer);

describe('app:// scheme', () => {
  it('is privileged as a secure standard scheme, never bypassing the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, supportFetchAPI: true, bypassCSP: false, allowServiceWorkers: false, corsEnabled: false });
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { ...APP_SCHEME_PRIVILEGES } }]);
    expect(APP_PAGE_URL).toBe('app://vigie/index.html');
  });

  it('serves the page with the CSP, and the bundle with its type', async () => {
    for (const url of ['app://vigie/', 'app://vigie/index.html', 'app://vigie/index.html?x=1#/join/abc']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('<!doctype html><title>Vigie</title>');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const script = await get('app://vigie/assets/index-abc.js');
    expect([script.status, script.headers.get('content-type'), await script.text()]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1)']);
    expect((await get('app://vigie/assets/communes-x.json')).headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await get('app://vigie/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
    const head = await get('app://vigie/index.html', 'HEAD');
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it.each([
    'app://vigie/../secret.txt',
    'app://vigie/%2e%2e/secret.txt',
    'app://vigie/..%2fsecret.txt',
    'app://vigie/assets/..%2f..%2fsecret.txt',
    'app://vigie/%2e%2e%2fsecret.txt',
    'app://vigie/..%5csecret.txt',
    'app://vigie/..\\secret.txt',
    'app://vigie/%2e%2e%2frenderer-evil/x.js',
    'app://vigie/..%2frenderer-evil%2fx.js',
    `app://vigie/${'..%2f'.repeat(12)}etc%2fpasswd`,
    'app://vigie/index.html%00.js',
    'app://vigie/%E0%A4%A',
  ])('serves nothing outside the folder: %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('SECRET');
  });

  it('answers 404 for other hosts, folders and missing files, 405 for other methods', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('app://vigie/assets')).status).toBe(404);
    expect((await get('app://vigie/assets/')).status).toBe(404);
    expect((await get('app://vigie/nope.js')).status).toBe(404);
    expect((await get('app://vigie/index.html', 'POST')).status).toBe(405);
    expect(await (await get('app://vigie/nope.js')).text()).toBe('Introuvable.');
  });

  it('resolves paths inside the folder only', () => {
    expect(resolveAppFile(renderer, 'app://vigie/')).toBe(join(renderer, 'index.html'));
    expect(resolveAppFile(renderer, 'app://vigie/assets/index-abc.js')).toBe(join(renderer, 'assets', 'index-abc.js'));
    expect(resolveAppFile(renderer, 'app://vigie/a%20b.png')).toBe(join(renderer, 'a b.png'));
    expect(resolveAppFile(renderer, 'app://vigie/..%2fsecret.txt')).toBeNull();
    expect(resolveAppFile(renderer, 'file:///etc/passwd')).toBeNull();
    expect(resolveAppFile(renderer, 'https://vigie/index.html')).toBeNull();
    expect(resolveAppFile(renderer, 'not a url')).toBeNull();
  });

  it('is installed as the handler of app://', async () => {
    const handlers = new Map<string, (request: Request) => Promise<Response> | Response>();
    installAppProtocol({ handle: (scheme: string, handler: (request: Request) => Promise<Response>) => void handlers.set(scheme, handler) } as never, renderer);
    expect([...handlers.keys()]).toEqual(['app']);
    expect((await handlers.get('app')!(new Request('app://vigie/index.html'))).status).toBe(200);
    expect((await handlers.get('app')!(new Request('app://vigie/..%2fsecret.txt'))).status).toBe(404);
  });
});
