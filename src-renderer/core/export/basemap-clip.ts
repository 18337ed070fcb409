// The built-in basemap, cut down for a public file: the land and the départements inside a box around
// the crisis (Sutherland–Hodgman clipping of each ring against the box), coordinates rounded to
// 0.001° (~100 m, finer than the 1:10m source), so the file carries a few hundred KB, not the world.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

export type Bbox = [west: number, south: number, east: number, north: number];

type Ring = Position[];

function clipRing(ring: Ring, [w, s, e, n]: Bbox): Ring {
  const edges: [(p: Position) => boolean, (a: Position, b: Position) => Position][] = [
    [(p) => p[0]! >= w, (a, b) => [w, a[1]! + ((b[1]! - a[1]!) * (w - a[0]!)) / (b[0]! - a[0]!)]],
    [(p) => p[0]! <= e, (a, b) => [e, a[1]! + ((b[1]! - a[1]!) * (e - a[0]!)) / (b[0]! - a[0]!)]],
    [(p) => p[1]! >= s, (a, b) => [a[0]! + ((b[0]! - a[0]!) * (s - a[1]!)) / (b[1]! - a[1]!), s]],
    [(p) => p[1]! <= n, (a, b) => [a[0]! + ((b[0]! - a[0]!) * (n - a[1]!)) / (b[1]! - a[1]!), n]],
  ];
  let out = ring;
  for (const [inside, cross] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i]!;
      const prev = input[(i + input.length - 1) % input.length]!;
      if (inside(cur)) {
        if (!inside(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cross(prev, cur));
    }
    if (out.length === 0) return out;
  }
  return out;
}

function roundRing(ring: Ring): Ring {
  const out: Ring = [];
  for (const p of ring) {
    const q = [Math.round(p[0]! * 1000) / 1000, Math.round(p[1]! * 1000) / 1000];
    const last = out[out.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
}

function ringBbox(ring: Ring): Bbox {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const p of ring) {
    w = Math.min(w, p[0]!);
    e = Math.max(e, p[0]!);
    s = Math.min(s, p[1]!);
    n = Math.max(n, p[1]!);
  }
  return [w, s, e, n];
}

const overlaps = (a: Bbox, b: Bbox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The polygons of `features` inside `box`, clipped and rounded; features left empty are dropped. */
export function clipPolygons<P>(features: FeatureCollection<Polygon | MultiPolygon, P>, box: Bbox): Feature<MultiPolygon, P>[] {
  const out: Feature<MultiPolygon, P>[] = [];
  for (const f of features.features) {
    const polygons: Position[][][] = [];
    for (const polygon of polygonsOf(f.geometry)) {
      if (!polygon[0] || !overlaps(ringBbox(polygon[0]), box)) continue;
      // An outer ring clipped away takes its holes with it.
      const outer = roundRing(clipRing(polygon[0], box));
      if (outer.length < 3) continue;
      const holes = polygon.slice(1).map((r) => roundRing(clipRing(r, box))).filter((r) => r.length >= 3);
      polygons.push([outer, ...holes]);
    }
    if (polygons.length) out.push({ type: 'Feature', properties: f.properties, geometry: { type: 'MultiPolygon', coordinates: polygons.map((p) => p.map((r) => [...r, r[0]!])) } });
  }
  return out;
}

/** The box of a feature, or undefined. */
export function featureBbox(feature: Feature<Polygon | MultiPolygon> | undefined): Bbox | undefined {
  if (!feature) return undefined;
  const boxes = polygonsOf(feature.geometry).map((p) => ringBbox(p[0]!));
  if (!boxes.length) return undefined;
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}

/** `box` grown by `ratio` of its size on each side, and at least `min` degrees. */
export function grow([w, s, e, n]: Bbox, ratio: number, min: number): Bbox {
  const dx = Math.max((e - w) * ratio, min);
  const dy = Math.max((n - s) * ratio, min);
  return [Math.max(-180, w - dx), Math.max(-85, s - dy), Math.min(180, e + dx), Math.min(85, n + dy)];
}
