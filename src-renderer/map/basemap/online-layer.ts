// The online tile layer: shown only when the user switched online tiles on (BasemapChoice), fed by
// OnlineTileSource (cache first, then the shell's fetch), attributed as the user configured it.
import L from 'leaflet';
import { escapeAttribution } from './attribution';
import { createBlobTileLayer } from './blob-tile-layer';
import { OnlineTileSource, sourceId, type TileFetcher } from './online-tiles';
import { SUGGESTED_ATTRIBUTION, templateHost } from './online-template';
import type { TileCache } from './tile-cache';

export interface OnlineLayerOptions {
  template: string;
  attribution: string;
  fetchTile: TileFetcher;
  cache?: TileCache;
  maxZoom?: number;
}

export function createOnlineTileLayer(options: OnlineLayerOptions): { layer: L.GridLayer; source: OnlineTileSource } {
  const source = new OnlineTileSource({ source: sourceId(options.template), fetchTile: options.fetchTile, cache: options.cache });
  const attribution =
    options.attribution.trim() || (options.template.includes('openstreetmap.org') ? SUGGESTED_ATTRIBUTION : templateHost(options.template));
  const layer = createBlobTileLayer((coords) => source.load(coords.z, coords.x, coords.y), {
    attribution: escapeAttribution(attribution),
    maxNativeZoom: options.maxZoom ?? 19,
    maxZoom: 22,
    className: 'vigie-online-tiles',
  });
  return { layer, source };
}
