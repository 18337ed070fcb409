// Clustering of located sightings (supercluster): what the map draws at each zoom, so it never
// holds thousands of markers. Kept apart from Leaflet so it can move to a worker unchanged.
// Supercluster has no incremental update; a change of looks only (category, status, priority: the
// commonest edits) is patched in place instead of rebuilding the whole index (~150 ms at 100k):
// the point's properties are replaced and, when it gains or loses P1, the P1 count of every cluster
// above it is adjusted (patchLooks). A point added, removed or moved still rebuilds the index.
import Supercluster from 'supercluster';
import type { Sighting } from '../core/sighting';
import type { Category, Priority, Status } from '../core/taxonomy';
import { decodeStyle, pointsOf, type PointSet } from './cluster-points';

export interface PointProps {
  id: string;
  category: Category;
  priority: Priority;
  status: Status;
}

interface ClusterProps {
  p1: number;
}

export type MapItem =
  | { kind: 'point'; lat: number; lon: number; props: PointProps }
  | { kind: 'cluster'; lat: number; lon: number; count: number; hasP1: boolean; clusterId: number };

export function isLocated(s: Sighting): s is Sighting & { lat: number; lon: number } {
  return typeof s.lat === 'number' && typeof s.lon === 'number';
}

/** Supercluster's flat tree arrays (index.js v8: stride, OFFSET_ID 3, OFFSET_PARENT 4, OFFSET_PROP 6). */
interface Internals {
  stride: number;
  trees: { data: number[] }[];
  clusterProps: ClusterProps[];
  points: Supercluster.PointFeature<PointProps>[];
}
const OFFSET_ID = 3;
const OFFSET_PARENT = 4;
const OFFSET_PROP = 6;
const MIN_ZOOM = 0;
const MAX_ZOOM = 16;

export class ClusterIndex {
  private index = new Supercluster<PointProps, ClusterProps>({
    radius: 50,
    minZoom: MIN_ZOOM,
    maxZoom: MAX_ZOOM,
    map: (p) => ({ p1: p.priority === 'P1' ? 1 : 0 }),
    reduce: (acc, p) => {
      acc.p1 += p.p1;
    },
  });
  /** Per zoom, an entry's id → its position in that zoom's tree; built on the first patch after a load. */
  private positions: (Map<number, number> | undefined)[] = [];
  /** Number of points indexed. */
  size = 0;
  private loaded = false;

  load(rows: readonly Sighting[]): void {
    this.loadPoints(pointsOf(rows));
  }

  /** The same from flat arrays (cluster-points.ts), as the worker receives them. */
  loadPoints(points: PointSet): void {
    const n = points.ids.length;
    const features = new Array<Supercluster.PointFeature<PointProps>>(n);
    for (let i = 0; i < n; i++)
      features[i] = {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [points.lon[i], points.lat[i]] },
        properties: { id: points.ids[i], ...decodeStyle(points.codes[i]) },
      };
    this.index.load(features);
    this.loaded = true;
    this.positions = [];
    this.size = n;
  }

  /**
   * New looks for the points at these positions (of the set last loaded): no rebuild. Each code is
   * cluster-points.ts's style code.
   */
  patchLooks(indices: ArrayLike<number>, codes: ArrayLike<number>): void {
    const sc = this.index as unknown as Internals;
    for (let j = 0; j < indices.length; j++) {
      const i = indices[j];
      const feature = sc.points[i];
      if (!feature) continue;
      const before = feature.properties;
      const after = { id: before.id, ...decodeStyle(codes[j]) };
      feature.properties = after;
      const delta = (after.priority === 'P1' ? 1 : 0) - (before.priority === 'P1' ? 1 : 0);
      if (delta) this.addP1(i, delta);
    }
  }

  /** Adds delta to the P1 count of every cluster that holds point i, from the finest zoom up. */
  private addP1(i: number, delta: number): void {
    const sc = this.index as unknown as Internals;
    const stride = sc.stride;
    // In the tree past the last zoom, entry i is point i.
    let at = i;
    for (let z = MAX_ZOOM + 1; z > MIN_ZOOM; z--) {
      const data = sc.trees[z].data;
      const parent = data[at * stride + OFFSET_PARENT];
      // Clustered at zoom z − 1 into `parent`, or carried there unchanged under its own id.
      const next = this.positionOf(z - 1, parent !== -1 ? parent : data[at * stride + OFFSET_ID]);
      if (next === undefined) return;
      if (parent !== -1) {
        const prop = sc.trees[z - 1].data[next * stride + OFFSET_PROP];
        if (prop >= 0) sc.clusterProps[prop].p1 += delta;
      }
      at = next;
    }
  }

  private positionOf(zoom: number, id: number): number | undefined {
    let map = this.positions[zoom];
    if (!map) {
      const sc = this.index as unknown as Internals;
      const data = sc.trees[zoom].data;
      map = new Map();
      for (let k = 0, p = 0; k < data.length; k += sc.stride, p++) map.set(data[k + OFFSET_ID], p);
      this.positions[zoom] = map;
    }
    return map.get(id);
  }

  /** What to draw in a view: [west, south, east, north] and an integer zoom. */
  items(bbox: [number, number, number, number], zoom: number): MapItem[] {
    if (!this.loaded) return []; // a view asked for before the first points (the map framed first)
    return this.index.getClusters(bbox, Math.round(zoom)).map((f) => {
      const [lon, lat] = f.geometry.coordinates;
      const p = f.properties as Partial<Supercluster.ClusterProperties & ClusterProps> & Partial<PointProps>;
      if (p.cluster) return { kind: 'cluster', lat, lon, count: p.point_count!, hasP1: (p.p1 ?? 0) > 0, clusterId: p.cluster_id! };
      return { kind: 'point', lat, lon, props: f.properties as PointProps };
    });
  }

  /** The zoom at which a cluster breaks apart (for a click on it). */
  expansionZoom(clusterId: number): number {
    return this.index.getClusterExpansionZoom(clusterId);
  }
}
