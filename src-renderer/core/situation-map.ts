// The point de situation's map: a still picture for paper, drawn from the built-in basemap (land and
// départements, clipped to the crisis's box as the public map's file does) and the period's located
// sightings. Pure: it returns SVG path data and dots in pixels, the page draws them as SVG elements
// (vector in the PDF, no tiles, no network). Points falling in the same few pixels are drawn once
// (with the P1 on top), so 10,000 sightings make a few hundred dots, not 10,000 nodes.
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { clipPolygons, featureBbox, grow, type Bbox } from './export/basemap-clip';
import type { MapPoint } from './situation-report';
import type { Category } from './taxonomy';

export interface SnapshotInput {
  points: readonly MapPoint[];
  land: FeatureCollection<Polygon | MultiPolygon>;
  departements: FeatureCollection<Polygon | MultiPolygon, { code: string; nom: string }>;
  /** The crisis's département: framed and outlined. */
  departement: string;
  width: number;
  height: number;
  /** Dots closer than this (pixels) are one. */
  cell?: number;
}

export interface Dot {
  x: number;
  y: number;
  category: Category;
  p1: boolean;
  /** Sightings drawn as this dot. */
  count: number;
}

export interface MapSnapshot {
  width: number;
  height: number;
  box: Bbox;
  land: string[];
  departements: { code: string; d: string; own: boolean }[];
  dots: Dot[];
  /** Located sightings outside the frame (a wrong coordinate, a neighbouring region). */
  outside: number;
}

/** The frame: the crisis's département, widened to the points that lie near it. */
export function frameOf(departementBox: Bbox | undefined, points: readonly MapPoint[]): Bbox {
  const base = departementBox ?? boxOf(points) ?? [-5.5, 41, 10, 51.5];
  // Points far from the département (a typo in a coordinate) must not shrink the map to a dot.
  const near = grow(base, 0.5, 0.2);
  const inside = points.filter((p) => p.lon >= near[0] && p.lon <= near[2] && p.lat >= near[1] && p.lat <= near[3]);
  const pts = boxOf(inside);
  const box: Bbox = pts ? [Math.min(base[0], pts[0]), Math.min(base[1], pts[1]), Math.max(base[2], pts[2]), Math.max(base[3], pts[3])] : base;
  return grow(box, 0.04, 0.02);
}

function boxOf(points: readonly { lat: number; lon: number }[]): Bbox | undefined {
  if (!points.length) return undefined;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const p of points) {
    if (p.lon < w) w = p.lon;
    if (p.lon > e) e = p.lon;
    if (p.lat < s) s = p.lat;
    if (p.lat > n) n = p.lat;
  }
  return [w, s, e, n];
}

/**
 * A projection of `box` into `width` × `height` pixels keeping the shapes (equirectangular, the
 * longitudes shrunk by the cosine of the middle latitude: exact enough over a département).
 */
export function projection(box: Bbox, width: number, height: number) {
  const k = Math.cos((((box[1] + box[3]) / 2) * Math.PI) / 180);
  const spanX = (box[2] - box[0]) * k;
  const spanY = box[3] - box[1];
  const scale = Math.min(width / spanX, height / spanY);
  const dx = (width - spanX * scale) / 2;
  const dy = (height - spanY * scale) / 2;
  return (lon: number, lat: number): [number, number] => [dx + (lon - box[0]) * k * scale, dy + (box[3] - lat) * scale];
}

function pathOf(feature: Feature<MultiPolygon>, project: (lon: number, lat: number) => [number, number]): string {
  const parts: string[] = [];
  for (const polygon of feature.geometry.coordinates)
    for (const ring of polygon as Position[][]) {
      let d = '';
      for (let i = 0; i < ring.length; i++) {
        const [x, y] = project(ring[i]![0]!, ring[i]![1]!);
        d += `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
      }
      parts.push(`${d}Z`);
    }
  return parts.join('');
}

/** The frame of a snapshot: the crisis's département (from the basemap), widened to the points near it. */
export function snapshotFrame(departements: SnapshotInput['departements'], departement: string, points: readonly MapPoint[]): Bbox {
  return frameOf(featureBbox(departements.features.find((f) => f.properties.code === departement)), points);
}

/**
 * The basemap of a frame: land and départements clipped and projected. The costly part (clipping the
 * land of the whole world); the page keeps it while the frame stays the same.
 */
export function basemapLayer({ land, departements, departement, box, width, height }: Pick<SnapshotInput, 'land' | 'departements' | 'departement' | 'width' | 'height'> & { box: Bbox }): Pick<MapSnapshot, 'land' | 'departements'> {
  const project = projection(box, width, height);
  return {
    land: clipPolygons(land, box).map((f) => pathOf(f, project)),
    departements: clipPolygons(departements, box).map((f) => ({ code: f.properties.code, d: pathOf(f, project), own: f.properties.code === departement })),
  };
}

/** The points of a frame as dots, merged by cells of `cell` pixels, P1 drawn last (on top). */
export function dotsLayer({ points, box, width, height, cell = 4 }: Pick<SnapshotInput, 'points' | 'width' | 'height' | 'cell'> & { box: Bbox }): Pick<MapSnapshot, 'dots' | 'outside'> {
  const project = projection(box, width, height);
  const grid = new Map<number, Dot>();
  let outside = 0;
  const columns = Math.ceil(width / cell) + 1;
  for (const p of points) {
    if (p.lon < box[0] || p.lon > box[2] || p.lat < box[1] || p.lat > box[3]) {
      outside++;
      continue;
    }
    const [x, y] = project(p.lon, p.lat);
    const key = Math.floor(y / cell) * columns + Math.floor(x / cell);
    const dot = grid.get(key);
    if (!dot) grid.set(key, { x, y, category: p.category, p1: p.p1, count: 1 });
    else {
      dot.count++;
      // A P1 in the cell shows (its colour and ring) whatever came first.
      if (p.p1 && !dot.p1) Object.assign(dot, { x, y, category: p.category, p1: true });
    }
  }
  return { dots: [...grid.values()].sort((a, b) => Number(a.p1) - Number(b.p1)), outside };
}

/** A circle as path data (two arcs), so many dots make one path element. */
function circle(x: number, y: number, r: number): string {
  return `M${(x - r).toFixed(1)} ${y.toFixed(1)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
}

/**
 * The dots as one path per category (filled with its colour) and one for the P1 rings: a few
 * elements whatever the number of points, which a page lays out and a PDF holds far more cheaply
 * than thousands of circles.
 */
export function dotPaths(dots: readonly Dot[], r = 3, p1r = 4): { fills: { category: Category; d: string }[]; rings: string } {
  const fills = new Map<Category, string[]>();
  const rings: string[] = [];
  for (const dot of dots) {
    let list = fills.get(dot.category);
    if (!list) fills.set(dot.category, (list = []));
    list.push(circle(dot.x, dot.y, dot.p1 ? p1r : r));
    if (dot.p1) rings.push(circle(dot.x, dot.y, p1r));
  }
  return { fills: [...fills].map(([category, d]) => ({ category, d: d.join('') })), rings: rings.join('') };
}

export function mapSnapshot(input: SnapshotInput): MapSnapshot {
  const box = snapshotFrame(input.departements, input.departement, input.points);
  return { width: input.width, height: input.height, box, ...basemapLayer({ ...input, box }), ...dotsLayer({ ...input, box }) };
}
