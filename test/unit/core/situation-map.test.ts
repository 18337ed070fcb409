// The point de situation's still map: framed on the département, shapes clipped, points merged.
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { dotPaths, frameOf, mapSnapshot, projection } from '../../../src-renderer/core/situation-map';
import type { MapPoint } from '../../../src-renderer/core/situation-report';

const square = (w: number, s: number, e: number, n: number): Polygon => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const land: FeatureCollection<Polygon | MultiPolygon> = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: square(-5, 42, 8, 51) }] };
const departements: FeatureCollection<Polygon | MultiPolygon, { code: string; nom: string }> = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { code: '82', nom: 'Tarn-et-Garonne' }, geometry: square(0.7, 43.7, 2, 44.4) },
    { type: 'Feature', properties: { code: '31', nom: 'Haute-Garonne' }, geometry: square(0.4, 42.7, 2, 43.7) },
    { type: 'Feature', properties: { code: '67', nom: 'Bas-Rhin' }, geometry: square(7, 48, 8, 49) },
  ],
};
const point = (lat: number, lon: number, p1 = false): MapPoint => ({ lat, lon, p1, category: p1 ? 'secours' : 'routes' });

describe('carte du point de situation', () => {
  it('frames the département, widened to the points near it, not to a point far away', () => {
    const box = frameOf([0.7, 43.7, 2, 44.4], [point(44.6, 1.2), point(10, 100)]);
    expect(box[3]).toBeGreaterThan(44.6);
    expect(box[2]).toBeLessThan(3);
  });

  it('keeps shapes: one degree of latitude and of longitude at the cosine of the latitude', () => {
    const project = projection([0, 44, 2, 45], 1000, 1000);
    const [x0, y0] = project(0, 44);
    const [x1] = project(1, 44);
    const [, y1] = project(0, 45);
    expect((x1 - x0) / (y0 - y1)).toBeCloseTo(Math.cos((44.5 * Math.PI) / 180), 5);
  });

  it('clips the basemap to the frame, outlines the crisis’s département and merges nearby points, P1 on top', () => {
    const points = [point(44.0, 1.3), point(44.0, 1.3, true), point(44.00001, 1.30001), point(44.2, 1.6), point(48.5, 7.5)];
    const map = mapSnapshot({ points, land, departements, departement: '82', width: 400, height: 300 });
    expect(map.land).toHaveLength(1);
    expect(map.departements.map((d) => [d.code, d.own])).toEqual([
      ['82', true],
      ['31', false],
    ]);
    for (const d of map.departements) expect(d.d).toMatch(/^M[\d.-]+ [\d.-]+(L[\d.-]+ [\d.-]+)+Z$/);
    expect(map.outside).toBe(1);
    expect(map.dots).toHaveLength(2);
    expect(map.dots.at(-1)).toMatchObject({ p1: true, count: 3, category: 'secours' });
    for (const d of map.dots) {
      expect(d.x).toBeGreaterThanOrEqual(0);
      expect(d.x).toBeLessThanOrEqual(400);
      expect(d.y).toBeGreaterThanOrEqual(0);
      expect(d.y).toBeLessThanOrEqual(300);
    }
    // Drawn as one path per category and one for the P1 rings: two arcs per dot.
    const paths = dotPaths(map.dots);
    expect(paths.fills.map((f) => [f.category, f.d.match(/M/g)?.length])).toEqual([
      ['routes', 1],
      ['secours', 1],
    ]);
    expect(paths.rings.match(/a4 4 0 1 0/g)).toHaveLength(2);
  });
});
