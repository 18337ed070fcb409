import { describe, expect, it } from 'vitest';
import { formatCoordinates, parseCoordinates } from '../../../src-renderer/core/geo';

describe('saisie de coordonnées', () => {
  it.each([
    ['44.1036, 1.0846', 44.1036, 1.0846],
    ['44.1036 1.0846', 44.1036, 1.0846],
    ['44,1036 1,0846', 44.1036, 1.0846],
    ['44,1036; 1,0846', 44.1036, 1.0846],
    ['-21.1151, 55.5364', -21.1151, 55.5364],
    [`44°06'13"N 1°05'05"E`, 44.103611, 1.084722],
    ['44°06′13″N, 1°05′05″E', 44.103611, 1.084722],
    ['N 44 6.2 E 1 5.08', 44.103333, 1.084667],
    ['16°14′N 61°32′O', 16.233333, -61.533333],
    ['21°06\'S 55°32\'E', -21.1, 55.533333],
  ])('%s', (text, lat, lon) => {
    const p = parseCoordinates(text);
    expect(p.lat).toBeCloseTo(lat, 5);
    expect(p.lon).toBeCloseTo(lon, 5);
  });
  it.each([
    ['moissac', /latitude puis la longitude/],
    ['95, 1', /latitude hors limites/],
    ['44, 200', /longitude hors limites/],
    [`44°70'N 1°E`, /minutes et secondes/],
    ['1°05′E 44°06′N', /latitude/],
  ])('refuse %s', (text, message) => {
    expect(() => parseCoordinates(text)).toThrow(message);
  });
  it('affiche les coordonnées lisiblement', () => {
    expect(formatCoordinates({ lat: 44.1036, lon: -1.5 })).toBe('44.10360° N, 1.50000° O');
  });
});
