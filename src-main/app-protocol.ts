// The app page is served from app://vigie/, a scheme of our own, instead of file://. Under file://
// the CSP's 'self' is the whole disk (any script on the machine would count as the app's own) and
// the page would be one origin with every file it can name; under app://vigie/ 'self' is this
// origin only, and the origin answers with nothing but the files of the built renderer folder.
//
// Only what the page needs is granted to the scheme: standard (relative URLs, an origin), secure (a
// secure context: WebCrypto, IndexedDB), fetch (the page's dynamic imports of JSON). Never
// bypassCSP. Any path that leaves the folder (../, encoded or not), a folder, a missing file, a
// method other than GET/HEAD: 404 or 405, never a file from elsewhere.
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'vigie';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The one page the desktop app shows. */
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** Passed to protocol.registerSchemesAsPrivileged, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = Object.freeze({
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
  stream: false,
  codeCache: true,
});

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The file under `rendererDir` that `url` names, or null when it names nothing there: another scheme
 * or host, a path escaping the folder, a NUL byte, a malformed escape. "/" is index.html.
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}

export interface AppFileReader {
  readFile(path: string): Promise<Uint8Array>;
  isFile(path: string): Promise<boolean>;
}

const diskReader: AppFileReader = {
  readFile: (path) => readFile(path),
  isFile: (path) =>
    stat(path).then(
      (info) => info.isFile(),
      () => false,
    ),
};

function refusal(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

/** The answer to one app:// request: a file of the renderer folder, or a refusal. */
export async function handleAppRequest(request: Request, rendererDir: string, reader: AppFileReader = diskReader): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'Méthode non permise.');
  const file = resolveAppFile(rendererDir, request.url);
  if (!file || !(await reader.isFile(file))) return refusal(404, 'Introuvable.');
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'Content-Type': type,
    'X-Content-Type-Options': 'nosniff',
    // Same policy as the session header and the page's <meta>: it holds even if neither applied.
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cache-Control': 'no-cache',
  };
  if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
  const body = await reader.readFile(file);
  return new Response(new Uint8Array(body), { status: 200, headers });
}

/** Before app ready: declares app:// with the privileges above, and nothing more. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Once ready: serves app://vigie/ from the built renderer folder. */
export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, rendererDir: string, reader?: AppFileReader): void {
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, rendererDir, reader));
}
