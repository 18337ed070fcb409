// The main-process side of the basemaps: PMTiles files read in place, and online tiles fetched for
// the page. Both go through validated IPC instead of a custom protocol, so that:
// - the CSP stays as it is (connect-src 'self' ws: wss:, img-src 'self' data: blob:): the page never
//   fetches any HTTP host, nor a vigie-… scheme; tiles reach it as bytes and are shown from blob: URLs;
// - every call is checked like the other IPC handlers (our window, our page: assertTrustedSender) and
//   its arguments validated with zod, which a protocol handler can't do (it doesn't know the caller);
// - no scheme of the session (app:// serves only the built page, app-protocol.ts) hands out tiles.
//
// PMTiles: the page never sees a path. A file becomes readable only when the user picks it in the
// system's dialog here; it gets a random id, remembered in userData/basemaps.json so the choice
// survives a restart (the 20 most recent). Reads are byte ranges, as the pmtiles library asks for.
//
// Online tiles: fetched here with Chromium's network stack (net.fetch), only from the one address
// template the user approved in a system dialog shown by this process — a compromised page can't
// switch online access on silently — https only, images only, 4 MiB at most each. The host named in
// that dialog is the only one ever contacted: no placeholder may sit in the host (online-template.ts),
// each URL is checked against the approved host before the request, and redirects are refused (a
// tile server, or whoever answers in its name, could otherwise send the request to a LAN service).
import { randomUUID } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { app, dialog, ipcMain, net, type BrowserWindow, type MessageBoxOptions, type OpenDialogOptions } from 'electron';
import { z } from 'zod';
import { isValidTemplate, isValidTile, templateHost, tileUrl } from '../src-renderer/map/basemap/online-template';
import { BASEMAP_CHANNELS } from './basemap-channels';
import { assertTrustedSender } from './ipc';
import { writeFileAtomic } from './services/files';

export const MAX_READ_BYTES = 16 * 1024 * 1024;
export const MAX_TILE_BYTES = 4 * 1024 * 1024;
const MAX_REMEMBERED_FILES = 20;
const TILE_TIMEOUT_MS = 15_000;

interface Remembered {
  files: { id: string; path: string; name: string; size: number; pickedAt: number }[];
  online: { template: string; approvedAt: number } | null;
}

const rememberedSchema = z.object({
  files: z.array(z.object({ id: z.string(), path: z.string(), name: z.string(), size: z.number(), pickedAt: z.number() })).max(100),
  online: z.object({ template: z.string().refine(isValidTemplate), approvedAt: z.number() }).nullable(),
});

const readSchema = z.strictObject({
  id: z.uuid(),
  offset: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  length: z.int().min(1).max(MAX_READ_BYTES),
});
const allowSchema = z.union([z.null(), z.string().max(500).refine(isValidTemplate, { error: 'adresse de tuiles refusée' })]);
const tileSchema = z.strictObject({ z: z.int(), x: z.int(), y: z.int() }).refine(({ z: zoom, x, y }) => isValidTile(zoom, x, y), {
  error: 'tuile hors de la grille',
});

export interface BasemapDeps {
  appUrl: string;
  getMainWindow(): BrowserWindow | null;
  /** Where basemaps.json lives (userData by default). */
  dataDir?: string;
  showOpenDialog?(window: BrowserWindow | null, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showMessageBox?(window: BrowserWindow | null, options: MessageBoxOptions): Promise<{ response: number }>;
  fetch?(url: string, init: RequestInit): Promise<Response>;
}

function parse<T>(schema: z.ZodType<T>, value: unknown, channel: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new Error(`Argument invalide pour ${channel} : ${result.error.issues[0]?.message ?? 'refusé'}.`);
}

export class BasemapFiles {
  private remembered: Promise<Remembered> | null = null;
  constructor(private readonly path: string) {}

  load(): Promise<Remembered> {
    this.remembered ??= readFile(this.path, 'utf8').then(
      (text) => {
        const raw: unknown = JSON.parse(text);
        const parsed = rememberedSchema.safeParse(raw);
        if (parsed.success) return parsed.data;
        // An approval given under older, looser rules (a placeholder in the host…) is dropped and
        // will be asked again; the picked files are kept.
        const files = rememberedSchema.shape.files.safeParse((raw as { files?: unknown } | null)?.files);
        return { files: files.success ? files.data : [], online: null };
      },
      () => ({ files: [], online: null }),
    );
    return this.remembered;
  }

  async save(next: Remembered): Promise<void> {
    this.remembered = Promise.resolve(next);
    await writeFileAtomic(this.path, JSON.stringify(next));
  }
}

async function checkPmtiles(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isFile()) throw new Error('Ce n’est pas un fichier.');
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    await handle.read(head, 0, 8, 0);
    if (head.subarray(0, 7).toString('latin1') !== 'PMTiles') throw new Error('Ce fichier n’est pas une archive PMTiles.');
    if (head[7] !== 3) throw new Error('Version de PMTiles non prise en charge (seule la version 3 est lue).');
  } finally {
    await handle.close();
  }
  return info.size;
}

export function registerBasemapHandlers(deps: BasemapDeps): void {
  const store = new BasemapFiles(join(deps.dataDir ?? app.getPath('userData'), 'basemaps.json'));
  const showOpenDialog =
    deps.showOpenDialog ?? ((window, options) => (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)));
  const showMessageBox =
    deps.showMessageBox ?? ((window, options) => (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options)));
  const fetchTile = deps.fetch ?? ((url: string, init: RequestInit) => net.fetch(url, init));

  ipcMain.handle(BASEMAP_CHANNELS.pickPmtiles, async (event) => {
    assertTrustedSender(event, deps);
    const choice = await showOpenDialog(deps.getMainWindow(), {
      title: 'Choisir une archive de tuiles (PMTiles)',
      filters: [{ name: 'Archives PMTiles', extensions: ['pmtiles'] }],
      properties: ['openFile'],
    });
    const path = choice.filePaths[0];
    if (choice.canceled || !path) return null;
    const size = await checkPmtiles(path);
    const remembered = await store.load();
    const known = remembered.files.find((f) => f.path === path);
    const entry = { id: known?.id ?? randomUUID(), path, name: basename(path), size, pickedAt: Date.now() };
    const files = [entry, ...remembered.files.filter((f) => f.id !== entry.id)].slice(0, MAX_REMEMBERED_FILES);
    await store.save({ ...remembered, files });
    return { id: entry.id, name: entry.name, size };
  });

  ipcMain.handle(BASEMAP_CHANNELS.readPmtiles, async (event, request: unknown) => {
    assertTrustedSender(event, deps);
    const { id, offset, length } = parse(readSchema, request, BASEMAP_CHANNELS.readPmtiles);
    // Only a file the user picked in the dialog above: the page names an id, never a path.
    const file = (await store.load()).files.find((f) => f.id === id);
    if (!file) throw new Error('Archive inconnue : choisissez le fichier de nouveau.');
    let handle;
    try {
      handle = await open(file.path, 'r');
    } catch {
      throw new Error(`Fichier introuvable : ${file.name}. A-t-il été déplacé ? Choisissez-le de nouveau.`);
    }
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      // Fewer bytes at the end of the file: send only those (IPC would copy the whole buffer).
      return new Uint8Array(bytesRead === length ? buffer : buffer.subarray(0, bytesRead).slice());
    } finally {
      await handle.close();
    }
  });

  ipcMain.handle(BASEMAP_CHANNELS.allowOnline, async (event, template: unknown) => {
    assertTrustedSender(event, deps);
    const wanted = parse(allowSchema, template, BASEMAP_CHANNELS.allowOnline);
    const remembered = await store.load();
    if (wanted === null) {
      if (remembered.online) await store.save({ ...remembered, online: null });
      return true;
    }
    if (remembered.online?.template === wanted) return true;
    const host = templateHost(wanted);
    const { response } = await showMessageBox(deps.getMainWindow(), {
      type: 'question',
      title: 'Tuiles en ligne',
      message: `Télécharger les fonds de carte depuis ${host} ?`,
      detail:
        'Vigie demandera à ce serveur les tuiles des zones affichées : il verra l’adresse IP de ce poste et les zones consultées. ' +
        'Rien d’autre ne lui est envoyé. Les tuiles vues sont gardées sur ce poste pour rester visibles sans réseau. ' +
        'Vous pourrez désactiver les tuiles en ligne à tout moment.',
      buttons: ['Autoriser', 'Annuler'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    if (response !== 0) return false;
    await store.save({ ...remembered, online: { template: wanted, approvedAt: Date.now() } });
    return true;
  });

  ipcMain.handle(BASEMAP_CHANNELS.onlineTile, async (event, request: unknown) => {
    assertTrustedSender(event, deps);
    const { z: zoom, x, y } = parse(tileSchema, request, BASEMAP_CHANNELS.onlineTile);
    const online = (await store.load()).online;
    if (!online) throw new Error('Tuiles en ligne non autorisées.');
    const url = tileUrl(online.template, zoom, x, y);
    let response: Response;
    try {
      response = await fetchTile(url, {
        headers: { Accept: 'image/*', 'User-Agent': `Vigie/${app.getVersion()} (cellule de crise; hors ligne d'abord)` },
        credentials: 'omit',
        // A redirect is never followed: it could lead anywhere, a plain-http service of the LAN included.
        redirect: 'error',
        signal: AbortSignal.timeout(TILE_TIMEOUT_MS),
      });
    } catch {
      throw new Error(`Tuile indisponible : ${templateHost(online.template)} ne répond pas, ou a répondu par une redirection (refusée).`);
    }
    if (response.redirected || (response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect') {
      throw new Error('Tuile refusée : le serveur a répondu par une redirection.');
    }
    if (response.url && new URL(response.url).host !== templateHost(online.template)) {
      throw new Error('Tuile refusée : la réponse ne vient pas du serveur autorisé.');
    }
    if (!response.ok) throw new Error(`Tuile indisponible (${response.status}).`);
    const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (!type.startsWith('image/')) throw new Error('Tuile refusée : ce n’est pas une image.');
    if (Number(response.headers.get('content-length') ?? 0) > MAX_TILE_BYTES) throw new Error('Tuile refusée : trop volumineuse.');
    const data = new Uint8Array(await response.arrayBuffer());
    if (data.byteLength > MAX_TILE_BYTES) throw new Error('Tuile refusée : trop volumineuse.');
    return { data, type };
  });
}
