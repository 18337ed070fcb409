// A Leaflet grid layer whose tiles come from an async function (a PMTiles archive, the online tile
// cache) instead of an URL: each tile is shown from a blob: URL, which the CSP allows, and revoked as
// soon as Leaflet drops the tile. A tile the source doesn't have stays transparent, so the built-in
// basemap underneath shows through: the map is never blank.
import L from 'leaflet';

export interface TileBytes {
  data: Uint8Array | ArrayBuffer;
  type: string;
}

export type TileLoader = (coords: L.Coords, signal: AbortSignal) => Promise<TileBytes | undefined>;

interface PendingTile extends HTMLImageElement {
  _vigieAbort?: AbortController;
}

const BlobTileGrid = L.GridLayer.extend({
  initialize(this: L.GridLayer & { _load: TileLoader }, load: TileLoader, options: L.GridLayerOptions) {
    this._load = load;
    L.setOptions(this, options);
    this.on('tileunload', (event: L.TileEvent) => {
      const tile = event.tile as PendingTile;
      tile._vigieAbort?.abort();
      if (tile.src.startsWith('blob:')) URL.revokeObjectURL(tile.src);
      tile.removeAttribute('src');
    });
  },

  createTile(this: L.GridLayer & { _load: TileLoader }, coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const tile = document.createElement('img') as PendingTile;
    tile.alt = '';
    tile.setAttribute('role', 'presentation');
    tile.decoding = 'async';
    const abort = new AbortController();
    tile._vigieAbort = abort;
    const empty = () => {
      tile.style.visibility = 'hidden';
      done(undefined, tile);
    };
    this._load(coords, abort.signal).then(
      (bytes) => {
        tile._vigieAbort = undefined;
        if (abort.signal.aborted) return;
        if (!bytes) return empty();
        const data = bytes.data instanceof Uint8Array ? bytes.data : new Uint8Array(bytes.data);
        tile.onload = () => done(undefined, tile);
        tile.onerror = () => {
          // Not an image after all (corrupt tile): show nothing rather than a broken icon.
          URL.revokeObjectURL(tile.src);
          tile.removeAttribute('src');
          empty();
        };
        tile.src = URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type: bytes.type }));
      },
      () => {
        tile._vigieAbort = undefined;
        if (!abort.signal.aborted) empty();
      },
    );
    return tile;
  },
});

export function createBlobTileLayer(load: TileLoader, options: L.GridLayerOptions = {}): L.GridLayer {
  return new (BlobTileGrid as unknown as new (load: TileLoader, options: L.GridLayerOptions) => L.GridLayer)(load, options);
}
