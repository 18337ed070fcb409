// Where an online tile comes from: the cache first (so a tile once seen survives the network going
// down), else the network through the shell, then into the cache. Tiles older than a week are shown
// from the cache at once and refreshed behind, when the network is there.
import { TileCache } from './tile-cache';

export interface FetchedTile {
  data: Uint8Array;
  /** MIME type, image/… */
  type: string;
}

/** Fetches one tile of the configured address; rejects when it can't (offline, refused, 404…). */
export type TileFetcher = (z: number, x: number, y: number) => Promise<FetchedTile>;

export const REFRESH_AFTER_MS = 7 * 24 * 3600 * 1000;

export interface OnlineTileSourceOptions {
  /** Identifies the address in the cache: tiles of two addresses never mix. */
  source: string;
  fetchTile: TileFetcher;
  cache?: TileCache;
  now?: () => number;
  online?: () => boolean;
}

export class OnlineTileSource {
  readonly cache: TileCache;
  private readonly options: OnlineTileSourceOptions;
  private readonly pending = new Map<string, Promise<FetchedTile | undefined>>();

  constructor(options: OnlineTileSourceOptions) {
    this.options = options;
    this.cache = options.cache ?? new TileCache();
  }

  /** The tile's bytes, or undefined when neither the cache nor the network has it. */
  async load(z: number, x: number, y: number): Promise<FetchedTile | undefined> {
    const { source, now = Date.now, online = defaultOnline } = this.options;
    const cached = await this.cache.get(source, z, x, y).catch(() => undefined);
    if (cached) {
      if (now() - cached.fetchedAt > REFRESH_AFTER_MS && online()) void this.fetchAndStore(z, x, y);
      return { data: cached.data, type: cached.type };
    }
    return this.fetchAndStore(z, x, y);
  }

  private fetchAndStore(z: number, x: number, y: number): Promise<FetchedTile | undefined> {
    const key = `${z}/${x}/${y}`;
    const running = this.pending.get(key);
    if (running) return running;
    const task = this.options
      .fetchTile(z, x, y)
      .then(async (tile) => {
        // The tile is shown even if the cache refuses it (quota, private mode).
        await this.cache.put(this.options.source, z, x, y, tile.data, tile.type).catch(() => undefined);
        return tile;
      })
      .catch(() => undefined)
      .finally(() => this.pending.delete(key));
    this.pending.set(key, task);
    return task;
  }
}

function defaultOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/** A short, stable name for an address (the cache key prefix). */
export function sourceId(template: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < template.length; i++) {
    hash ^= template.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `online-${(hash >>> 0).toString(16).padStart(8, '0')}`;
}
