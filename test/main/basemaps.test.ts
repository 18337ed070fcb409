// The main process's basemap handlers (src-main/basemaps.ts), with Electron faked: PMTiles files
// only from the system dialog, read by id in byte ranges; online tiles only from the address the
// user approved in a system dialog; every call from our window only.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeRasterPmtiles } from '../fixtures/make-pmtiles.mjs';

const electron = await vi.hoisted(async () => (await import('./electron-fake')).createElectronFake());
vi.mock('electron', () => electron);

const { BASEMAP_CHANNELS } = await import('../../src-main/basemap-channels');
const { registerBasemapHandlers } = await import('../../src-main/basemaps');
const { FakeWebContents } = await import('./electron-fake');

const APP_URL = 'app://vigie/index.html';
const OSM = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

describe('basemap handlers', () => {
  let dir: string;
  let window: InstanceType<typeof electron.BrowserWindow>;
  let picked: string[];
  let answer: number;
  let fetches: string[];
  let inits: RequestInit[];
  let reply: (url: string, init: RequestInit) => Response | Promise<Response>;
  const showMessageBox = vi.fn(async () => ({ response: answer }));

  const event = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });
  const invoke = (channel: string, ...args: unknown[]) => Promise.resolve().then(() => electron.handlers.get(channel)!(event(), ...args));

  function register(): void {
    electron.handlers.clear();
    registerBasemapHandlers({
      appUrl: APP_URL,
      getMainWindow: () => window as never,
      dataDir: dir,
      showOpenDialog: async () => ({ canceled: picked.length === 0, filePaths: picked }),
      showMessageBox,
      fetch: async (url, init) => {
        fetches.push(url);
        inits.push(init);
        return reply(url, init);
      },
    });
  }

  beforeEach(async () => {
    electron.reset();
    showMessageBox.mockClear();
    window = new electron.BrowserWindow({});
    window.webContents.mainFrame.url = APP_URL;
    dir = await mkdtemp(join(tmpdir(), 'vigie-basemaps-'));
    picked = [];
    answer = 1;
    fetches = [];
    inits = [];
    reply = () => new Response(new Uint8Array([137, 80, 78, 71]), { headers: { 'content-type': 'image/png' } });
    register();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('registers its four channels', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(Object.values(BASEMAP_CHANNELS).sort());
  });

  it('reads only a file the user picked, by id, in ranges, and remembers it across restarts', async () => {
    const archive = makeRasterPmtiles();
    const path = join(dir, 'france.pmtiles');
    await writeFile(path, archive);
    expect(await invoke(BASEMAP_CHANNELS.pickPmtiles)).toBeNull();
    picked = [path];
    const ref = (await invoke(BASEMAP_CHANNELS.pickPmtiles)) as { id: string; name: string; size: number };
    expect(ref).toMatchObject({ name: 'france.pmtiles', size: archive.length });
    expect(JSON.stringify(ref)).not.toContain(dir);

    const head = (await invoke(BASEMAP_CHANNELS.readPmtiles, { id: ref.id, offset: 0, length: 16384 })) as Uint8Array;
    expect(head).toEqual(archive);
    const middle = (await invoke(BASEMAP_CHANNELS.readPmtiles, { id: ref.id, offset: 100, length: 10 })) as Uint8Array;
    expect(middle).toEqual(archive.slice(100, 110));

    // Picking it again keeps its id; a restart (new handlers, same folder) still knows it.
    expect(((await invoke(BASEMAP_CHANNELS.pickPmtiles)) as { id: string }).id).toBe(ref.id);
    register();
    expect(await invoke(BASEMAP_CHANNELS.readPmtiles, { id: ref.id, offset: 0, length: 7 })).toEqual(archive.slice(0, 7));
  });

  it('refuses ids it never gave, paths, oversize reads and files that are not PMTiles', async () => {
    await expect(invoke(BASEMAP_CHANNELS.readPmtiles, { id: crypto.randomUUID(), offset: 0, length: 10 })).rejects.toThrow(/Archive inconnue/);
    await expect(invoke(BASEMAP_CHANNELS.readPmtiles, { id: '/etc/passwd', offset: 0, length: 10 })).rejects.toThrow(/Argument invalide/);
    await expect(invoke(BASEMAP_CHANNELS.readPmtiles, { id: crypto.randomUUID(), offset: 0, length: 64 * 1024 * 1024 })).rejects.toThrow(
      /Argument invalide/,
    );
    await expect(invoke(BASEMAP_CHANNELS.readPmtiles, { id: crypto.randomUUID(), offset: -1, length: 1, path: '/x' })).rejects.toThrow(
      /Argument invalide/,
    );
    const text = join(dir, 'notes.pmtiles');
    await writeFile(text, 'pas une archive');
    picked = [text];
    await expect(invoke(BASEMAP_CHANNELS.pickPmtiles)).rejects.toThrow('Ce fichier n’est pas une archive PMTiles.');
  });

  it('answers only our own window', async () => {
    const stranger = { sender: new FakeWebContents('https://evil.example/'), senderFrame: { url: 'https://evil.example/' } };
    for (const channel of Object.values(BASEMAP_CHANNELS)) {
      await expect(Promise.resolve().then(() => electron.handlers.get(channel)!(stranger, null))).rejects.toThrow(/Appel refusé/);
    }
  });

  it('fetches no tile until the user approves the address in a system dialog', async () => {
    await expect(invoke(BASEMAP_CHANNELS.onlineTile, { z: 1, x: 0, y: 0 })).rejects.toThrow('Tuiles en ligne non autorisées.');
    answer = 1;
    expect(await invoke(BASEMAP_CHANNELS.allowOnline, OSM)).toBe(false);
    expect(showMessageBox).toHaveBeenCalledOnce();
    expect(showMessageBox.mock.calls[0]).toEqual([window, expect.objectContaining({ message: expect.stringContaining('tile.openstreetmap.org') })]);
    await expect(invoke(BASEMAP_CHANNELS.onlineTile, { z: 1, x: 0, y: 0 })).rejects.toThrow('Tuiles en ligne non autorisées.');
    expect(fetches).toEqual([]);

    answer = 0;
    expect(await invoke(BASEMAP_CHANNELS.allowOnline, OSM)).toBe(true);
    expect(await invoke(BASEMAP_CHANNELS.onlineTile, { z: 5, x: 16, y: 11 })).toEqual({ data: new Uint8Array([137, 80, 78, 71]), type: 'image/png' });
    expect(fetches).toEqual(['https://tile.openstreetmap.org/5/16/11.png']);
    // Approved once: not asked again, even after a restart.
    register();
    expect(await invoke(BASEMAP_CHANNELS.allowOnline, OSM)).toBe(true);
    expect(showMessageBox).toHaveBeenCalledTimes(2);
    expect(JSON.parse(await readFile(join(dir, 'basemaps.json'), 'utf8')).online.template).toBe(OSM);

    // Withdrawn: nothing fetched any more.
    expect(await invoke(BASEMAP_CHANNELS.allowOnline, null)).toBe(true);
    await expect(invoke(BASEMAP_CHANNELS.onlineTile, { z: 5, x: 16, y: 11 })).rejects.toThrow('Tuiles en ligne non autorisées.');
    expect(fetches).toHaveLength(1);
  });

  it('refuses bad addresses, bad tiles and answers that are not images', async () => {
    await expect(invoke(BASEMAP_CHANNELS.allowOnline, 'http://tile.openstreetmap.org/{z}/{x}/{y}.png')).rejects.toThrow(/Argument invalide/);
    await expect(invoke(BASEMAP_CHANNELS.allowOnline, 'https://a:b@tiles.example/{z}/{x}/{y}.png')).rejects.toThrow(/Argument invalide/);
    expect(showMessageBox).not.toHaveBeenCalled();
    answer = 0;
    await invoke(BASEMAP_CHANNELS.allowOnline, OSM);
    await expect(invoke(BASEMAP_CHANNELS.onlineTile, { z: 2, x: 4, y: 0 })).rejects.toThrow(/hors de la grille/);
    await expect(invoke(BASEMAP_CHANNELS.onlineTile, { z: 2, x: 1, y: 1, url: 'https://evil/' })).rejects.toThrow(/Argument invalide/);
    reply = () => new Response('<html>', { headers: { 'content-type': 'text/html' } });
    await expect(invoke(BASEMAP_CHANNELS.onlineTile, { z: 2, x: 1, y: 1 })).rejects.toThrow('ce n’est pas une image');
    reply = () => new Response('', { status: 404 });
    await expect(invoke(BASEMAP_CHANNELS.onlineTile, { z: 2, x: 1, y: 1 })).rejects.toThrow('Tuile indisponible (404).');
  });

  it('refuses an address whose host holds a placeholder (one host shown, others fetched) before asking the user', async () => {
    answer = 0;
    for (const template of ['https://10.{z}.{x}.{y}/t.png', 'https://{s}.tile.example/{z}/{x}/{y}.png', 'https://tile{z}.example/{x}/{y}.png']) {
      await expect(invoke(BASEMAP_CHANNELS.allowOnline, template)).rejects.toThrow(/Argument invalide.*adresse de tuiles refusée/);
    }
    expect(showMessageBox).not.toHaveBeenCalled();
    await expect(invoke(BASEMAP_CHANNELS.onlineTile, { z: 5, x: 16, y: 11 })).rejects.toThrow('Tuiles en ligne non autorisées.');
    expect(fetches).toEqual([]);
  });

  it('drops an approval saved under the old rules (placeholder in the host) but keeps the picked files', async () => {
    const file = { id: crypto.randomUUID(), path: join(dir, 'a.pmtiles'), name: 'a.pmtiles', size: 10, pickedAt: 1 };
    await writeFile(join(dir, 'basemaps.json'), JSON.stringify({ files: [file], online: { template: 'https://10.{z}.{x}.{y}/t.png', approvedAt: 1 } }));
    register();
    await expect(invoke(BASEMAP_CHANNELS.onlineTile, { z: 5, x: 16, y: 11 })).rejects.toThrow('Tuiles en ligne non autorisées.');
    expect(fetches).toEqual([]);
    await expect(invoke(BASEMAP_CHANNELS.readPmtiles, { id: file.id, offset: 0, length: 1 })).rejects.toThrow(/Fichier introuvable : a\.pmtiles/);
  });

  it('fetches from the host named in the consent dialog only, and never follows a redirect', async () => {
    answer = 0;
    await invoke(BASEMAP_CHANNELS.allowOnline, OSM);
    const shown = (showMessageBox.mock.calls[0] as unknown as [unknown, { message: string }])[1].message;
    expect(shown).toBe('Télécharger les fonds de carte depuis tile.openstreetmap.org ?');
    // A server answering 302 to a plain-http service of this machine: a fetch that follows redirects
    // would reach it; with redirect 'error' the request fails (as net.fetch does) and nothing else is asked.
    const lan = 'http://127.0.0.1:6379/';
    reply = (url, init) => {
      if (url === lan) return new Response(new Uint8Array([1]), { headers: { 'content-type': 'image/png' } });
      if (init.redirect === 'error') throw new TypeError('fetch failed: redirect mode is set to error');
      fetches.push(lan);
      inits.push(init);
      return reply(lan, init);
    };
    await expect(invoke(BASEMAP_CHANNELS.onlineTile, { z: 3, x: 1, y: 2 })).rejects.toThrow(
      'Tuile indisponible : tile.openstreetmap.org ne répond pas, ou a répondu par une redirection (refusée).',
    );
    expect(fetches).toEqual(['https://tile.openstreetmap.org/3/1/2.png']);
    expect(inits.map((init) => init.redirect)).toEqual(['error']);
    expect(inits[0].credentials).toBe('omit');
    for (const url of fetches) expect(new URL(url).host).toBe('tile.openstreetmap.org');

    // A fetch that hands back a redirect response anyway (manual mode) is refused too.
    reply = () => new Response(null, { status: 302, headers: { location: lan } });
    await expect(invoke(BASEMAP_CHANNELS.onlineTile, { z: 3, x: 1, y: 2 })).rejects.toThrow('Tuile refusée : le serveur a répondu par une redirection.');
  });
});
