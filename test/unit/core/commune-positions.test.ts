// An official file of commune positions improves this copy's gazetteer: read whole or not at all, with
// a French message naming the bad row; the shipped estimate's radius is shown for sightings placed at it.
import { describe, expect, it } from 'vitest';
import raw from '../../../resources/gazetteer/communes.json';
import { CommunePositionsError, parseCommunePositions } from '../../../src-renderer/core/commune-positions';
import { Gazetteer } from '../../../src-renderer/core/gazetteer';
import { parseGazetteer } from '../../../src-renderer/core/gazetteer-file';
import { placementEstimate } from '../../../src-renderer/core/commune-placement';
import { importCommunePositions, loadCommunePositions } from '../../../src-renderer/store/gazetteer-overrides';
import { freshDb } from '../store/helpers';

const fresh = () => new Gazetteer(parseGazetteer(raw));
/** For the tests that do not change it. */
const shared = fresh();
// Angeville (82003) ships with an estimated point (± 9 km); Montauban (82121) with its own.
const ANGEVILLE = { insee: '82003', lat: 44.04644, lon: 1.03072 };

const GOOD = [
  '\uFEFFNom;Code INSEE;Latitude;Longitude',
  'Angeville;82003;44,0312;1,0415',
  'Montauban;82121;"44,0176";1,3550',
  'Ambérieu;1004;45,9583;5,3597', // Excel dropped the leading zero of 01004
].join('\r\n');

describe('fichier officiel des positions des communes', () => {
  it('lit un CSV à la française (point-virgule, virgules décimales, en-têtes en français, BOM)', () => {
    const positions = parseCommunePositions(GOOD, shared);
    expect(positions).toEqual([
      { insee: '82003', lat: 44.0312, lon: 1.0415 },
      { insee: '82121', lat: 44.0176, lon: 1.355 },
      { insee: '01004', lat: 45.9583, lon: 5.3597 },
    ]);
    // English headers, commas, other order.
    expect(parseCommunePositions('lon,lat,insee\n1.0415,44.0312,82003\n', shared)).toEqual([{ insee: '82003', lat: 44.0312, lon: 1.0415 }]);
  });

  it('remplace les positions estimées : plus de rayon pour une commune placée depuis', () => {
    const g = fresh();
    expect(g.byInsee('82003')!.approximateKm).toBe(9);
    g.applyOfficial(parseCommunePositions(GOOD, g));
    const c = g.byInsee('82003')!;
    expect([c.lat, c.lon, c.official, c.approximateKm]).toEqual([44.0312, 1.0415, true, undefined]);
    // Placed at the official point: exact enough, no circle.
    expect(placementEstimate(g, { precision: 'commune', communeInsee: '82003', lat: 44.0312, lon: 1.0415 })).toBeNull();
    // Placed at the old estimate before the import: its radius is still said.
    expect(placementEstimate(g, { precision: 'commune', communeInsee: '82003', ...ANGEVILLE })).toEqual({ lat: ANGEVILLE.lat, lon: ANGEVILLE.lon, km: 9 });
  });

  it.each([
    ['Code INSEE;Latitude;Longitude\n82003;44,03;1,04\n99999;44;1', /^Ligne 3 : le code INSEE 99999 n’est pas une commune connue/],
    ['Code INSEE;Latitude;Longitude\n82003;44,03;1,04\n82121;quarante;1,35', /^Ligne 3 : latitude « quarante » illisible/],
    ['Code INSEE;Latitude;Longitude\n82003;1,04;44,03', /^Ligne 2 : Angeville \(82003\) serait à \d+ km de sa position connue ; latitude et longitude inversées \?/],
    ['Code INSEE;Latitude;Longitude\n82003;44,03;1,04\n82003;44,03;1,04', /^Ligne 3 : la commune 82003 figure déjà ligne 2\./],
    ['Code INSEE;Latitude;Longitude\nabc;44;1', /^Ligne 2 : « ABC » n’est pas un code INSEE/],
    ['Commune;Lat\nMoissac;44', /^Colonnes introuvables/],
    ['Code INSEE;Latitude;Longitude\n', /aucune commune/],
  ])('refuse un fichier fautif en nommant la ligne, en français (%#)', (text, message) => {
    expect(() => parseCommunePositions(text, shared)).toThrow(CommunePositionsError);
    expect(() => parseCommunePositions(text, shared)).toThrow(message);
  });

  it('tout ou rien : une ligne fautive et rien n’est gardé ; un bon fichier est gardé en une fois', async () => {
    const db = freshDb();
    const g = fresh();
    const bad = GOOD + '\r\nMoissac;82112;44,1;pas un nombre';
    await expect(importCommunePositions(db, bad, g, 'communes.csv')).rejects.toThrow(/^Ligne 5 : longitude « pas un nombre » illisible/);
    expect(await loadCommunePositions(db)).toBeUndefined();
    expect(g.byInsee('82003')!.approximateKm).toBe(9);
    const { imported, stored } = await importCommunePositions(db, GOOD, g, 'communes.csv');
    expect(imported).toBe(3);
    expect(stored.file).toBe('communes.csv');
    expect((await loadCommunePositions(db))!.positions.map((p) => p.insee)).toEqual(['82003', '82121', '01004']);
    // A second file adds to the first; a commune in both takes the new point.
    await importCommunePositions(db, 'insee;lat;lon\n82121;44,0177;1,3551', g, 'montauban.csv');
    const again = (await loadCommunePositions(db))!.positions;
    expect(again).toHaveLength(3);
    expect(again.find((p) => p.insee === '82121')).toEqual({ insee: '82121', lat: 44.0177, lon: 1.3551 });
    db.close();
  });
});

describe('position estimée d’une remontée', () => {
  const g = shared;
  it('donne le cercle (centre, rayon) d’une remontée placée au point estimé de sa commune', () => {
    expect(placementEstimate(g, { precision: 'commune', communeInsee: '82003', ...ANGEVILLE })).toEqual({ lat: ANGEVILLE.lat, lon: ANGEVILLE.lon, km: 9 });
  });
  it('rien pour une position exacte, une commune à point propre, ou une remontée déplacée depuis', () => {
    expect(placementEstimate(g, { precision: 'exacte', communeInsee: '82003', ...ANGEVILLE })).toBeNull();
    expect(placementEstimate(g, { precision: 'commune', communeInsee: '82121', lat: 44.01759, lon: 1.3542 })).toBeNull();
    expect(placementEstimate(g, { precision: 'commune', communeInsee: '82003', lat: 44.2, lon: 1.03072 })).toBeNull();
    expect(placementEstimate(g, { precision: 'commune', communeInsee: '', lat: null, lon: null })).toBeNull();
  });
});
