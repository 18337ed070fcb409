// The basemaps' own IndexedDB database, 'vigie-basemaps', apart from the crisis data: cached online
// tiles (a cache, evicted at will) and, in the web build, the PMTiles files the user picked (a
// browser cannot reopen a File after a reload, so the file itself is kept here).
import Dexie, { type Table } from 'dexie';

export interface CachedTile {
  /** `${source}/${z}/${x}/${y}`. */
  key: string;
  source: string;
  data: Uint8Array;
  type: string;
  bytes: number;
  fetchedAt: number;
  lastUsed: number;
}

export interface StoredPmtiles {
  id: string;
  name: string;
  size: number;
  addedAt: number;
  blob: Blob;
}

export interface BasemapMeta {
  key: string;
  value: number;
}

export class BasemapDatabase extends Dexie {
  tiles!: Table<CachedTile, string>;
  files!: Table<StoredPmtiles, string>;
  meta!: Table<BasemapMeta, string>;

  constructor(name = 'vigie-basemaps') {
    super(name);
    this.version(1).stores({
      tiles: 'key, lastUsed, source',
      files: 'id',
      meta: 'key',
    });
  }
}

let shared: BasemapDatabase | null = null;

export function basemapDatabase(): BasemapDatabase {
  shared ??= new BasemapDatabase();
  return shared;
}
