import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { buildPublicCsv, buildRestrictedCsv, CSV_COLUMNS, frenchNumber, neutralise } from '../../../../src-renderer/core/export/csv';
import { publicFeature, restrictedFeature } from '../../../../src-renderer/core/export/features';
import { buildGeoJson } from '../../../../src-renderer/core/export/geojson';
import { buildKml } from '../../../../src-renderer/core/export/kml';
import { publicSubset } from '../../../../src-renderer/core/export/public-subset';
import { buildSyntheseCsv, synthese } from '../../../../src-renderer/core/export/synthese';
import { frenchDateTime, timeZoneOf } from '../../../../src-renderer/core/export/time';
import { buildUmap, neutraliseUmapSyntax } from '../../../../src-renderer/core/export/umap';
import { communes, PRIVATE, sighting } from './helpers';

const XSS = '<img src=x onerror="alert(1)">';
const rows = [
  sighting({ isPublic: true, status: 'confirme', publicTitle: `Pont fermé ${XSS}`, publicSummary: 'Déviation', category: 'routes', lat: 44.12, lon: 1.09, precision: 'exacte', communeName: 'Moissac', communeInsee: '82112', departement: '82', ...PRIVATE }),
  sighting({ isPublic: true, status: 'dementi', category: 'rumeur', publicTitle: 'Barrage rompu : faux', publicSummary: 'Démenti', lat: 44.0, lon: 1.3, precision: 'exacte' }),
  sighting({ status: 'nouveau', text: '=HYPERLINK("http://evil","x")', authorHandle: '@someone', lat: 16.25, lon: -61.58, precision: 'exacte', priority: 'P1', category: 'secours' }),
  sighting({ status: 'nouveau', text: 'pas de lieu' }),
];
const names = (a: string) => ({ 'actor-alice': 'Alice', 'actor-bob': 'Bob' })[a] ?? a;

describe('time', () => {
  it('maps overseas départements to their zone', () => {
    expect([timeZoneOf('82'), timeZoneOf('971'), timeZoneOf('972'), timeZoneOf('973'), timeZoneOf('974'), timeZoneOf('976')]).toEqual([
      'Europe/Paris', 'America/Guadeloupe', 'America/Martinique', 'America/Cayenne', 'Indian/Reunion', 'Indian/Mayotte',
    ]);
  });
  it('writes dd/mm/yyyy HH:MM in the zone', () => {
    expect(frenchDateTime(Date.UTC(2026, 10, 23, 8, 5), 'Europe/Paris')).toBe('23/11/2026 09:05');
    expect(frenchDateTime(Date.UTC(2026, 6, 1, 22, 30), 'Europe/Paris')).toBe('02/07/2026 00:30');
    expect(frenchDateTime(Date.UTC(2026, 10, 23, 8, 5), 'America/Guadeloupe')).toBe('23/11/2026 04:05');
    expect(frenchDateTime('', 'Europe/Paris')).toBe('');
  });
});

describe('GeoJSON', () => {
  it('is an RFC 7946 collection: [lon, lat], null geometry for no place, no crs', async () => {
    const text = await buildGeoJson(rows.map((s) => restrictedFeature(s, names)), { name: 'Crue', scope: 'restricted' });
    const fc = JSON.parse(text);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.crs).toBeUndefined();
    expect(fc.features).toHaveLength(4);
    expect(fc.features[0].geometry).toEqual({ type: 'Point', coordinates: [1.09, 44.12] });
    expect(fc.features[3].geometry).toBeNull();
    expect(fc.diffusion).toBe('Diffusion restreinte');
    expect(fc.features[0].properties.diffusion).toBe('Diffusion restreinte');
    expect(fc.features[0].properties.createdBy).toBe('Alice');
  });
  it('public: only the public fields, no mark', async () => {
    const { items } = publicSubset(rows, { communes });
    const progress: number[] = [];
    const fc = JSON.parse(await buildGeoJson(items.map(publicFeature), { name: 'Crue', scope: 'public' }, (d) => progress.push(d)));
    expect(fc.features.map((f: { properties: { name: string } }) => f.properties.name).sort()).toEqual(['Barrage rompu : faux', `Pont fermé ${XSS}`]);
    expect(fc.diffusion).toBeUndefined();
    expect(progress.at(-1)).toBe(2);
    const text = JSON.stringify(fc);
    for (const v of Object.values(PRIVATE)) expect(text).not.toContain(v);
  });
});

describe('KML', () => {
  it('writes folders, escaped text, located placemarks only, the restricted mark', () => {
    const kml = buildKml([{ name: 'Remontées', features: rows.map((s) => restrictedFeature(s, names)) }], { name: 'Crue <du> Tarn', scope: 'restricted' });
    expect(kml.startsWith('<?xml')).toBe(true);
    expect(kml.match(/<Placemark/g)).toHaveLength(3);
    expect(kml).toContain('<name>Crue &lt;du&gt; Tarn — Diffusion restreinte</name>');
    expect(kml).toContain('<Folder>');
    expect(kml).not.toContain('<img');
    expect(kml).toContain('<coordinates>1.09,44.12</coordinates>');
  });
});

describe('uMap', () => {
  it('has the uMap shape, one layer per public layer, wiki syntax broken', () => {
    const { items } = publicSubset(rows, { communes });
    const f = items.map(publicFeature);
    const umap = JSON.parse(
      buildUmap(
        [
          { name: 'Informations confirmées', color: 'Blue', features: f.filter((x) => x.properties.couche === 'Informations confirmées') },
          { name: 'Rumeurs démenties', color: 'Grey', features: f.filter((x) => x.properties.couche === 'Rumeurs démenties') },
        ],
        { name: 'Crue', description: 'voir [[http://evil|ici]]', scope: 'public', center: { lat: 44, lon: 1.3 }, zoom: 9 },
      ),
    );
    expect(umap.type).toBe('umap');
    expect(umap.layers).toHaveLength(2);
    expect(umap.layers[0]._umap_options.name).toBe('Informations confirmées');
    expect(umap.layers[0].features[0].geometry.coordinates).toEqual([1.09, 44.12]);
    expect(umap.properties.description).not.toContain('[[');
    expect(neutraliseUmapSyntax('{{http://x/img.png}}')).not.toContain('{{');
  });
});

describe('CSV', () => {
  it('is French Excel CSV: BOM, ;, CRLF, dates, decimal commas, neutralised formulas', async () => {
    const csv = await buildRestrictedCsv(rows, { timeZone: 'Europe/Paris', memberName: names });
    expect(csv.startsWith('\ufeffDiffusion;Identifiant;')).toBe(true);
    expect(csv).toContain('\r\n');
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';' }).data.filter((r) => r.length > 1);
    expect(parsed[0]).toEqual(CSV_COLUMNS.map((c) => c.title));
    expect(CSV_COLUMNS.filter((c) => c.title.includes(','))).toEqual([]);
    expect(parsed).toHaveLength(5);
    const col = (title: string) => parsed[0]!.indexOf(title);
    expect(parsed[1]![col('Latitude')]).toBe('44,12');
    expect(parsed[3]![col('Longitude')]).toBe('-61,58');
    expect(parsed[3]![col('Texte')]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(parsed[3]![col('Auteur')]).toBe(`'@someone`);
    expect(parsed[1]![col('Créée par')]).toBe('Alice');
    expect(parsed[1]![col('Catégorie')]).toBe('Routes et transports coupés');
    expect(parsed[1]![col('Diffusion')]).toBe('Diffusion restreinte');
    expect(parsed[1]![col('Modifiée le')]).toBe('23/11/2026 10:00');
  });
  it('public CSV holds the public columns only', async () => {
    const { items } = publicSubset(rows, { communes });
    const csv = await buildPublicCsv(items, { timeZone: 'Europe/Paris' });
    for (const v of Object.values(PRIVATE)) expect(csv).not.toContain(v);
    expect(csv.split('\r\n')[0]).toBe('\ufeffTitre;Résumé;Catégorie;Couche;Date;Commune;Code INSEE;Département;Latitude;Longitude;Précision;Source officielle');
  });
  it('neutralise and frenchNumber', () => {
    expect(['=1+1', '+33', '-x', '@a', '\tx', '\rx', 'ok'].map(neutralise)).toEqual(["'=1+1", "'+33", "'-x", "'@a", "'\tx", "'\rx", 'ok']);
    expect([frenchNumber(-1.5), frenchNumber(null), frenchNumber(44)]).toEqual(['-1,5', '', '44']);
  });
});

describe('synthèse', () => {
  it('counts by commune and category, without duplicates nor archived', () => {
    const more = [...rows, sighting({ status: 'doublon', duplicateOf: 'x', communeName: 'Moissac', communeInsee: '82112' }), sighting({ status: 'archive', communeName: 'Moissac', communeInsee: '82112' })];
    const s = synthese(more);
    expect(s.counted).toBe(4);
    const moissac = s.rows.find((r) => r.insee === '82112')!;
    expect(moissac.total).toBe(1);
    expect(moissac.counts.routes).toBe(1);
    expect(s.rows.at(-1)!.commune).toBe('(commune non renseignée)');
    expect(s.totals.p1).toBe(1);
    const { csv } = buildSyntheseCsv(more);
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines[0]).toContain('Commune;Demande de secours / personnes en danger;Victimes (blessés / décès);');
    expect(lines[0]).not.toContain(',');
    expect(lines.at(-1)).toMatch(/^Diffusion restreinte;;;Total;/);
  });
});
