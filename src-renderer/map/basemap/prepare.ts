// The built-in basemap made ready to draw, away from the page: Natural Earth's topology converted
// (topojson), the big land rings cut into pieces and the lines into runs (split-rings.ts), and every
// vertex projected once to Web Mercator at scale 1 — the "unit" square where Leaflet's EPSG:3857
// puts the world before scaling it by 256 · 2^zoom. Done at once this is ~370 ms (hundreds of
// thousands of vertices, and the GeoJSON and L.LatLng objects' garbage) that a crisis's opening
// spent in one task; basemap-worker.ts runs it in a worker and hands the page flat arrays
// (transferred, not copied) that projection-cache.ts scales at each zoom. Plain TS, no Leaflet.
import type { MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { BuiltInData } from './builtin-data';
import { chunkLines, ringsOf, splitPolygon } from './split-rings';

/** Rings (or lines) with their vertices in unit Web Mercator, in flat arrays. */
export interface PreparedRings {
  /** u0, v0, u1, v1, … of every ring, one after the other. */
  coords: Float64Array;
  /** Ring k is vertices offsets[k] … offsets[k + 1] − 1 (length: rings + 1). */
  offsets: Uint32Array;
  /** Per ring: min u, min v, max u, max v. */
  boxes: Float64Array;
  /** West, south, east, north (degrees) of all the vertices: the layer's LatLngBounds. */
  bounds: Float64Array;
}

export interface PreparedBasemap {
  /** Land pieces, filled without a stroke (each piece a polygon for the even-odd fill). */
  land: PreparedRings;
  /** The land's rings as lines. */
  coast: PreparedRings;
  countries: PreparedRings;
  departements: PreparedRings;
}

// Leaflet's L.Projection.SphericalMercator and L.CRS.EPSG3857's transformation, the same operations
// in the same order, so a vertex lands on the very pixel Leaflet would give it.
const R = 6378137;
const MAX_LATITUDE = 85.0511287798;
const D = Math.PI / 180;
const A = 0.5 / (Math.PI * R);

/** [u, v] of a [lon, lat] at scale 1, as `L.CRS.EPSG3857.transformation.transform(projection.project(ll), 1)`. */
export function unitMercator(lon: number, lat: number): [number, number] {
  const sin = Math.sin(Math.max(Math.min(MAX_LATITUDE, lat), -MAX_LATITUDE) * D);
  const x = R * lon * D;
  const y = (R * Math.log((1 + sin) / (1 - sin))) / 2;
  return [1 * (A * x + 0.5), 1 * (-A * y + 0.5)];
}

/** Rings of [lon, lat] positions projected into flat arrays. */
export function prepareRings(rings: readonly Position[][]): PreparedRings {
  let total = 0;
  for (const r of rings) total += r.length;
  const coords = new Float64Array(total * 2);
  const offsets = new Uint32Array(rings.length + 1);
  const boxes = new Float64Array(rings.length * 4);
  const bounds = new Float64Array([Infinity, Infinity, -Infinity, -Infinity]);
  let at = 0;
  rings.forEach((ring, k) => {
    offsets[k] = at;
    let minU = Infinity, minV = Infinity, maxU = -Infinity, maxV = -Infinity;
    for (const p of ring) {
      const [u, v] = unitMercator(p[0], p[1]);
      coords[2 * at] = u;
      coords[2 * at + 1] = v;
      at++;
      if (u < minU) minU = u;
      if (u > maxU) maxU = u;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
      if (p[0] < bounds[0]) bounds[0] = p[0];
      if (p[1] < bounds[1]) bounds[1] = p[1];
      if (p[0] > bounds[2]) bounds[2] = p[0];
      if (p[1] > bounds[3]) bounds[3] = p[1];
    }
    boxes.set([minU, minV, maxU, maxV], 4 * k);
  });
  offsets[rings.length] = at;
  return { coords, offsets, boxes, bounds };
}

const polygonsOf = (g: Polygon | MultiPolygon): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
const linesOf = (m: MultiLineString): Position[][] => m.coordinates;

/** The four layers the built-in basemap draws, from its data (builtin-data.ts `convert`). */
export function prepareBasemap(data: BuiltInData, maxVertices = 400): PreparedBasemap {
  const geometries = data.land.features.map((f) => f.geometry);
  // Pieces' rings, flattened: the even-odd fill of all of them in one path is the land (pieces do not overlap).
  const pieces = geometries.flatMap(polygonsOf).flatMap((p) => splitPolygon(p, maxVertices)).flat();
  return {
    land: prepareRings(pieces),
    coast: prepareRings(linesOf(chunkLines(geometries.flatMap(ringsOf), maxVertices))),
    countries: prepareRings(linesOf(chunkLines(data.countryBorders.coordinates, maxVertices))),
    departements: prepareRings(linesOf(chunkLines(data.departementBorders.coordinates, maxVertices))),
  };
}

/** The buffers to transfer (not copy) with a prepared basemap. */
export function buffersOf(p: PreparedBasemap): ArrayBuffer[] {
  return Object.values(p).flatMap((r: PreparedRings) => [r.coords.buffer, r.offsets.buffer, r.boxes.buffer, r.bounds.buffer] as ArrayBuffer[]);
}
