import { describe, expect, it } from 'vitest';
import { ClusterIndex } from '../../src-renderer/map/cluster-index';
import { DEFAULT_FIELDS, type Sighting } from '../../src-renderer/core/sighting';

function sighting(i: number, lat: number | null, lon: number | null, over: Partial<Sighting> = {}): Sighting {
  return { ...DEFAULT_FIELDS, id: `s${i}`, createdAt: i, createdBy: 'a', updatedAt: i, updatedBy: 'a', lat, lon, ...over };
}

describe('regroupement des remontées sur la carte', () => {
  it('ne perd aucune remontée localisée : les comptes des groupes s’additionnent', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => sighting(i, 43 + (i % 40) * 0.05, 1 + Math.floor(i / 40) * 0.05, { priority: i === 7 ? 'P1' : 'P3' }));
    rows.push(sighting(9999, null, null));
    const index = new ClusterIndex();
    index.load(rows);
    expect(index.size).toBe(2000);
    for (const zoom of [3, 6, 9, 12, 17]) {
      const items = index.items([-180, -85, 180, 85], zoom);
      const total = items.reduce((n, it) => n + (it.kind === 'cluster' ? it.count : 1), 0);
      expect(total).toBe(2000);
    }
    const low = index.items([-180, -85, 180, 85], 3);
    expect(low.length).toBeLessThan(20);
    expect(low.some((it) => it.kind === 'cluster' && it.hasP1)).toBe(true);
    expect(index.items([-180, -85, 180, 85], 17).every((it) => it.kind === 'point')).toBe(true);
  });
});
