// The located sightings as the cluster index needs them: ids, coordinates and a style code, in flat
// arrays that are cheap to build (a few ms at 100k), to compare with the previous set, and to hand
// to a worker (transferable). The map rebuilds its index only when the set of points or a place
// changes; a new order (a sort) changes nothing and new looks are patched (diffPoints).
import type { Sighting } from '../core/sighting';
import type { Slicer } from '../core/slicer';
import { CATEGORIES, PRIORITIES, STATUSES, type Category, type Priority, type Status } from '../core/taxonomy';

export interface PointSet {
  ids: string[];
  lon: Float64Array;
  lat: Float64Array;
  /** category index · 256² + priority index · 256 + status index */
  codes: Uint32Array;
}

const categoryIndex = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]));
const priorityIndex = new Map<string, number>(PRIORITIES.map((p, i) => [p, i]));
const statusIndex = new Map<string, number>(STATUSES.map((s, i) => [s, i]));

/** Rows between two checks of a slice's budget in the sliced versions. */
const STEP = 2048;

export const pointsOf = (rows: readonly Sighting[]): PointSet => runAtOnce(pointSteps(rows));

function* pointSteps(rows: readonly Sighting[]): Generator<void, PointSet> {
  let n = 0;
  for (const s of rows) if (typeof s.lat === 'number' && typeof s.lon === 'number') n++;
  yield;
  const ids = new Array<string>(n);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const codes = new Uint32Array(n);
  let i = 0;
  for (const s of rows) {
    if (typeof s.lat !== 'number' || typeof s.lon !== 'number') continue;
    ids[i] = s.id;
    lon[i] = s.lon;
    lat[i] = s.lat;
    codes[i] = styleCode(s);
    if (++i % STEP === 0) yield;
  }
  return { ids, lon, lat, codes };
}

export function styleCode(s: Pick<Sighting, 'category' | 'priority' | 'status'>): number {
  return (categoryIndex.get(s.category) ?? 0) * 65536 + (priorityIndex.get(s.priority) ?? 0) * 256 + (statusIndex.get(s.status) ?? 0);
}

/** Each id's position in a point set (built once per set, for diffPoints). */
export const positionsOf = (points: PointSet): Map<string, number> => runAtOnce(positionSteps(points));

function* positionSteps(points: PointSet): Generator<void, Map<string, number>> {
  const at = new Map<string, number>();
  for (let i = 0; i < points.ids.length; i++) {
    at.set(points.ids[i], i);
    if (i % STEP === STEP - 1) yield;
  }
  return at;
}

/**
 * What the rows change against the indexed points, in any order: nothing; only looks (positions in
 * the indexed set and their new codes); or the set itself (a point added, removed or moved).
 * No allocation but the list of changed looks: it runs after every change of rows.
 */
export type PointsDiff = { kind: 'same' } | { kind: 'looks'; indices: number[]; codes: number[] } | { kind: 'set' };

export const diffPoints = (points: PointSet | null, positions: Map<string, number> | null, rows: readonly Sighting[]): PointsDiff =>
  runAtOnce(diffSteps(points, positions, rows));

function* diffSteps(points: PointSet | null, positions: Map<string, number> | null, rows: readonly Sighting[]): Generator<void, PointsDiff> {
  if (!points || !positions) return { kind: 'set' };
  let n = 0;
  const indices: number[] = [];
  const codes: number[] = [];
  for (const s of rows) {
    if (typeof s.lat !== 'number' || typeof s.lon !== 'number') continue;
    if (++n % STEP === 0) yield;
    const i = positions.get(s.id);
    if (i === undefined || points.lat[i] !== s.lat || points.lon[i] !== s.lon) return { kind: 'set' };
    const code = styleCode(s);
    if (points.codes[i] !== code) {
      indices.push(i);
      codes.push(code);
    }
  }
  // Ids are unique: as many located rows, all found, is the same set.
  if (n !== points.ids.length) return { kind: 'set' };
  return indices.length ? { kind: 'looks', indices, codes } : { kind: 'same' };
}

/**
 * The same work cut into slices (100,000 rows take tens of milliseconds, after every search or
 * sort): the map's rebuild then never blocks the page for more than a slice. Null when `stale()`
 * says newer rows came meanwhile.
 */
export async function sliced<T>(steps: Generator<void, T>, slicer: Slicer, stale: () => boolean): Promise<T | null> {
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    if (slicer.due()) {
      await slicer.yieldNow();
      if (stale()) return null;
    }
  }
}
export const steps = { points: pointSteps, positions: positionSteps, diff: diffSteps };

function runAtOnce<T>(steps: Generator<void, T>): T {
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

export function decodeStyle(code: number): { category: Category; priority: Priority; status: Status } {
  return {
    category: CATEGORIES[Math.floor(code / 65536)] ?? CATEGORIES[0],
    priority: PRIORITIES[Math.floor(code / 256) % 256] ?? PRIORITIES[0],
    status: STATUSES[code % 256] ?? STATUSES[0],
  };
}
