// The built-in basemap's data (resources/basemap, from scripts/build-basemap.mjs): it loads, covers
// France, holds the 101 départements with their COG codes, and has no ring that would draw a band
// across the map.
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { loadBuiltInData } from '../../../src-renderer/map/basemap/builtin-data';
import departementsCog from '@etalab/decoupage-administratif/data/departements.json';

function rings(geometry: { type: string; coordinates: unknown }): Position[][] {
  return (geometry.type === 'Polygon' ? [geometry.coordinates] : (geometry.coordinates as Position[][][])).flat() as Position[][];
}

function inRing(point: Position, ring: Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function contains(geometry: { type: string; coordinates: unknown }, point: Position): boolean {
  // Even-odd over every ring: holes count out.
  return rings(geometry).filter((r) => inRing(point, r)).length % 2 === 1;
}

describe('built-in basemap data', async () => {
  const data = await loadBuiltInData();

  it('has the 101 départements, named as in the COG', () => {
    const features = data.departements.features;
    expect(features).toHaveLength(101);
    const expected = departementsCog.filter((d) => d.code.length === 2 || ['971', '972', '973', '974', '976'].includes(d.code));
    expect(features.map((f) => f.properties.code).sort()).toEqual(expected.map((d) => d.code).sort());
    const names = new Map(expected.map((d) => [d.code, d.nom]));
    for (const f of features) expect(f.properties.nom).toBe(names.get(f.properties.code));
  });

  it('puts known places in the right département', () => {
    const byCode = new Map(data.departements.features.map((f) => [f.properties.code, f.geometry]));
    const places: [string, Position][] = [
      ['75', [2.3488, 48.8534]], // Paris
      ['29', [-4.4861, 48.3904]], // Brest
      ['13', [5.3698, 43.2965]], // Marseille
      ['67', [7.7521, 48.5734]], // Strasbourg
      ['2A', [8.9725, 41.6178]], // Sartène
      ['971', [-61.5331, 16.2411]], // Pointe-à-Pitre
      ['974', [55.4513, -20.8789]], // Saint-Denis de La Réunion
    ];
    for (const [code, point] of places) expect(contains(byCode.get(code)!, point), code).toBe(true);
    expect(contains(byCode.get('75')!, [-4.4861, 48.3904])).toBe(false);
  });

  it('covers metropolitan France with land, and keeps the sea out', () => {
    const land = data.land.features.map((f) => f.geometry);
    const onLand = (p: Position) => land.some((g) => contains(g, p));
    let west = 180, south = 90, east = -180, north = -90;
    for (const g of land) {
      for (const ring of rings(g)) {
        for (const [lon, lat] of ring) {
          // Ring vertices are on the coast or a border: the extreme ones in this box bound France.
          if (lon > -6 && lon < 10 && lat > 41 && lat < 52) {
            west = Math.min(west, lon); east = Math.max(east, lon); south = Math.min(south, lat); north = Math.max(north, lat);
          }
        }
      }
    }
    // Pointe de Corsen to the Rhine, Corsica's south to Dunkirk.
    expect(west).toBeLessThan(-4.7);
    expect(east).toBeGreaterThan(8.2);
    expect(south).toBeLessThan(41.5);
    expect(north).toBeGreaterThan(51);
    for (const p of [[2.35, 48.85], [4.83, 45.76], [-1.55, 47.22], [9.15, 42.3]] as Position[]) expect(onLand(p), String(p)).toBe(true);
    for (const p of [[-3, 46], [5, 43], [1.5, 50.3], [7, 42]] as Position[]) expect(onLand(p), String(p)).toBe(false);
  });

  it('draws borders and no ring across the antimeridian', () => {
    expect(data.countryBorders.coordinates.length).toBeGreaterThan(100);
    expect(data.departementBorders.coordinates.length).toBeGreaterThan(50);
    for (const f of data.land.features) {
      for (const ring of rings(f.geometry)) {
        let jumps = 0;
        for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) jumps++;
        // One jump is a ring round the pole (Antarctica), along the map's edge; two would be a band.
        expect(jumps).toBeLessThanOrEqual(1);
      }
    }
  });
});
