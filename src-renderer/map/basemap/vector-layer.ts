// Vector PMTiles (Mapbox Vector Tiles) drawn on canvas with one plain, neutral style: land, water,
// land cover, buildings, roads and boundaries, no labels. Layer names of the two common schemas are
// recognised (OpenMapTiles: water, landcover, landuse, park, waterway, building, transportation,
// boundary; Protomaps basemaps: earth, water, landcover, landuse, natural, buildings, roads,
// boundaries); other layers are skipped. Past the archive's last zoom the deepest tile is drawn
// larger, still sharp. Good enough to find a street in a crisis; not a cartographic style.
import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile';
import L from 'leaflet';
import { PbfReader } from 'pbf';
import type { PMTiles } from 'pmtiles';
import type { PmtilesInfo } from './pmtiles-source';

interface LinePaint {
  line: string;
  width: number;
  dash?: number[];
  casing?: string;
}
type Paint = { fill: string; alpha?: number } | LinePaint;

interface Rule {
  layers: string[];
  paint: (props: VectorTileFeature['properties'], z: number) => Paint | null;
}

const MAJOR = /^(motorway|trunk|primary|highway|major_road)/;
const MEDIUM = /^(secondary|tertiary|medium_road)/;
const FOREST = /^(forest|wood|wetland)/;
const GREEN = /^(grass|park|farmland|meadow|garden|recreation_ground|cemetery|golf_course|nature_reserve|national_park|scrub)/;

/** Drawn in this order, bottom to top. */
const RULES: Rule[] = [
  { layers: ['earth'], paint: () => ({ fill: '#f5f3ee' }) },
  {
    layers: ['landcover', 'landuse', 'park', 'natural'],
    paint: (p) => {
      const kind = String(p.class ?? p.kind ?? p.subclass ?? '');
      if (/^(water|glacier|ice)/.test(kind)) return { fill: '#cfe6f0' };
      if (FOREST.test(kind)) return { fill: '#d6e6c8' };
      if (GREEN.test(kind)) return { fill: '#e4eed6' };
      if (/^(residential|suburb|neighbourhood)/.test(kind)) return { fill: '#eeebe6' };
      if (/^(industrial|commercial|retail|railway)/.test(kind)) return { fill: '#ece8ee' };
      if (/^(hospital|school|university|college)/.test(kind)) return { fill: '#f3e6e3' };
      return null;
    },
  },
  { layers: ['water', 'ocean'], paint: () => ({ fill: '#aad3df' }) },
  { layers: ['waterway'], paint: (_p, z) => ({ line: '#aad3df', width: z >= 12 ? 1.5 : 1 }) },
  { layers: ['building', 'buildings'], paint: (_p, z) => (z >= 14 ? { fill: '#ddd6cf' } : null) },
  {
    layers: ['transportation', 'roads'],
    paint: (p, z) => {
      const kind = String(p.class ?? p.kind ?? '');
      if (/rail/.test(kind)) return { line: '#a8a8a8', width: 1, dash: [4, 3] };
      if (/^(ferry|aerialway|path|track)/.test(kind)) return z >= 14 ? { line: '#c4b8ab', width: 0.8, dash: [2, 2] } : null;
      if (MAJOR.test(kind)) return { line: '#f6c88f', width: z >= 12 ? 3.5 : 2, casing: '#c79a64' };
      if (MEDIUM.test(kind)) return { line: '#fdf3c4', width: z >= 12 ? 2.5 : 1.2, casing: '#c9bc9a' };
      return z >= 12 ? { line: '#ffffff', width: z >= 15 ? 2.5 : 1.5, casing: '#cfc8c0' } : null;
    },
  },
  {
    layers: ['boundary', 'boundaries'],
    paint: (p) => {
      const level = Number(p.admin_level ?? p.kind_detail ?? 4);
      if (p.maritime === 1 || p.maritime === true) return null;
      return level <= 2 ? { line: '#8d8aa0', width: 1.5 } : level <= 6 ? { line: '#a6a3b8', width: 1, dash: [5, 3] } : null;
    },
  },
];

const TILE_CACHE_SIZE = 48;

export interface VectorLayerOptions {
  bounds?: L.LatLngBounds;
  attribution?: string;
}

export function createVectorTileLayer(archive: PMTiles, info: PmtilesInfo, options: VectorLayerOptions = {}): L.GridLayer {
  // Decoded tiles, most recent last: enlarging one tile past the last zoom reads it many times.
  const cache = new Map<string, Promise<VectorTile | null>>();
  const decoded = (z: number, x: number, y: number): Promise<VectorTile | null> => {
    const key = `${z}/${x}/${y}`;
    let tile = cache.get(key);
    if (tile) {
      cache.delete(key);
    } else {
      tile = archive.getZxy(z, x, y).then((bytes) => (bytes ? new VectorTile(new PbfReader(new Uint8Array(bytes.data))) : null));
      tile.catch(() => cache.delete(key));
    }
    cache.set(key, tile);
    if (cache.size > TILE_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    return tile;
  };

  const Grid = L.GridLayer.extend({
    createTile(this: L.GridLayer, coords: L.Coords, done: L.DoneCallback): HTMLElement {
      const size = this.getTileSize();
      const ratio = Math.min(window.devicePixelRatio || 1, 2);
      const canvas = document.createElement('canvas');
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      if (coords.z < info.minZoom) {
        queueMicrotask(() => done(undefined, canvas));
        return canvas;
      }
      const dz = Math.max(0, coords.z - info.maxZoom);
      const z = coords.z - dz;
      const x = coords.x >> dz;
      const y = coords.y >> dz;
      decoded(z, x, y).then(
        (tile) => {
          if (tile) draw(canvas, tile, coords, dz, ratio);
          done(undefined, canvas);
        },
        () => done(undefined, canvas),
      );
      return canvas;
    },
  });
  return new (Grid as unknown as new (options: L.GridLayerOptions) => L.GridLayer)({
    maxZoom: 22,
    bounds: options.bounds,
    attribution: options.attribution,
    className: 'vigie-pmtiles vigie-pmtiles-vector',
  });
}

function draw(canvas: HTMLCanvasElement, tile: VectorTile, coords: L.Coords, dz: number, ratio: number): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const sub = 2 ** dz;
  const offsetX = coords.x - (coords.x >> dz) * sub;
  const offsetY = coords.y - (coords.y >> dz) * sub;
  context.lineJoin = 'round';
  context.lineCap = 'round';
  for (const rule of RULES) {
    for (const name of rule.layers) {
      const layer = tile.layers[name];
      if (!layer) continue;
      // Tile units → canvas pixels, for the part of the (possibly enlarged) tile this canvas shows.
      const scale = (canvas.width * sub) / layer.extent;
      const shiftX = -offsetX * canvas.width;
      const shiftY = -offsetY * canvas.height;
      const lines: { paint: LinePaint; rings: { x: number; y: number }[][] }[] = [];
      for (let i = 0; i < layer.length; i++) {
        const feature = layer.feature(i);
        if (feature.type === 1) continue;
        const paint = rule.paint(feature.properties, coords.z);
        if (!paint) continue;
        const rings = feature.loadGeometry();
        if ('fill' in paint) {
          if (feature.type !== 3) continue;
          context.beginPath();
          trace(context, rings, scale, shiftX, shiftY, true);
          context.globalAlpha = paint.alpha ?? 1;
          context.fillStyle = paint.fill;
          context.fill('evenodd');
          context.globalAlpha = 1;
        } else {
          lines.push({ paint, rings });
        }
      }
      // Casings under all lines of the layer, then the lines: crossings look joined.
      for (const pass of ['casing', 'line'] as const) {
        for (const { paint, rings } of lines) {
          const colour = pass === 'casing' ? paint.casing : paint.line;
          if (!colour) continue;
          context.beginPath();
          trace(context, rings, scale, shiftX, shiftY, false);
          context.strokeStyle = colour;
          context.lineWidth = (paint.width + (pass === 'casing' ? 1.5 : 0)) * ratio;
          context.setLineDash(paint.dash && pass === 'line' ? paint.dash.map((d) => d * ratio) : []);
          context.stroke();
        }
      }
    }
  }
}

function trace(
  context: CanvasRenderingContext2D,
  rings: { x: number; y: number }[][],
  scale: number,
  shiftX: number,
  shiftY: number,
  close: boolean,
): void {
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const px = ring[i].x * scale + shiftX;
      const py = ring[i].y * scale + shiftY;
      if (i === 0) context.moveTo(px, py);
      else context.lineTo(px, py);
    }
    if (close) context.closePath();
  }
}
