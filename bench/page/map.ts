// Map steps of the bench page: the cluster index at 10k and 100k located sightings, against
// supercluster alone on the same points (what a zoom or a pan feels like is measured through the
// app's map, run.mjs appMap); the gazetteer's search latency.
import Supercluster from 'supercluster';
import raw from '../../resources/gazetteer/communes.json';
import { Gazetteer } from '../../src-renderer/core/gazetteer';
import { parseGazetteer } from '../../src-renderer/core/gazetteer-file';
import type { Sighting } from '../../src-renderer/core/sighting';
import { ClusterIndex } from '../../src-renderer/map/cluster-index';
import { diffPoints, pointsOf, positionsOf } from '../../src-renderer/map/cluster-points';
import { makeInputs, toRows } from './rows';

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const time = (f: () => void) => {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
};

/** Views an officer goes through: France, the département, a town, then pans around it. */
const VIEWS: { center: [number, number]; zoom: number }[] = [
  { center: [46.6, 2.4], zoom: 6 },
  { center: [44.05, 1.35], zoom: 9 },
  { center: [44.02, 1.35], zoom: 12 },
  { center: [44.06, 1.4], zoom: 12 },
  { center: [44.1, 1.1], zoom: 11 },
  { center: [43.95, 1.25], zoom: 10 },
];

function locatedRows(n: number): Sighting[] {
  // Spread over Tarn-et-Garonne, denser around the towns, as a flood's sightings are.
  return toRows(makeInputs(n), 'bench', Date.now()).map((s, i) => ({ ...s, lat: 43.8 + ((i * 7919) % 5000) / 5000 * 0.6, lon: 0.8 + ((i * 104729) % 5000) / 5000 * 1.2 }));
}

export const mapBench = {
  clusters(n: number) {
    const rows = locatedRows(n);
    const features = rows.map((s) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [s.lon!, s.lat!] }, properties: { id: s.id } }));
    const bare = new Supercluster({ radius: 50, maxZoom: 16 });
    const bareLoadMs = time(() => bare.load(features));
    const index = new ClusterIndex();
    const indexLoadMs = time(() => index.load(rows));
    const bbox = (v: (typeof VIEWS)[number]): [number, number, number, number] => [v.center[1] - 2, v.center[0] - 1.5, v.center[1] + 2, v.center[0] + 1.5];
    const bareQuery: number[] = [];
    const indexQuery: number[] = [];
    for (let r = 0; r < 5; r++)
      for (const v of VIEWS) {
        bareQuery.push(time(() => bare.getClusters(bbox(v), v.zoom)));
        indexQuery.push(time(() => index.items(bbox(v), v.zoom)));
      }
    // One sighting changes its priority: found by the diff on the page, patched in the index.
    const points = pointsOf(rows);
    const positions = positionsOf(points);
    const pointsMs = time(() => pointsOf(rows));
    rows[0] = { ...rows[0], priority: rows[0].priority === 'P1' ? 'P2' : 'P1' };
    let diff!: ReturnType<typeof diffPoints>;
    const diffMs = time(() => (diff = diffPoints(points, positions, rows)));
    if (diff.kind !== 'looks') throw new Error(`diff: ${diff.kind}`);
    const { indices, codes } = diff;
    const patchMs = time(() => index.patchLooks(indices, codes));
    // One sighting moves: the index is rebuilt whole (supercluster has no incremental update).
    rows[1] = { ...rows[1], lat: 44.0, lon: 1.35 };
    const updateMs = time(() => index.load(rows));
    return {
      bareLoadMs,
      indexLoadMs,
      bareQueryP50: percentile(bareQuery, 0.5),
      indexQueryP50: percentile(indexQuery, 0.5),
      pointsMs,
      diffMs,
      patchMs,
      updateMs,
    };
  },

  gazetteer() {
    let g!: Gazetteer;
    const buildMs = time(() => (g = new Gazetteer(parseGazetteer(raw))));
    const names = (raw as { n: string }[]).map((c) => c.n);
    const lat: number[] = [];
    for (const name of names)
      for (const q of [name.slice(0, 3), name.slice(0, 5), name]) lat.push(time(() => g.search(q, { departement: '82', limit: 8 })));
    return { buildMs, queries: lat.length, p50: percentile(lat, 0.5), p95: percentile(lat, 0.95), max: Math.max(...lat) };
  },
};
