// The built-in basemap's big rings cut into pieces, once, when it loads. Natural Earth's land is a
// few huge rings (Eurasia and Africa: 32,000 and 25,000 vertices); Leaflet clips every ring that
// touches the view, vertex by vertex, at every pan and zoom, so one such ring cost a zoom notch
// ~10–20 ms. Cut into pieces of at most a few hundred vertices, only the pieces in view are clipped
// and drawn. Polygons are cut by halving their box (Sutherland–Hodgman against one line at a time)
// and filled without a stroke, since the cuts would show; the coastline is drawn from the original
// rings, cut into runs of vertices. Coordinates are GeoJSON [lon, lat].
import type { MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';

/** The part of a closed ring on one side of x = v (axis 0) or y = v (axis 1). */
function clipRing(ring: Position[], axis: 0 | 1, v: number, keepBelow: boolean): Position[] {
  const out: Position[] = [];
  const inside = (p: Position) => (keepBelow ? p[axis] <= v : p[axis] >= v);
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[(i + n - 1) % n];
    const b = ring[i];
    const ia = inside(a);
    const ib = inside(b);
    if (ia !== ib) {
      const t = (v - a[axis]) / (b[axis] - a[axis]);
      out.push(axis === 0 ? [v, a[1] + t * (b[1] - a[1])] : [a[0] + t * (b[0] - a[0]), v]);
    }
    if (ib) out.push(b);
  }
  return out;
}

type Box = [number, number, number, number];

function boxOf(rings: Position[][]): Box {
  const b: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of rings)
    for (const p of r) {
      if (p[0] < b[0]) b[0] = p[0];
      if (p[1] < b[1]) b[1] = p[1];
      if (p[0] > b[2]) b[2] = p[0];
      if (p[1] > b[3]) b[3] = p[1];
    }
  return b;
}

/** A polygon (outer ring and holes) as pieces of at most `max` vertices, each a polygon for the even-odd fill. */
export function splitPolygon(rings: Position[][], max = 400): Position[][][] {
  const pieces: Position[][][] = [];
  const split = (part: Position[][], box: Box, depth: number) => {
    const count = part.reduce((n, r) => n + r.length, 0);
    if (count <= max || depth > 24) return void pieces.push(part);
    const axis: 0 | 1 = box[2] - box[0] >= box[3] - box[1] ? 0 : 1;
    const mid = (box[axis] + box[axis + 2]) / 2;
    for (const below of [true, false]) {
      const half = part.map((r) => clipRing(r, axis, mid, below)).filter((r) => r.length >= 3);
      if (!half.length) continue;
      const sub: Box = [...box];
      if (below) sub[axis + 2] = mid;
      else sub[axis] = mid;
      split(half, sub, depth + 1);
    }
  };
  const open = rings.map((r) => (r.length > 1 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1] ? r.slice(0, -1) : r));
  split(open, boxOf(open), 0);
  return pieces;
}

export function splitPolygons(geometry: Polygon | MultiPolygon, max?: number): MultiPolygon {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return { type: 'MultiPolygon', coordinates: polygons.flatMap((p) => splitPolygon(p, max)) };
}

/** Lines as runs of at most `max` vertices; consecutive runs share their end vertex. */
export function chunkLines(lines: Position[][], max = 400): MultiLineString {
  const out: Position[][] = [];
  for (const line of lines) for (let i = 0; i < line.length - 1; i += max - 1) out.push(line.slice(i, i + max));
  return { type: 'MultiLineString', coordinates: out };
}

/** The rings of polygons as lines (the coastline of the land). */
export function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat();
}
