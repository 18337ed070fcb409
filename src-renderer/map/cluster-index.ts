// Clustering of located sightings (supercluster): what the map draws at each zoom, so it never
// holds thousands of markers. Kept apart from Leaflet so it can move to a worker unchanged.
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

export class ClusterIndex {
  private index = new Supercluster<PointProps, ClusterProps>({
    radius: 50,
    maxZoom: 16,
    map: (p) => ({ p1: p.priority === 'P1' ? 1 : 0 }),
    reduce: (acc, p) => {
      acc.p1 += p.p1;
    },
  });
  /** Number of points indexed. */
  size = 0;

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
    this.size = n;
  }

  /** What to draw in a view: [west, south, east, north] and an integer zoom. */
  items(bbox: [number, number, number, number], zoom: number): MapItem[] {
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
