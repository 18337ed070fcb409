// A tiny static server for the built web app (out/renderer), used by `npm start` when Electron is
// unavailable and by Playwright. Loopback only, read only, no directory listing, Range support
// (PMTiles map files are read in slices).
//   node scripts/serve-web.mjs --port 4173 --root out/renderer     (prints the URL, serves until killed)
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DEFAULT_ROOT = fileURLToPath(new URL('../out/renderer', import.meta.url));
export const DEFAULT_PORT = 5178;

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.pmtiles': 'application/vnd.pmtiles',
  '.txt': 'text/plain; charset=utf-8',
};

// The app's data lives in the browser under this origin; serving it to the LAN is a separate decision.
const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '::1'];

export function contentType(path) {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Parses a single `bytes=` range. null: serve the whole file; 'invalid': answer 416. */
export function parseRange(header, size) {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!match) return null; // absent, or several ranges: the whole file is a valid answer
  const [, first, last] = match;
  if (first === '') {
    const length = Number(last);
    return length > 0 && size > 0 ? { start: Math.max(0, size - length), end: size - 1 } : 'invalid';
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return start < size && start <= end ? { start, end } : 'invalid';
}

/** Maps a request path to a file inside root, or null. Refuses anything that would leave root. */
export async function resolveInRoot(root, urlPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(urlPath, 'http://localhost').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname.endsWith('/')) pathname += 'index.html';
  const candidate = resolve(root, `.${pathname}`);
  if (!candidate.startsWith(root + sep)) return null;
  try {
    // realpath too: a symbolic link inside root must not lead outside it.
    const real = await realpath(candidate);
    return real.startsWith(root + sep) && (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

function end(res, status, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(`${status}\n`);
}

async function handle(req, res, root, allowedHosts) {
  // Host check: a web page that re-points its own domain name at 127.0.0.1 gets nothing.
  if (!allowedHosts.has(req.headers.host ?? '')) return end(res, 403);
  if (req.method !== 'GET' && req.method !== 'HEAD') return end(res, 405, { Allow: 'GET, HEAD' });
  const file = await resolveInRoot(root, req.url ?? '/');
  if (!file) return end(res, 404);
  const { size } = await stat(file);
  const headers = {
    'Content-Type': contentType(file),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
    'Accept-Ranges': 'bytes',
  };
  const range = parseRange(req.headers.range, size);
  if (range === 'invalid') return end(res, 416, { 'Content-Range': `bytes */${size}` });
  const { start, end: last } = range ?? { start: 0, end: size - 1 };
  if (range) headers['Content-Range'] = `bytes ${start}-${last}/${size}`;
  res.writeHead(range ? 206 : 200, { ...headers, 'Content-Length': size === 0 ? 0 : last - start + 1 });
  if (req.method === 'HEAD' || size === 0) return res.end();
  createReadStream(file, { start, end: last })
    .on('error', () => res.destroy())
    .pipe(res);
}

function listenOnce(server, host, port) {
  return new Promise((resolveListen, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolveListen(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Serves `root` on http://host:port/. With strictPort false, a busy port moves on to the next ones.
 * Resolves to { url, port, close }.
 */
export async function serveWeb({ root = DEFAULT_ROOT, host = '127.0.0.1', port = DEFAULT_PORT, strictPort = false } = {}) {
  if (!LOOPBACK_HOSTS.includes(host)) throw new Error(`serve-web : adresse non locale refusée (${host})`);
  const rootDir = await realpath(resolve(root));
  let allowedHosts = new Set();
  const server = createServer((req, res) => {
    handle(req, res, rootDir, allowedHosts).catch(() => (res.headersSent ? res.destroy() : end(res, 500)));
  });
  let actualPort;
  for (let attempt = 0; actualPort === undefined; attempt += 1) {
    try {
      actualPort = await listenOnce(server, host, port === 0 ? 0 : port + attempt);
    } catch (error) {
      if (error.code !== 'EADDRINUSE' || strictPort || attempt >= 20) throw error;
    }
  }
  allowedHosts = new Set(['127.0.0.1', 'localhost', '[::1]'].map((name) => `${name}:${actualPort}`));
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`;
  const close = () =>
    new Promise((resolveClose) => {
      server.closeAllConnections();
      server.close(() => resolveClose());
    });
  return { url, port: actualPort, close };
}

function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    const value = inline ?? argv[++i];
    if (flag === '--port') Object.assign(options, { port: Number(value), strictPort: true });
    else if (flag === '--root') options.root = value;
    else if (flag === '--host') options.host = value;
    else throw new Error(`serve-web : option inconnue ${flag} (--port N, --root DIR, --host ADRESSE)`);
  }
  if (options.port !== undefined && !Number.isInteger(options.port)) throw new Error('serve-web : --port attend un nombre');
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { url, close } = await serveWeb(parseArgs(process.argv.slice(2)));
  console.log(url);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => close().then(() => process.exit(0)));
}
