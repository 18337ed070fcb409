// The static server behind `npm start`'s web fallback and the Playwright runs, on a real socket.
import { request } from 'node:http';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange, serveWeb, type WebServer } from '../../scripts/serve-web.mjs';

function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; type: string; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serveWeb', () => {
  let dir: string;
  let root: string;
  let server: WebServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigie-web-'));
    root = join(dir, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<title>Vigie</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'export {};');
    await writeFile(join(root, 'assets', 'app.css'), 'body{}');
    await writeFile(join(root, 'assets', 'tiles.pmtiles'), '0123456789');
    await writeFile(join(root, 'assets', 'm.wasm'), '\0asm');
    await writeFile(join(dir, 'secret.txt'), 'secret');
    await symlink(join(dir, 'secret.txt'), join(root, 'link.txt'));
    server = await serveWeb({ root, port: 0 });
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html for / on loopback', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await get(server.port, '/');
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html; charset=utf-8');
    expect(res.body).toBe('<title>Vigie</title>');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each([
    ['/assets/app.js', 'text/javascript; charset=utf-8'],
    ['/assets/app.css', 'text/css; charset=utf-8'],
    ['/assets/m.wasm', 'application/wasm'],
    ['/assets/tiles.pmtiles', 'application/vnd.pmtiles'],
  ])('serves %s as %s', async (path, type) => {
    const res = await get(server.port, path);
    expect([res.status, res.type]).toEqual([200, type]);
  });

  it.each(['/../secret.txt', '/assets/../../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/link.txt', '/nope.js', '/assets'])(
    'refuses %s',
    async (path) => {
      const res = await get(server.port, path);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('secret');
    },
  );

  it('refuses a foreign Host header and writes', async () => {
    expect((await get(server.port, '/', { Host: 'evil.example' })).status).toBe(403);
    expect((await get(server.port, '/', {}, 'POST')).status).toBe(405);
  });

  it('answers byte ranges, as PMTiles needs', async () => {
    const res = await get(server.port, '/assets/tiles.pmtiles', { Range: 'bytes=2-4' });
    expect([res.status, res.body, res.headers['content-range']]).toEqual([206, '234', 'bytes 2-4/10']);
    expect((await get(server.port, '/assets/tiles.pmtiles', { Range: 'bytes=50-' })).status).toBe(416);
    expect(parseRange('bytes=-3', 10)).toEqual({ start: 7, end: 9 });
    expect(parseRange('bytes=0-1,4-5', 10)).toBeNull();
  });

  it('listens on loopback only', async () => {
    await expect(serveWeb({ root, host: '0.0.0.0', port: 0 })).rejects.toThrow(/non locale/);
  });

  it('moves to the next port when the default one is busy, unless told not to', async () => {
    const next = await serveWeb({ root, port: server.port });
    expect(next.port).toBeGreaterThan(server.port);
    await next.close();
    await expect(serveWeb({ root, port: server.port, strictPort: true })).rejects.toThrow(/EADDRINUSE/);
  });
});
