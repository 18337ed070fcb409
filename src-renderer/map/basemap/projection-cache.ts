// The built-in basemap's polygons projected once, not at every zoom. Leaflet re-projects every
// vertex of a path (Mercator: a log and a sine each) whenever the zoom changes; Natural Earth's
// land and borders hold hundreds of thousands of vertices, a fifth of a zoom notch at 100k
// sightings. In Web Mercator (EPSG:3857, the map's CRS) the pixel point at zoom z is
// `scale(z) · t(project(latlng))`: t(project(·)) is computed once per vertex and kept in a
// Float64Array per ring, and each zoom then costs one multiplication and a rounding per coordinate.
import L from 'leaflet';

export interface ProjectedRings {
  /** Per ring: u0, v0, u1, v1, … at scale 1. */
  rings: Float64Array[];
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
  return { rings };
}

interface PathInternals {
  _map: L.Map;
  _latlngs: Nested[];
  _rings: L.Point[][];
  _bounds: L.LatLngBounds;
  _rawPxBounds?: L.Bounds;
  _updateBounds(): void;
  _project(): void;
}

/** Gives a Leaflet polyline or polygon a `_project` that reuses its vertices projected once. */
export function cacheProjection(layer: L.Layer): void {
  const path = layer as unknown as PathInternals;
  if (typeof path._project !== 'function' || !('_latlngs' in path)) return;
  const original = path._project;
  let cache: ProjectedRings | null = null;
  let cachedFor: Nested[] | null = null;
  path._project = function (this: PathInternals) {
    const map = this._map;
    const crs = map.options.crs ?? L.CRS.EPSG3857;
    if (crs !== L.CRS.EPSG3857) return original.call(this);
    if (!cache || cachedFor !== this._latlngs) {
      cache = projectOnce(this._latlngs, crs);
      cachedFor = this._latlngs;
    }
    const scale = crs.scale(map.getZoom());
    const origin = map.getPixelOrigin();
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    this._rings = cache.rings.map((r) => {
      const ring = new Array<L.Point>(r.length / 2);
      for (let i = 0; i < ring.length; i++) {
        // Leaflet: latLngToLayerPoint = round(project(latlng, zoom)) − pixel origin.
        const x = Math.round(scale * r[2 * i]) - origin.x;
        const y = Math.round(scale * r[2 * i + 1]) - origin.y;
        ring[i] = new L.Point(x, y);
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
      return ring;
    });
    if (this._bounds.isValid() && minX <= maxX) {
      this._rawPxBounds = L.bounds([minX, minY], [maxX, maxY]);
      this._updateBounds();
    }
  };
}
