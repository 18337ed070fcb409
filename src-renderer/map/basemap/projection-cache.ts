// The built-in basemap's polygons projected once, not at every zoom. Leaflet re-projects every
// vertex of a path (Mercator: a log and a sine each) whenever the zoom changes; Natural Earth's
// land and borders hold hundreds of thousands of vertices, a fifth of a zoom notch at 100k
// sightings. In Web Mercator (EPSG:3857, the map's CRS) the pixel point at zoom z is
// `scale(z) · t(project(latlng))`: t(project(·)) is computed once per vertex and kept in a
// Float64Array per ring, with the ring's bounding box. A zoom then only scales the boxes; a ring's
// pixel points are made when it is clipped for a view it touches (at zoom 10 over a département,
// a few rings of 4,000), not for the whole world at every zoom: making 200,000 points per zoom cost
// more in garbage collection (30–50 ms a notch) than the projection itself.
import L from 'leaflet';
import type { PreparedRings } from './prepare';

export interface ProjectedRings {
  /** Per ring: u0, v0, u1, v1, … at scale 1. */
  rings: Float64Array[];
  /** Per ring: min u, min v, max u, max v at scale 1. */
  boxes: Float64Array;
}

/** A prepared layer's rings (prepare.ts, from the worker) as views on its flat arrays: nothing copied. */
export function projectedOf(p: PreparedRings): ProjectedRings {
  const rings: Float64Array[] = [];
  for (let k = 0; k + 1 < p.offsets.length; k++) rings.push(p.coords.subarray(2 * p.offsets[k], 2 * p.offsets[k + 1]));
  return { rings, boxes: p.boxes };
}

interface PathInternals {
  _map: L.Map;
  _latlngs: unknown[];
  _rings: L.Point[][];
  _bounds: L.LatLngBounds;
  _rawPxBounds?: L.Bounds;
  _renderer: { _bounds: L.Bounds };
  options: L.PathOptions;
  _updateBounds(): void;
  _project(): void;
  _clipPoints(): void;
}

/**
 * Gives a Leaflet polyline or polygon a `_project` that draws `cache`, rings projected once (prepared
 * in a worker, prepare.ts), and a `_clipPoints` that makes pixel points only for the rings that
 * touch the view being drawn (rings wholly outside it would give nothing to draw anyway: Leaflet
 * clips every ring to the view). The layer's own latlngs only give its bounds; it draws nothing on
 * a map of another CRS (the app's maps are all EPSG:3857).
 */
export function cacheProjection(layer: L.Layer, cache: ProjectedRings): void {
  const path = layer as unknown as PathInternals;
  if (typeof path._project !== 'function' || !('_latlngs' in path)) return;
  const originalClip = path._clipPoints;
  /** Set by _project for the current zoom: scale and pixel origin; null on a map of another CRS. */
  let view: { scale: number; ox: number; oy: number } | null = null;
  /** Pixel rings made at the current zoom, by ring index. */
  let made = new Map<number, L.Point[]>();
  const ringAt = (k: number): L.Point[] => {
    let ring = made.get(k);
    if (ring) return ring;
    const r = cache.rings[k];
    const { scale, ox, oy } = view!;
    ring = new Array<L.Point>(r.length / 2);
    // Leaflet: latLngToLayerPoint = round(project(latlng, zoom)) − pixel origin.
    for (let i = 0; i < ring.length; i++) ring[i] = new L.Point(Math.round(scale * r[2 * i]) - ox, Math.round(scale * r[2 * i + 1]) - oy);
    made.set(k, ring);
    return ring;
  };
  path._project = function (this: PathInternals) {
    const map = this._map;
    const crs = map.options.crs ?? L.CRS.EPSG3857;
    if (crs !== L.CRS.EPSG3857) {
      view = null;
      this._rings = [];
      this._rawPxBounds = undefined;
      return;
    }
    const scale = crs.scale(map.getZoom());
    const origin = map.getPixelOrigin();
    view = { scale, ox: origin.x, oy: origin.y };
    made = new Map();
    const b = cache.boxes;
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let k = 0; k < b.length; k += 4) {
      minX = Math.min(minX, Math.round(scale * b[k]) - origin.x);
      minY = Math.min(minY, Math.round(scale * b[k + 1]) - origin.y);
      maxX = Math.max(maxX, Math.round(scale * b[k + 2]) - origin.x);
      maxY = Math.max(maxY, Math.round(scale * b[k + 3]) - origin.y);
    }
    this._rings = [];
    if (this._bounds.isValid() && minX <= maxX) {
      this._rawPxBounds = L.bounds([minX, minY], [maxX, maxY]);
      this._updateBounds();
    }
  };
  path._clipPoints = function (this: PathInternals) {
    if (!view) {
      (this as unknown as { _parts: L.Point[][] })._parts = [];
      return;
    }
    // The view as Leaflet clips to it, widened by the stroke.
    const w = (this.options.weight ?? 0) + 1;
    const bounds = this._renderer._bounds;
    const [x0, y0, x1, y1] = [bounds.min!.x - w, bounds.min!.y - w, bounds.max!.x + w, bounds.max!.y + w];
    const { scale, ox, oy } = view;
    const b = cache.boxes;
    const rings: L.Point[][] = [];
    for (let k = 0; k < b.length / 4; k++) {
      if (scale * b[4 * k + 2] - ox < x0 - 1 || scale * b[4 * k] - ox > x1 + 1) continue;
      if (scale * b[4 * k + 3] - oy < y0 - 1 || scale * b[4 * k + 1] - oy > y1 + 1) continue;
      rings.push(ringAt(k));
    }
    this._rings = rings;
    originalClip.call(this);
  };
}
