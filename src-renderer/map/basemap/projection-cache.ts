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

type Nested = L.LatLng | Nested[];

/** The rings of a path's latlngs, in the order Leaflet's `_projectLatlngs` walks them. */
export function projectOnce(latlngs: Nested[], crs: L.CRS): ProjectedRings {
  const { transformation, projection } = crs as unknown as { transformation: L.Transformation; projection: L.Projection };
  const rings: Float64Array[] = [];
  const walk = (list: Nested[]) => {
    if (!list.length) return;
    if (list[0] instanceof L.LatLng) {
      const ring = new Float64Array(list.length * 2);
      for (let i = 0; i < list.length; i++) {
        const p = transformation.transform(projection.project(list[i] as L.LatLng), 1);
        ring[2 * i] = p.x;
        ring[2 * i + 1] = p.y;
      }
      rings.push(ring);
    } else for (const sub of list) walk(sub as Nested[]);
  };
  walk(latlngs);
  const boxes = new Float64Array(rings.length * 4);
  rings.forEach((r, k) => {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let i = 0; i < r.length; i += 2) {
      if (r[i] < minX) minX = r[i];
      if (r[i] > maxX) maxX = r[i];
      if (r[i + 1] < minY) minY = r[i + 1];
      if (r[i + 1] > maxY) maxY = r[i + 1];
    }
    boxes.set([minX, minY, maxX, maxY], 4 * k);
  });
  return { rings, boxes };
}

/** A prepared layer's rings (prepare.ts, from the worker) as views on its flat arrays: nothing copied. */
export function projectedOf(p: PreparedRings): ProjectedRings {
  const rings: Float64Array[] = [];
  for (let k = 0; k + 1 < p.offsets.length; k++) rings.push(p.coords.subarray(2 * p.offsets[k], 2 * p.offsets[k + 1]));
  return { rings, boxes: p.boxes };
}

interface PathInternals {
  _map: L.Map;
  _latlngs: Nested[];
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
 * Gives a Leaflet polyline or polygon a `_project` that reuses its vertices projected once, and a
 * `_clipPoints` that makes pixel points only for the rings that touch the view being drawn (rings
 * wholly outside it would give nothing to draw anyway: Leaflet clips every ring to the view).
 * `given`: rings already projected (prepared in a worker); the layer's own latlngs then only give
 * its bounds, and it draws nothing on a map of another CRS (the app's maps are all EPSG:3857).
 */
export function cacheProjection(layer: L.Layer, given?: ProjectedRings): void {
  const path = layer as unknown as PathInternals;
  if (typeof path._project !== 'function' || !('_latlngs' in path)) return;
  const originalProject = path._project;
  const originalClip = path._clipPoints;
  let cache: ProjectedRings | null = given ?? null;
  let cachedFor: Nested[] | null = null;
  /** Set by _project for the current zoom: scale and pixel origin; null when Leaflet projects itself. */
  let view: { scale: number; ox: number; oy: number } | null = null;
  /** Pixel rings made at the current zoom, by ring index. */
  let made = new Map<number, L.Point[]>();
  const ringAt = (k: number): L.Point[] => {
    let ring = made.get(k);
    if (ring) return ring;
    const r = cache!.rings[k];
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
      if (!given) return originalProject.call(this);
      this._rings = [];
      this._rawPxBounds = undefined;
      return;
    }
    if (!given && (!cache || cachedFor !== this._latlngs)) {
      cache = projectOnce(this._latlngs, crs);
      cachedFor = this._latlngs;
    }
    const scale = crs.scale(map.getZoom());
    const origin = map.getPixelOrigin();
    view = { scale, ox: origin.x, oy: origin.y };
    made = new Map();
    const b = cache!.boxes; // given, or just projected
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
    if (!view || !cache) {
      if (!given) return originalClip.call(this);
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
