// The located sightings as the cluster index needs them: ids, coordinates and a style code, in flat
// arrays that are cheap to build (a few ms at 100k), to compare with the previous set, and to hand
// to a worker (transferable). The map rebuilds its index only when this set changes.
import type { Sighting } from '../core/sighting';
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

export function pointsOf(rows: readonly Sighting[]): PointSet {
  let n = 0;
  for (const s of rows) if (typeof s.lat === 'number' && typeof s.lon === 'number') n++;
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
    codes[i] = (categoryIndex.get(s.category) ?? 0) * 65536 + (priorityIndex.get(s.priority) ?? 0) * 256 + (statusIndex.get(s.status) ?? 0);
    i++;
  }
  return { ids, lon, lat, codes };
}

/** Same points, same places, same looks, in the same order: the index would not change. */
export function samePoints(a: PointSet | null, b: PointSet): boolean {
  if (!a || a.ids.length !== b.ids.length) return false;
  for (let i = 0; i < b.ids.length; i++)
    if (a.ids[i] !== b.ids[i] || a.lon[i] !== b.lon[i] || a.lat[i] !== b.lat[i] || a.codes[i] !== b.codes[i]) return false;
  return true;
}

export function decodeStyle(code: number): { category: Category; priority: Priority; status: Status } {
  return {
    category: CATEGORIES[Math.floor(code / 65536)] ?? CATEGORIES[0],
    priority: PRIORITIES[Math.floor(code / 256) % 256] ?? PRIORITIES[0],
    status: STATUSES[code % 256] ?? STATUSES[0],
  };
}
