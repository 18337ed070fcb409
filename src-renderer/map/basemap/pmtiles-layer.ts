// A Leaflet layer showing a PMTiles archive: raster archives (PNG, JPEG, WebP, AVIF) as images,
// vector archives (MVT) drawn on canvas with a plain style (vector-layer.ts). Tiles outside the
// archive's zooms or extent stay transparent over the built-in basemap.
import L from 'leaflet';
import type { PMTiles } from 'pmtiles';
import { escapeAttribution } from './attribution';
import { createBlobTileLayer } from './blob-tile-layer';
import type { PmtilesInfo } from './pmtiles-source';
import { createVectorTileLayer } from './vector-layer';

export function createPmtilesLayer(archive: PMTiles, info: PmtilesInfo): L.GridLayer {
  const bounds = info.bounds ? L.latLngBounds([info.bounds[1], info.bounds[0]], [info.bounds[3], info.bounds[2]]) : undefined;
  const attribution = info.attribution ? escapeAttribution(info.attribution) : undefined;
  if (info.kind === 'raster') {
    return createBlobTileLayer(
      async (coords, signal) => {
        const tile = await archive.getZxy(coords.z, coords.x, coords.y, signal);
        return tile ? { data: tile.data, type: info.mime ?? 'image/png' } : undefined;
      },
      {
        minNativeZoom: info.minZoom,
        // Past the archive's last zoom, its deepest tiles are enlarged rather than left blank.
        maxNativeZoom: info.maxZoom,
        maxZoom: 22,
        bounds,
        attribution,
        className: 'vigie-pmtiles',
      },
    );
  }
  if (info.kind === 'vector') return createVectorTileLayer(archive, info, { bounds, attribution });
  throw new Error(`Cette archive contient des ${info.label}.`);
}
