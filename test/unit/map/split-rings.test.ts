// The built-in basemap's big rings cut into small pieces: same land, same coast, nothing lost.
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { chunkLines, splitPolygon } from '../../../src-renderer/map/basemap/split-rings';

const area = (ring: Position[]) => Math.abs(ring.reduce((s, p, i) => { const q = ring[(i + 1) % ring.length]; return s + p[0] * q[1] - q[0] * p[1]; }, 0)) / 2;
/** Area filled by an even-odd polygon whose holes lie inside its outer ring. */
const filled = (rings: Position[][]) => area(rings[0]) - rings.slice(1).reduce((s, r) => s + area(r), 0);

describe('anneaux du fond intégré découpés', () => {
  it('découpe un grand polygone à trou en morceaux de taille bornée, de même surface', () => {
    // A star-like ring of 3,000 vertices with a square hole.
    const outer: Position[] = Array.from({ length: 3000 }, (_, i) => {
      const a = (i / 3000) * 2 * Math.PI;
      const r = 10 + (i % 2 ? 1 : 0);
      return [r * Math.cos(a), r * Math.sin(a)];
    });
    const hole: Position[] = [[-2, -2], [-2, 2], [2, 2], [2, -2]];
    const pieces = splitPolygon([outer, hole], 200);
    expect(pieces.length).toBeGreaterThan(15);
    for (const p of pieces) expect(p.reduce((n, r) => n + r.length, 0)).toBeLessThanOrEqual(200);
    // Each piece is filled even-odd: its area is that of its outer part minus the hole's part in it.
    const total = pieces.reduce((s, p) => s + p.reduce((t, r, i) => t + (r.some((q) => Math.abs(q[0]) > 2.0001 || Math.abs(q[1]) > 2.0001) || i === 0 ? area(r) : -area(r)), 0), 0);
    expect(total).toBeCloseTo(filled([outer, hole]), 6);
  });

  it('laisse un petit polygone tel quel', () => {
    const ring: Position[] = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
    expect(splitPolygon([ring], 200)).toEqual([[ring.slice(0, -1)]]);
  });

  it('coupe les lignes en tronçons qui se touchent, sans perdre un sommet', () => {
    const line: Position[] = Array.from({ length: 1001 }, (_, i) => [i, i % 7]);
    const { coordinates } = chunkLines([line, [[0, 0], [1, 1]]], 100);
    for (const c of coordinates) expect(c.length).toBeLessThanOrEqual(100);
    const first = coordinates.slice(0, -1);
    for (let i = 1; i < first.length; i++) expect(first[i][0]).toEqual(first[i - 1][first[i - 1].length - 1]);
    expect(first.flat().filter((p, i, all) => i === 0 || p !== all[i - 1]).length).toBeGreaterThanOrEqual(1001);
    expect(first[first.length - 1].at(-1)).toEqual([1000, 1000 % 7]);
    expect(coordinates.at(-1)).toEqual([[0, 0], [1, 1]]);
  });
});
