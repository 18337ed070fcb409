// @vitest-environment jsdom
// The map's text drawn on canvas (cluster counts, commune names), the basemap projected once, and
// the cluster index rebuilt only when the located points change.
import L from 'leaflet';
import { describe, expect, it } from 'vitest';
import type { Sighting } from '../../../src-renderer/core/sighting';
import { paintLabels, type LabelPainter } from '../../../src-renderer/map/canvas-labels';
import { InPageEngine } from '../../../src-renderer/map/cluster-engine';
import { ClusterIndex } from '../../../src-renderer/map/cluster-index';
import { diffPoints, pointsOf, positionsOf } from '../../../src-renderer/map/cluster-points';
import { placeLabels } from '../../../src-renderer/map/commune-labels';
import { SightingsLayer } from '../../../src-renderer/map/sightings-layer';
import { prepareRings } from '../../../src-renderer/map/basemap/prepare';
import { cacheProjection, projectedOf } from '../../../src-renderer/map/basemap/projection-cache';

function recorder() {
  const calls: string[] = [];
  const ctx = new Proxy({} as Record<string, unknown>, {
    get: (t, p: string) => (p in t ? t[p] : (...a: unknown[]) => calls.push(`${p}(${a.join(',')})`)),
    set: (t, p: string, v) => ((t[p] = v), true),
  });
  return { ctx: ctx as unknown as LabelPainter, calls };
}

describe('labels on canvas', () => {
  it('draws cluster counts centred and place names beside a dot, as text', () => {
    const { ctx, calls } = recorder();
    paintLabels(ctx, [{ lat: 1, lon: 2, text: '42', kind: 'cluster' }, { lat: 3, lon: 4, text: '<b>Moissac</b>', kind: 'place' }], (l) => ({ x: l.lon * 10, y: l.lat * 10 }));
    expect(calls).toContain('fillText(42,20,10)');
    expect(calls).toContain('arc(40,30,2,0,6.283185307179586)');
    expect(calls).toContain('fillText(<b>Moissac</b>,45,30)'); // drawn as text, never parsed
  });

  it('leaves out a smaller commune too close to a larger one', () => {
    const labels = placeLabels(
      [
        { name: 'Montauban', lat: 0, lon: 0 },
        { name: 'Près', lat: 0, lon: 5 },
        { name: 'Loin', lat: 0, lon: 200 },
      ],
      (c) => ({ x: c.lon, y: c.lat }),
    );
    expect(labels.map((l) => l.text)).toEqual(['Montauban', 'Loin']);
  });
});

describe('basemap projected once', () => {
  it('gives the same rings and bounds as Leaflet at every zoom, without projecting again', () => {
    document.body.innerHTML = '<div id="m" style="width:400px;height:300px"></div>';
    // jsdom lays nothing out: give the map its size, so the view it clips to is not a point.
    const box = document.getElementById('m')!;
    Object.defineProperty(box, 'clientWidth', { value: 400 });
    Object.defineProperty(box, 'clientHeight', { value: 300 });
    const map = L.map('m', { center: [44.1, 1.1], zoom: 6 });
    const rings: L.LatLngTuple[][] = [
      [[43, 0], [45, 0.5], [44.5, 2.2], [43.2, 1.9]],
      [[43.5, 0.5], [44, 0.7], [43.8, 1.2]],
    ];
    const plain = L.polygon(rings).addTo(map);
    const cached = L.polygon(rings);
    cacheProjection(cached, projectedOf(prepareRings(rings.map((r) => r.map(([lat, lon]) => [lon, lat])))));
    cached.addTo(map);
    let projections = 0;
    const projection = (L.CRS.EPSG3857 as unknown as { projection: L.Projection }).projection;
    const project = projection.project;
    projection.project = function (ll: L.LatLng) {
      projections++;
      return project.call(this, ll);
    };
    try {
      for (const zoom of [3, 7, 9, 12, 6]) {
        // At 12 the view holds a piece of the first ring only (the second is out of view).
        map.setView(zoom === 12 ? [44.5, 0.42] : [44 + zoom / 100, 1], zoom, { animate: false });
        const before = projections;
        (cached as unknown as { _project(): void })._project();
        expect(projections).toBe(before);
        (plain as unknown as { _project(): void })._project();
        // What is drawn: the rings clipped to the view (the cached layer makes points only for
        // the rings that touch it).
        for (const layer of [plain, cached]) (layer as unknown as { _clipPoints(): void })._clipPoints();
        const a = (plain as unknown as { _parts: L.Point[][] })._parts;
        const b = (cached as unknown as { _parts: L.Point[][] })._parts;
        expect(b.map((r) => r.map((p) => [p.x, p.y]))).toEqual(a.map((r) => r.map((p) => [p.x, p.y])));
        if (zoom === 12) {
          expect(a.length).toBeGreaterThan(0);
          // Only the ring in view was made into pixel points.
          expect((cached as unknown as { _rings: unknown[] })._rings.length).toBe(1);
          expect((plain as unknown as { _rings: unknown[] })._rings.length).toBe(2);
        }
        expect((cached as unknown as { _pxBounds: L.Bounds })._pxBounds).toEqual((plain as unknown as { _pxBounds: L.Bounds })._pxBounds);
      }
    } finally {
      projection.project = project;
      map.remove();
    }
  });
});

function row(i: number, over: Partial<Sighting> = {}): Sighting {
  return { id: `s${i}`, lat: 44 + i / 1000, lon: 1 + i / 1000, category: 'routes', priority: 'P3', status: 'nouveau', ...over } as Sighting;
}

describe('cluster points', () => {
  it('see a change of the set only when a located point moves, appears or goes; new looks and a new order are not', () => {
    const rows = Array.from({ length: 100 }, (_, i) => row(i));
    const a = pointsOf(rows);
    const at = positionsOf(a);
    expect(diffPoints(a, at, rows.map((r) => ({ ...r, text: 'autre texte' })))).toEqual({ kind: 'same' });
    expect(diffPoints(a, at, [...rows, row(500, { lat: null, lon: null })])).toEqual({ kind: 'same' }); // not located
    expect(diffPoints(a, at, [...rows].reverse())).toEqual({ kind: 'same' }); // sorted otherwise
    expect(diffPoints(a, at, rows.slice(1))).toEqual({ kind: 'set' }); // filtered out
    expect(diffPoints(a, at, [...rows.slice(1), row(500)])).toEqual({ kind: 'set' }); // one out, another in
    expect(diffPoints(a, at, rows.map((r, i) => (i === 7 ? { ...r, lat: 45 } : r)))).toEqual({ kind: 'set' });
    const looks = diffPoints(a, at, rows.map((r, i) => (i === 7 ? { ...r, priority: 'P1' } : r)));
    expect(looks.kind).toBe('looks');
    expect(looks.kind === 'looks' && looks.indices).toEqual([7]);
    expect(diffPoints(null, null, rows)).toEqual({ kind: 'set' });
  });

  it('patch new looks in place, P1 rings included, as a rebuild would draw them', async () => {
    const base = Array.from({ length: 600 }, (_, i) => row(i % 300, { id: `s${i}`, lat: 44 + (i % 30) * 0.01, lon: 1 + Math.floor(i / 30) * 0.01 }));
    const patched = new ClusterIndex();
    const points = pointsOf(base);
    patched.loadPoints(points);
    // P1 given to some, taken back from one, other looks changed.
    const edited = base.map((r, i) => (i % 97 === 5 ? { ...r, priority: 'P1' as const, status: 'confirme' as const } : i === 300 ? { ...r, category: 'secours' as const } : r));
    let diff = diffPoints(points, positionsOf(points), edited);
    if (diff.kind !== 'looks') throw new Error(diff.kind);
    patched.patchLooks(diff.indices, diff.codes);
    for (let j = 0; j < diff.indices.length; j++) points.codes[diff.indices[j]] = diff.codes[j];
    const back = edited.map((r, i) => (i === 5 ? { ...r, priority: 'P3' as const } : r));
    diff = diffPoints(points, positionsOf(points), back);
    if (diff.kind !== 'looks') throw new Error(diff.kind);
    patched.patchLooks(diff.indices, diff.codes);
    const rebuilt = new ClusterIndex();
    rebuilt.load(back);
    for (let zoom = 0; zoom <= 17; zoom++) {
      const view = (ix: ClusterIndex) => ix.items([-10, 40, 10, 50], zoom).map((it) => JSON.stringify(it)).sort();
      expect(view(patched)).toEqual(view(rebuilt));
    }
    expect(rebuilt.items([-10, 40, 10, 50], 3).some((it) => it.kind === 'cluster' && it.hasP1)).toBe(true);
  });

  it('cluster the same through the engine as rows', async () => {
    const engine = new InPageEngine();
    expect(await engine.load(pointsOf(Array.from({ length: 300 }, (_, i) => row(i, { priority: i === 3 ? 'P1' : 'P3' }))))).toBe(300);
    const items = await engine.items([-10, 40, 10, 50], 5);
    const total = items.reduce((n, it) => n + (it.kind === 'cluster' ? it.count : 1), 0);
    expect(total).toBe(300);
    expect(items.some((it) => it.kind === 'cluster' && it.hasP1)).toBe(true);
  });
});

describe('the map while rows keep coming', () => {
  it('still rebuilds its index (a rebuild is dropped for newer rows at most twice), and ends with the last rows', { timeout: 90_000 }, async () => {
    document.body.innerHTML = '<div id="flow" style="width:400px;height:300px"></div>';
    const box = document.getElementById('flow')!;
    Object.defineProperty(box, 'clientWidth', { value: 400 });
    Object.defineProperty(box, 'clientHeight', { value: 300 });
    // jsdom has no 2D canvas: a context that records nothing (what is drawn is tested above).
    const getContext = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = (() => recorder().ctx) as unknown as typeof getContext;
    const map = L.map('flow', { center: [44.1, 1.1], zoom: 6 });
    const loads: number[] = [];
    const inner = new InPageEngine();
    const engine = Object.assign(Object.create(inner) as InPageEngine, {
      load: (points: Parameters<InPageEngine['load']>[0]) => (loads.push(points.ids.length), inner.load(points)),
    });
    const layer = new SightingsLayer(map, { onOpen: () => undefined, engine, settleMs: 0 });
    // Big enough that collecting the points takes more than one 8 ms slice: each rebuild yields,
    // and new rows arrive meanwhile (a newcomer receiving a crisis, a sync of a backlog).
    const all = Array.from({ length: 200_000 }, (_, i) => row(i));
    let shown = 60_000;
    layer.setRows(all.slice(0, shown));
    await layer.idle;
    const during = loads.length;
    // Rows keep coming, every few ms, for up to 30 s: the index must be rebuilt meanwhile.
    const until = Date.now() + 30_000;
    while (loads.length === during && Date.now() < until && shown < all.length - 20) {
      shown += 20;
      layer.setRows(all.slice(0, shown));
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(loads.length).toBeGreaterThan(during);
    shown += 20;
    layer.setRows(all.slice(0, shown));
    await layer.idle;
    expect(loads.at(-1)).toBe(shown);
    layer.destroy();
    map.remove();
    HTMLCanvasElement.prototype.getContext = getContext;
  });
});
