// What is under the sightings on one Leaflet map: the built-in basemap, always, and over it at most
// one tile layer — the PMTiles archive or the online tiles the user chose. One controller per map
// (basemapsFor), independent of the panel: opening or closing the panel changes nothing on the map.
// The choice is remembered per copy (choice.ts); the web build keeps the picked PMTiles file itself in
// IndexedDB, the desktop app the path (in its main process).
import type L from 'leaflet';
import { platform as defaultPlatform, type Platform } from '../../platform';
import { createBuiltInBasemap } from './builtin-layer';
import { loadChoice, normaliseChoice, saveChoice, type BasemapChoice, type OnlineSettings, type PmtilesRef } from './choice';
import { createOnlineTileLayer } from './online-layer';
import { templateProblem } from './online-template';
import { createPmtilesLayer } from './pmtiles-layer';
import { BlobSource, describePmtiles, PMTiles, ShellSource, type PmtilesInfo } from './pmtiles-source';
import { loadPmtilesFile, storePmtilesFile } from './pmtiles-store';
import { TileCache } from './tile-cache';

export interface BasemapState {
  choice: BasemapChoice;
  /** The built-in basemap is drawn. */
  builtInReady: boolean;
  /** What the chosen PMTiles archive holds, once read. */
  pmtilesInfo?: PmtilesInfo;
  /** Something is being loaded or asked. */
  busy: boolean;
  /** The last failure, in French; cleared by the next action. */
  error?: string;
}

export interface BasemapCapabilities {
  /** Desktop: PMTiles read in place from disk, through the system's dialog. Web: a file input, copied to IndexedDB. */
  pmtilesFromDisk: boolean;
  /** Online tiles can be fetched (desktop only: the web build's CSP allows no HTTP host). */
  online: boolean;
}

export interface BasemapControllerDeps {
  platform?: Platform;
  storage?: Storage;
  cache?: TileCache;
}

type Listener = (state: BasemapState) => void;

const controllers = new WeakMap<L.Map, BasemapController>();

/** The map's controller, created (and the saved choice applied) on first use. */
export function basemapsFor(map: L.Map, deps?: BasemapControllerDeps): BasemapController {
  let controller = controllers.get(map);
  if (!controller) {
    controller = new BasemapController(map, deps);
    controllers.set(map, controller);
    map.once('unload', () => {
      controller?.destroy();
      controllers.delete(map);
    });
    void controller.start();
  }
  return controller;
}

export class BasemapController {
  readonly capabilities: BasemapCapabilities;
  readonly cache: TileCache;
  private state: BasemapState;
  private readonly listeners = new Set<Listener>();
  private readonly platform: Platform;
  private readonly storage: Storage | undefined;
  private builtIn: L.LayerGroup | null = null;
  private overlay: L.GridLayer | null = null;
  private destroyed = false;
  /** Each switch bumps it: a slow load that finishes after a newer choice is dropped. */
  private generation = 0;

  constructor(
    private readonly map: L.Map,
    deps: BasemapControllerDeps = {},
  ) {
    this.platform = deps.platform ?? defaultPlatform;
    this.storage = deps.storage ?? (typeof localStorage === 'undefined' ? undefined : localStorage);
    this.cache = deps.cache ?? new TileCache();
    const desktop = this.platform.basemaps !== undefined;
    this.capabilities = { pmtilesFromDisk: desktop, online: desktop };
    this.state = { choice: loadChoice(this.storage), builtInReady: false, busy: false };
  }

  getState(): BasemapState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    const group = await createBuiltInBasemap().catch((error: unknown) => {
      this.update({ error: `Le fond de carte intégré n’a pas pu être chargé : ${message(error)}` });
      return null;
    });
    if (this.destroyed || !group) return;
    this.builtIn = group.addTo(this.map);
    this.update({ builtInReady: true });
    await this.apply(this.state.choice);
  }

  destroy(): void {
    this.destroyed = true;
    this.generation++;
    this.builtIn?.remove();
    this.overlay?.remove();
    this.listeners.clear();
  }

  /** Back to the built-in basemap alone (the remembered archive and address stay for later). */
  async useBuiltIn(): Promise<void> {
    await this.apply({ ...this.state.choice, active: 'builtin' });
  }

  /** Shows the remembered PMTiles archive again. */
  async usePmtiles(): Promise<void> {
    await this.apply({ ...this.state.choice, active: 'pmtiles' });
  }

  /** Web build: keeps `file` in IndexedDB and shows it. */
  async usePmtilesFile(file: File): Promise<void> {
    await this.run(async () => {
      // Checked before it is copied: a wrong file must not replace a good one.
      await describePmtiles(new PMTiles(new BlobSource(file, `file:${file.name}`)));
      const ref = await storePmtilesFile(file);
      await this.apply({ ...this.state.choice, active: 'pmtiles', pmtiles: ref }, true);
    });
  }

  /** Desktop: the system dialog, then the archive, read in place. */
  async pickPmtilesFromDisk(): Promise<void> {
    const basemaps = this.platform.basemaps;
    if (!basemaps) return;
    await this.run(async () => {
      const picked = await basemaps.pickPmtiles();
      if (!picked) return;
      const ref: PmtilesRef = { ...picked, where: 'desktop' };
      await this.apply({ ...this.state.choice, active: 'pmtiles', pmtiles: ref }, true);
    });
  }

  /** Switches online tiles on with these settings (desktop: after the user's consent in a system dialog). */
  async enableOnline(settings: OnlineSettings): Promise<void> {
    const problem = templateProblem(settings.template);
    if (problem) {
      this.update({ error: problem });
      return;
    }
    await this.run(() => this.apply({ ...this.state.choice, active: 'online', online: settings, onlineEnabled: true }, true));
  }

  /** Switches online tiles off: nothing is requested any more; cached tiles stay until cleared. */
  async disableOnline(): Promise<void> {
    const choice: BasemapChoice = { ...this.state.choice, onlineEnabled: false };
    if (choice.active === 'online') choice.active = 'builtin';
    await this.apply(choice);
    await this.platform.basemaps?.allowOnlineTiles(null).catch(() => undefined);
  }

  async clearCache(): Promise<void> {
    await this.run(() => this.cache.clear());
  }

  private async run(task: () => Promise<void>): Promise<void> {
    this.update({ busy: true, error: undefined });
    try {
      await task();
    } catch (error) {
      this.update({ error: message(error) });
    } finally {
      this.update({ busy: false });
    }
  }

  /** Puts `wanted` on the map. When it fails, the map keeps the built-in basemap and says why. */
  private async apply(wanted: BasemapChoice, rethrow = false): Promise<void> {
    const choice = normaliseChoice(wanted);
    const generation = ++this.generation;
    this.overlay?.remove();
    this.overlay = null;
    this.update({ choice, pmtilesInfo: choice.active === 'pmtiles' ? this.state.pmtilesInfo : undefined, error: undefined });
    saveChoice(choice, this.storage);
    if (choice.active === 'builtin' || !this.builtIn) return;
    try {
      const { layer, info } = await this.createOverlay(choice);
      if (generation !== this.generation || this.destroyed) return;
      this.overlay = layer.addTo(this.map);
      this.update({ pmtilesInfo: info });
    } catch (error) {
      if (generation !== this.generation) return;
      // The failed choice is not remembered as active: the next start shows the built-in basemap.
      const fallback = { ...choice, active: 'builtin' as const };
      saveChoice(fallback, this.storage);
      this.update({ choice: fallback, error: message(error) });
      if (rethrow) throw error;
    }
  }

  private async createOverlay(choice: BasemapChoice): Promise<{ layer: L.GridLayer; info?: PmtilesInfo }> {
    if (choice.active === 'online' && choice.online) {
      const basemaps = this.platform.basemaps;
      if (!basemaps) throw new Error('Les tuiles en ligne ne sont disponibles que dans l’application de bureau.');
      const allowed = await basemaps.allowOnlineTiles(choice.online.template);
      if (!allowed) throw new Error('Tuiles en ligne non autorisées : rien n’a été téléchargé.');
      const { layer } = createOnlineTileLayer({
        template: choice.online.template,
        attribution: choice.online.attribution,
        cache: this.cache,
        fetchTile: (z, x, y) => basemaps.fetchOnlineTile({ z, x, y }),
      });
      return { layer };
    }
    const ref = choice.pmtiles!;
    const archive = await this.openArchive(ref);
    const info = await describePmtiles(archive);
    return { layer: createPmtilesLayer(archive, info), info };
  }

  private async openArchive(ref: PmtilesRef): Promise<PMTiles> {
    if (ref.where === 'desktop') {
      const basemaps = this.platform.basemaps;
      if (!basemaps) throw new Error('Ce fichier a été choisi dans l’application de bureau : choisissez-le de nouveau ici.');
      return new PMTiles(new ShellSource(ref.id, (request) => basemaps.readPmtiles(request)));
    }
    const blob = await loadPmtilesFile(ref.id);
    if (!blob) throw new Error(`Le fichier « ${ref.name} » n’est plus dans ce navigateur : choisissez-le de nouveau.`);
    return new PMTiles(new BlobSource(blob, `idb:${ref.id}`));
  }

  private update(patch: Partial<BasemapState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

