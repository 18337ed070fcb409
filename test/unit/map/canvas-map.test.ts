// @vitest-environment jsdom
// The map's text drawn on canvas (cluster counts, commune names), the basemap projected once, and
// the cluster index rebuilt only when the located points change.
import L from 'leaflet';
import { describe, expect, it } from 'vitest';
import type { Sighting } from '../../../src-renderer/core/sighting';
import { paintLabels, type LabelPainter } from '../../../src-renderer/map/canvas-labels';
import { InPageEngine } from '../../../src-renderer/map/cluster-engine';
import { pointsOf, samePoints } from '../../../src-renderer/map/cluster-points';
import { placeLabels } from '../../../src-renderer/map/commune-labels';
import { cacheProjection } from '../../../src-renderer/map/basemap/projection-cache';

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
    const map = L.map('m', { center: [44.1, 1.1], zoom: 6 });
    const rings: L.LatLngExpression[][] = [
      [[43, 0], [45, 0.5], [44.5, 2.2], [43.2, 1.9]],
      [[43.5, 0.5], [44, 0.7], [43.8, 1.2]],
    ];
    const plain = L.polygon(rings).addTo(map);
    const cached = L.polygon(rings);
    cacheProjection(cached);
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
        map.setView([44 + zoom / 100, 1], zoom, { animate: false });
        const before = projections;
        (cached as unknown as { _project(): void })._project();
        expect(projections).toBe(before);
        (plain as unknown as { _project(): void })._project();
        const a = (plain as unknown as { _rings: L.Point[][] })._rings;
        const b = (cached as unknown as { _rings: L.Point[][] })._rings;
        expect(b.map((r) => r.map((p) => [p.x, p.y]))).toEqual(a.map((r) => r.map((p) => [p.x, p.y])));
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
  it('see a change only when a located point moves, appears, goes or changes its looks', () => {
    const rows = Array.from({ length: 100 }, (_, i) => row(i));
    const a = pointsOf(rows);
    expect(samePoints(a, pointsOf(rows.map((r) => ({ ...r, text: 'autre texte' }))))).toBe(true);
    expect(samePoints(a, pointsOf([...rows, row(500, { lat: null, lon: null })]))).toBe(true); // not located
    expect(samePoints(a, pointsOf(rows.slice(1)))).toBe(false); // filtered out
    expect(samePoints(a, pointsOf(rows.map((r, i) => (i === 7 ? { ...r, priority: 'P1' } : r))))).toBe(false);
    expect(samePoints(a, pointsOf(rows.map((r, i) => (i === 7 ? { ...r, lat: 45 } : r))))).toBe(false);
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
