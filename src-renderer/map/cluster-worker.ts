// The cluster index in a worker: building it for 100k sightings takes a few hundred ms, which the
// page must not spend while someone types or pans. The page sends the located points (flat arrays,
// transferred) and asks what to draw for a view; see cluster-engine.ts.
import { ClusterIndex } from './cluster-index';
import type { EngineRequest, EngineResponse } from './cluster-engine';

const index = new ClusterIndex();
const scope = self as unknown as { onmessage: ((e: MessageEvent<EngineRequest>) => void) | null; postMessage(m: EngineResponse): void };

scope.onmessage = (e) => {
  const m = e.data;
  try {
    if (m.type === 'load') {
      index.loadPoints(m.points);
      scope.postMessage({ seq: m.seq, size: index.size });
    } else if (m.type === 'patch') {
      index.patchLooks(m.indices, m.codes);
      scope.postMessage({ seq: m.seq });
    } else if (m.type === 'items') scope.postMessage({ seq: m.seq, items: index.items(m.bbox, m.zoom) });
    else scope.postMessage({ seq: m.seq, zoom: index.expansionZoom(m.clusterId) });
  } catch (error) {
    scope.postMessage({ seq: m.seq, error: String(error) });
  }
};
