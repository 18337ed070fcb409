// Map steps of the bench page: the cluster index and the Leaflet redraw at 10k and 100k located
// sightings, against supercluster alone on the same points; the gazetteer's search latency.
import L from 'leaflet';
import Supercluster from 'supercluster';
import raw from '../../resources/gazetteer/communes.json';
import { Gazetteer, parseGazetteer } from '../../src-renderer/core/gazetteer';
import type { Sighting } from '../../src-renderer/core/sighting';
import { ClusterIndex } from '../../src-renderer/map/cluster-index';
import { SightingsLayer } from '../../src-renderer/map/sightings-layer';
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
    // One sighting changes (priority, position): the index is rebuilt whole (supercluster has no
    // incremental update), once the edits of the moment have settled.
    rows[0] = { ...rows[0], priority: 'P1', lat: 44.0, lon: 1.35 };
    const updateMs = time(() => index.load(rows));

    // The real layer on a real Leaflet map (canvas): the redraw after each pan or zoom.
    const div = document.createElement('div');
    div.style.cssText = 'width:1000px;height:700px';
    document.body.appendChild(div);
    const map = L.map(div, { preferCanvas: true, zoomAnimation: false, fadeAnimation: false }).setView(VIEWS[0].center, VIEWS[0].zoom);
    const layer = new SightingsLayer(map, { onOpen: () => undefined });
    const layerLoadMs = time(() => layer.setRows(rows));
    const redraw: number[] = [];
    for (let r = 0; r < 3; r++) for (const v of VIEWS) redraw.push(time(() => map.setView(v.center, v.zoom, { animate: false })));
    const drawn = Number(div.dataset.points) + Number(div.dataset.clustered);
    layer.destroy();
    map.remove();
    div.remove();
    return {
      bareLoadMs,
      indexLoadMs,
      bareQueryP50: percentile(bareQuery, 0.5),
      indexQueryP50: percentile(indexQuery, 0.5),
      updateMs,
      layerLoadMs,
      redrawP50: percentile(redraw, 0.5),
      redrawP95: percentile(redraw, 0.95),
      drawn,
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
