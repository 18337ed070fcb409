// The online tile cache: bounded, least recently used out first, and a tile once seen is still
// served when the network is gone.
import { afterEach, describe, expect, it } from 'vitest';
import { BasemapDatabase } from '../../../src-renderer/map/basemap/database';
import { OnlineTileSource, REFRESH_AFTER_MS, sourceId, type FetchedTile } from '../../../src-renderer/map/basemap/online-tiles';
import { TileCache } from '../../../src-renderer/map/basemap/tile-cache';

let dbs: BasemapDatabase[] = [];
function freshDb(): BasemapDatabase {
  const db = new BasemapDatabase(`vigie-basemaps-test-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  for (const db of dbs) await db.delete();
  dbs = [];
});

const bytes = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe('TileCache', () => {
  it('keeps a tile and counts its bytes once, even when replaced', async () => {
    const cache = new TileCache({ db: freshDb() });
    await cache.put('osm', 5, 16, 11, bytes(300), 'image/png');
    await cache.put('osm', 5, 16, 11, bytes(200, 2), 'image/png');
    const tile = await cache.get('osm', 5, 16, 11);
    expect(tile?.data).toEqual(bytes(200, 2));
    expect(tile?.type).toBe('image/png');
    expect(await cache.usage()).toBe(200);
    expect(await cache.get('osm', 5, 16, 12)).toBeUndefined();
    expect(await cache.get('other', 5, 16, 11)).toBeUndefined();
  });

  it('stays under its cap, dropping the least recently used tiles first', async () => {
    let now = 1_000_000;
    const cache = new TileCache({ db: freshDb(), maxBytes: 1000, now: () => now });
    for (let x = 0; x < 5; x++) {
      now += 120_000;
      await cache.put('osm', 10, x, 0, bytes(200), 'image/png');
    }
    expect(await cache.usage()).toBe(1000);
    // Seeing tile 0 again makes it the most recent.
    now += 120_000;
    expect(await cache.get('osm', 10, 0, 0)).toBeDefined();
    now += 120_000;
    await cache.put('osm', 10, 5, 0, bytes(200), 'image/png');
    // Over the cap: evicted down to 90 % (900 bytes), oldest first — tiles 1 and 2 go, 0 stays.
    expect(await cache.usage()).toBeLessThanOrEqual(900);
    expect(await cache.get('osm', 10, 1, 0)).toBeUndefined();
    expect(await cache.get('osm', 10, 2, 0)).toBeUndefined();
    for (const x of [0, 3, 4, 5]) expect(await cache.get('osm', 10, x, 0), `tuile ${x}`).toBeDefined();
    expect(await cache.count()).toBe(4);
    expect(await cache.usage()).toBe(800);
  });

  it('never keeps a tile larger than the whole cache, and empties on demand', async () => {
    const cache = new TileCache({ db: freshDb(), maxBytes: 100 });
    await cache.put('osm', 1, 0, 0, bytes(101), 'image/png');
    expect(await cache.count()).toBe(0);
    await cache.put('osm', 1, 0, 0, bytes(50), 'image/png');
    await cache.clear();
    expect(await cache.count()).toBe(0);
    expect(await cache.usage()).toBe(0);
  });

  it('writes tiles arriving together in one go, and still keeps to its cap', async () => {
    const cache = new TileCache({ db: freshDb(), maxBytes: 10_000 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => cache.put('osm', 8, i, 0, bytes(100), 'image/png')));
    expect(await cache.count()).toBe(30);
    expect(await cache.usage()).toBe(3000);
    await Promise.all(Array.from({ length: 120 }, (_, i) => cache.put('osm', 9, i, 0, bytes(100), 'image/png')));
    // Even a batch larger than the cap: the older tiles go first, then what must of the batch.
    expect(await cache.usage()).toBeLessThanOrEqual(10_000);
    expect(await cache.get('osm', 8, 0, 0)).toBeUndefined();
    expect(await cache.count()).toBe((await cache.usage()) / 100);
  });

  it('holds 200 MB by default', () => {
    expect(new TileCache({ db: freshDb() }).maxBytes).toBe(200 * 1024 * 1024);
  });
});

describe('OnlineTileSource', () => {
  const png = (n: number): FetchedTile => ({ data: bytes(10, n), type: 'image/png' });

  it('serves a tile seen before from the cache when the network is gone', async () => {
    const cache = new TileCache({ db: freshDb() });
    let network = true;
    const calls: string[] = [];
    const source = new OnlineTileSource({
      source: sourceId('https://tile.example.org/{z}/{x}/{y}.png'),
      cache,
      online: () => network,
      fetchTile: async (z, x, y) => {
        calls.push(`${z}/${x}/${y}`);
        if (!network) throw new Error('hors ligne');
        return png(x);
      },
    });
    expect(await source.load(6, 32, 22)).toEqual(png(32));
    network = false;
    expect(await source.load(6, 32, 22)).toEqual(png(32));
    // Never seen, no network: nothing (the built-in basemap shows through), no error.
    expect(await source.load(6, 33, 22)).toBeUndefined();
    expect(calls).toEqual(['6/32/22', '6/33/22']);
  });

  it('shows a stale tile at once and refreshes it behind when online', async () => {
    let now = 0;
    const cache = new TileCache({ db: freshDb(), now: () => now });
    let version = 1;
    const fetched: number[] = [];
    const source = new OnlineTileSource({
      source: 's',
      cache,
      now: () => now,
      online: () => true,
      fetchTile: async () => {
        fetched.push(version);
        return png(version);
      },
    });
    await source.load(3, 1, 1);
    version = 2;
    now += REFRESH_AFTER_MS + 1;
    expect(await source.load(3, 1, 1)).toEqual(png(1));
    await expect.poll(async () => (await cache.get('s', 3, 1, 1))?.data).toEqual(png(2).data);
    expect(fetched).toEqual([1, 2]);
  });

  it('asks the network once for a tile requested twice at the same time', async () => {
    let resolve!: (tile: FetchedTile) => void;
    let calls = 0;
    const source = new OnlineTileSource({
      source: 's',
      cache: new TileCache({ db: freshDb() }),
      fetchTile: () => {
        calls++;
        return new Promise((r) => (resolve = r));
      },
    });
    const a = source.load(2, 1, 1);
    const b = source.load(2, 1, 1);
    await expect.poll(() => calls).toBe(1);
    resolve(png(7));
    expect(await a).toEqual(png(7));
    expect(await b).toEqual(png(7));
  });

  it('keeps two addresses apart', () => {
    expect(sourceId('https://a.example/{z}/{x}/{y}.png')).not.toBe(sourceId('https://b.example/{z}/{x}/{y}.png'));
    expect(sourceId('https://a.example/{z}/{x}/{y}.png')).toBe(sourceId('https://a.example/{z}/{x}/{y}.png'));
  });
});
