// Online tiles already seen, kept in IndexedDB so the map still shows them once the network is gone.
// Bounded: past `maxBytes` (200 MB by default) the least recently used tiles are dropped, down to 90 %
// of the cap so that eviction doesn't run on every write. The running total lives in the same
// database and changes in the same transaction as the tiles, so it can't drift.
import { basemapDatabase, type BasemapDatabase, type CachedTile } from './database';

export const DEFAULT_CACHE_BYTES = 200 * 1024 * 1024;
const TOTAL_KEY = 'tile-bytes';
/** A hit refreshes the tile's place in the LRU order at most this often (saves a write per view). */
const TOUCH_EVERY_MS = 60_000;

export interface TileCacheOptions {
  db?: BasemapDatabase;
  maxBytes?: number;
  now?: () => number;
}

export function tileKey(source: string, z: number, x: number, y: number): string {
  return `${source}/${z}/${x}/${y}`;
}

interface QueuedTile {
  tile: CachedTile;
  resolve(): void;
  reject(error: unknown): void;
}

const BATCH_DELAY_MS = 30;

export class TileCache {
  readonly maxBytes: number;
  private queue: QueuedTile[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly db: BasemapDatabase;
  private readonly now: () => number;

  constructor(options: TileCacheOptions = {}) {
    this.db = options.db ?? basemapDatabase();
    this.maxBytes = options.maxBytes ?? DEFAULT_CACHE_BYTES;
    this.now = options.now ?? Date.now;
  }

  async get(source: string, z: number, x: number, y: number): Promise<CachedTile | undefined> {
    const tile = await this.db.tiles.get(tileKey(source, z, x, y));
    if (!tile) return undefined;
    const now = this.now();
    if (now - tile.lastUsed >= TOUCH_EVERY_MS) {
      tile.lastUsed = now;
      // Best effort: a failed touch only makes the tile look older than it is.
      await this.db.tiles.update(tile.key, { lastUsed: now }).catch(() => undefined);
    }
    return tile;
  }

  /**
   * Stores a tile; resolves once it is committed. Tiles arriving together (a map pan brings dozens)
   * are written in one transaction: one commit instead of one each.
   */
  put(source: string, z: number, x: number, y: number, data: Uint8Array, type: string): Promise<void> {
    // A tile bigger than the whole cache would evict everything and still not fit.
    if (data.byteLength > this.maxBytes) return Promise.resolve();
    const now = this.now();
    return new Promise((resolve, reject) => {
      this.queue.push({
        tile: { key: tileKey(source, z, x, y), source, data, type, bytes: data.byteLength, fetchedAt: now, lastUsed: now },
        resolve,
        reject,
      });
      this.timer ??= setTimeout(() => void this.flush(), BATCH_DELAY_MS);
    });
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const batch = this.queue.splice(0);
    // The same tile twice in a batch: the later one wins.
    const tilesByKey = new Map(batch.map(({ tile }) => [tile.key, tile]));
    const fresh = [...tilesByKey.values()];
    const { tiles, meta } = this.db;
    try {
      await this.db.transaction('rw', tiles, meta, async () => {
        const previous = await tiles.bulkGet(fresh.map((t) => t.key));
        let total = (await meta.get(TOTAL_KEY))?.value ?? 0;
        for (let i = 0; i < fresh.length; i++) total += fresh[i].bytes - (previous[i]?.bytes ?? 0);
        await tiles.bulkPut(fresh);
        if (total > this.maxBytes) {
          const target = this.maxBytes * 0.9;
          const victims: string[] = [];
          await tiles
            .orderBy('lastUsed')
            .until(() => total <= target)
            .each((tile) => {
              // Oldest first: this batch's tiles go last, only if the batch alone outgrows the cap.
              victims.push(tile.key);
              total -= tile.bytes;
            });
          await tiles.bulkDelete(victims);
        }
        await meta.put({ key: TOTAL_KEY, value: Math.max(0, total) });
      });
      for (const item of batch) item.resolve();
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  /** Bytes held now. */
  async usage(): Promise<number> {
    return (await this.db.meta.get(TOTAL_KEY))?.value ?? 0;
  }

  async count(): Promise<number> {
    return this.db.tiles.count();
  }

  async clear(): Promise<void> {
    const { tiles, meta } = this.db;
    await this.db.transaction('rw', tiles, meta, async () => {
      await tiles.clear();
      await meta.put({ key: TOTAL_KEY, value: 0 });
    });
  }
}
