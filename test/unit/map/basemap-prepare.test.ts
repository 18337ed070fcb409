// @vitest-environment jsdom
// The built-in basemap prepared off the page (prepare.ts, what basemap-worker.ts runs): vertices
// projected as Leaflet projects them, the land cut into pieces, flat arrays that draw the same
// paths as Leaflet's own polygons at every zoom.
import L from 'leaflet';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { loadBuiltInData } from '../../../src-renderer/map/basemap/builtin-data';
import { buffersOf, prepareBasemap, prepareRings, unitMercator, type PreparedRings } from '../../../src-renderer/map/basemap/prepare';
import { cacheProjection, projectedOf } from '../../../src-renderer/map/basemap/projection-cache';

const crs = L.CRS.EPSG3857 as unknown as { transformation: L.Transformation; projection: L.Projection };

function ringAt(p: PreparedRings, k: number): number[] {
  return [...p.coords.subarray(2 * p.offsets[k], 2 * p.offsets[k + 1])];
}

describe('basemap prepared in a worker', () => {
  it('projects a vertex to the very point Leaflet gives it', () => {
    for (const [lon, lat] of [[1.35, 44.02], [-61.53, 16.24], [179.9, -89.5], [-180, 89], [0, 0], [55.45, -20.88]]) {
      const leaflet = crs.transformation.transform(crs.projection.project(L.latLng(lat, lon)), 1);
      expect(unitMercator(lon, lat)).toEqual([leaflet.x, leaflet.y]);
    }
  });

  it('keeps rings apart in flat arrays, with their boxes and the whole bounds', () => {
    const rings: Position[][] = [
      [[0, 43], [2, 43], [2, 45]],
      [[5, 40], [6, 41]],
    ];
    const p = prepareRings(rings);
    expect([...p.offsets]).toEqual([0, 3, 5]);
    expect(ringAt(p, 1)).toEqual([...unitMercator(5, 40), ...unitMercator(6, 41)]);
    const [u0, v0] = unitMercator(0, 45);
    const [u1, v1] = unitMercator(2, 43);
    expect([...p.boxes.subarray(0, 4)]).toEqual([u0, v0, u1, v1]); // v grows southwards
    expect([...p.bounds]).toEqual([0, 40, 6, 45]);
  });

  it('prepares the shipped data: land in pieces, coast, borders, all transferable', async () => {
    const data = await loadBuiltInData();
    const p = prepareBasemap(data);
    for (const layer of [p.land, p.coast, p.countries, p.departements]) {
      const rings = layer.offsets.length - 1;
      expect(rings).toBeGreaterThan(50);
      expect(layer.boxes.length).toBe(rings * 4);
      expect(layer.offsets[rings] * 2).toBe(layer.coords.length);
      let longest = 0;
      let outside = 0;
      for (let k = 0; k < rings; k++) {
        longest = Math.max(longest, layer.offsets[k + 1] - layer.offsets[k]);
        const b = layer.boxes.subarray(4 * k, 4 * k + 4);
        const ring = ringAt(layer, k);
        for (let i = 0; i < ring.length; i += 2) if (ring[i] < b[0] || ring[i] > b[2] || ring[i + 1] < b[1] || ring[i + 1] > b[3]) outside++;
      }
      // Pieces and runs of at most 400 vertices (a cut piece: plus the points the cut made).
      expect(longest).toBeLessThanOrEqual(800);
      expect(outside).toBe(0);
    }
    // The land is the whole world's (its Antarctica stops near 85° S); Eurasia alone was one ring of 32,000.
    expect([...p.land.bounds].map(Math.round)).toEqual([-180, -85, 180, 84]);
    // The coast is the land's rings, every vertex of them (runs share their end vertex).
    const landVertices = data.land.features.flatMap((f) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)).flat();
    const runs = landVertices.reduce((n, r) => n + Math.ceil((r.length - 1) / 399), 0);
    expect(p.coast.offsets[p.coast.offsets.length - 1]).toBe(landVertices.reduce((n, r) => n + r.length, 0) + runs - landVertices.length);
    // The limits between départements span metropolitan France, Brittany to Alsace, Corsica to the Nord.
    const [w, s, e, n] = p.departements.bounds;
    expect(w).toBeLessThan(-3.5);
    expect(e).toBeGreaterThan(7);
    expect(s).toBeLessThan(42.5);
    expect(n).toBeGreaterThan(50);
    // Every array goes to the page without a copy, each buffer once.
    const buffers = buffersOf(p);
    expect(buffers).toHaveLength(16);
    expect(new Set(buffers).size).toBe(16);
  });

  it('draws what Leaflet draws for the same rings, at every zoom', () => {
    document.body.innerHTML = '<div id="m" style="width:400px;height:300px"></div>';
    const box = document.getElementById('m')!;
    Object.defineProperty(box, 'clientWidth', { value: 400 });
    Object.defineProperty(box, 'clientHeight', { value: 300 });
    const map = L.map('m', { center: [44.1, 1.1], zoom: 6 });
    const rings: Position[][] = [
      [[0, 43], [0.5, 45], [2.2, 44.5], [1.9, 43.2]],
      [[0.5, 43.5], [0.7, 44], [1.2, 43.8]],
    ];
    const latlngs = rings.map((r) => r.map(([lon, lat]) => [lat, lon] as L.LatLngTuple));
    const prepared = prepareRings(rings);
    const [w, s, e, n] = prepared.bounds;
    const make = {
      polygon: () => L.polygon([[s, w], [n, w], [n, e], [s, e]]),
      polyline: () => L.polyline([[s, w], [n, e]]),
    };
    try {
      for (const kind of ['polygon', 'polyline'] as const) {
        const plain = (kind === 'polygon' ? L.polygon(latlngs) : L.polyline(latlngs)).addTo(map);
        const fromWorker = make[kind]();
        cacheProjection(fromWorker, projectedOf(prepared));
        fromWorker.addTo(map);
        for (const zoom of [3, 7, 9, 12, 6]) {
          map.setView(zoom === 12 ? [44.5, 0.42] : [44 + zoom / 100, 1], zoom, { animate: false });
          for (const layer of [plain, fromWorker]) {
            (layer as unknown as { _project(): void })._project();
            (layer as unknown as { _clipPoints(): void })._clipPoints();
          }
          const parts = (l: L.Layer) => (l as unknown as { _parts: L.Point[][] })._parts.map((r) => r.map((pt) => [pt.x, pt.y]));
          expect(parts(fromWorker), `${kind} at ${zoom}`).toEqual(parts(plain));
          if (zoom === 12) expect(parts(plain).length).toBeGreaterThan(0);
          expect((fromWorker as unknown as { _pxBounds: L.Bounds })._pxBounds).toEqual((plain as unknown as { _pxBounds: L.Bounds })._pxBounds);
        }
        plain.remove();
        fromWorker.remove();
      }
    } finally {
      map.remove();
    }
  });
});
