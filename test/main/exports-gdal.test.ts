// Every export read back by a real client: GDAL (ogrinfo / ogr2ogr, Debian package gdal-bin, installed
// by .ci/run). Feature counts, field names and coordinates as GDAL sees them; the KML through both
// the KML and the LIBKML drivers. Skipped, saying so, only where GDAL is not installed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { buildPublicCsv, buildRestrictedCsv, CSV_COLUMNS } from '../../src-renderer/core/export/csv';
import { publicFeature, restrictedFeature } from '../../src-renderer/core/export/features';
import { buildGeoJson } from '../../src-renderer/core/export/geojson';
import { buildKml } from '../../src-renderer/core/export/kml';
import { PUBLIC_LAYER_LABELS, publicSubset } from '../../src-renderer/core/export/public-subset';
import { buildSyntheseCsv } from '../../src-renderer/core/export/synthese';
import { buildUmap } from '../../src-renderer/core/export/umap';
import { communes, sighting } from '../unit/core/export/helpers';

function gdalVersion(): string | null {
  try {
    return execFileSync('ogrinfo', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}
const GDAL = gdalVersion();
if (!GDAL) console.warn('exports-gdal : GDAL (ogrinfo) absent, tests ignorés — apt-get install -y gdal-bin');

const dir = mkdtempSync(join(tmpdir(), 'vigie-gdal-'));
const write = (name: string, data: string) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};
/** Only `driver` may open the file (GDAL_SKIP the other KML driver; ogrinfo -if needs GDAL ≥ 3.7). */
const only = (driver?: string) => ({ encoding: 'utf8' as const, env: { ...process.env, ...(driver ? { GDAL_SKIP: driver === 'KML' ? 'LIBKML' : 'KML' } : {}) } });
const ogrinfo = (path: string, driver?: string) => {
  const out = execFileSync('ogrinfo', ['-ro', '-so', '-al', path], only(driver));
  if (driver) expect(out).toContain(`using driver \`${driver}'`);
  return out;
};
/** Features as GDAL reads them: CSV on stdout with X and Y columns. */
function features(path: string, driver?: string, ...layers: string[]): Record<string, string>[] {
  const out = execFileSync('ogr2ogr', ['-f', 'CSV', '/vsistdout/', path, ...layers, '-lco', 'GEOMETRY=AS_XY'], only(driver));
  return Papa.parse<Record<string, string>>(out, { header: true, skipEmptyLines: true }).data;
}
const count = (info: string) => [...info.matchAll(/Feature Count: (\d+)/g)].map((m) => Number(m[1]));

const names = (a: string) => (a === 'actor-alice' ? 'Alice' : 'Bob');
const rows = [
  sighting({ isPublic: true, status: 'confirme', publicTitle: 'Pont fermé <b>', publicSummary: 'Déviation ; "prudence"', category: 'routes', lat: 44.12, lon: 1.09, precision: 'exacte', text: '=HYPERLINK("x")' }),
  sighting({ isPublic: true, status: 'dementi', category: 'rumeur', publicTitle: 'Barrage rompu : faux', publicSummary: 'Démenti', lat: 44.02, lon: 1.35, precision: 'exacte' }),
  sighting({ isPublic: true, status: 'confirme', category: 'secours', publicTitle: 'Toit', communeInsee: '82112', communeName: 'Moissac', lat: 44.11, lon: 1.1, precision: 'exacte' }),
  sighting({ isPublic: true, status: 'confirme', category: 'alea', publicTitle: 'Sans lieu' }),
  sighting({ status: 'nouveau', lat: 16.25, lon: -61.58, precision: 'exacte', text: 'Guadeloupe\nsur deux lignes' }),
];
const { items } = publicSubset(rows, { communes });
const layers = (['confirmees', 'rumeurs'] as const).map((l) => ({ name: PUBLIC_LAYER_LABELS[l], features: items.filter((i) => i.layer === l).map(publicFeature) }));

// CI installs gdal-bin (.ci/run): there, a missing GDAL is a broken setup, not a reason to skip.
if (!GDAL && process.env.CI) throw new Error('GDAL (ogrinfo) absent alors que CI est défini : .ci/run doit l’installer (apt-get install -y gdal-bin).');

describe.skipIf(!GDAL)(`exports read by GDAL (${GDAL ?? 'absent'})`, () => {
  it('public GeoJSON: every public item, public fields, [lon, lat]', async () => {
    const path = write('public.geojson', await buildGeoJson(items.map(publicFeature), { name: 'Carte publique', scope: 'public' }));
    const info = ogrinfo(path);
    expect(count(info)).toEqual([4]);
    for (const field of ['name', 'description', 'categorie', 'couche', 'date', 'commune', 'precision']) expect(info).toMatch(new RegExp(`^${field}: `, 'm'));
    expect(info).not.toMatch(/authorHandle|verificationNotes|assignee/);
    const f = features(path);
    const pont = f.find((x) => x.name === 'Pont fermé <b>')!;
    expect([Number(pont.X), Number(pont.Y)]).toEqual([1.09, 44.12]);
    expect(f.find((x) => x.name === 'Toit')!.Y).toBe('44.1036');
    expect(f.find((x) => x.name === 'Sans lieu')!.X).toBe('');
  });

  it('restricted GeoJSON: the whole table, marked', async () => {
    const path = write('restreint.geojson', await buildGeoJson(rows.map((s) => restrictedFeature(s, names)), { name: 'Crue', scope: 'restricted' }));
    expect(count(ogrinfo(path))).toEqual([5]);
    const f = features(path);
    expect(f.every((x) => x.diffusion === 'Diffusion restreinte')).toBe(true);
    expect(f.find((x) => x.text.startsWith('Guadeloupe'))!.X).toBe('-61.58');
  });

  it.each(['KML', 'LIBKML'])('KML through the %s driver: one layer per folder, located placemarks', (driver) => {
    const path = write(`public-${driver}.kml`, buildKml(layers, { name: 'Carte publique', scope: 'public' }));
    const info = ogrinfo(path, driver);
    expect(info).toContain('Informations confirmées');
    expect(info).toContain('Rumeurs démenties');
    expect(count(info)).toEqual([2, 1]);
    const f = features(path, driver, 'Informations confirmées');
    expect(f.map((x) => x.Name).sort()).toEqual(['Pont fermé <b>', 'Toit']);
    expect(Number(f.find((x) => x.Name === 'Pont fermé <b>')!.X)).toBe(1.09);
    if (driver === 'LIBKML') expect(f[0]).toHaveProperty('categorie');
  });

  it.each(['KML', 'LIBKML'])('restricted KML through the %s driver', (driver) => {
    const path = write(`restreint-${driver}.kml`, buildKml([{ name: 'Remontées', features: rows.map((s) => restrictedFeature(s, names)) }], { name: 'Crue', scope: 'restricted' }));
    expect(count(ogrinfo(path, driver))).toEqual([4]);
  });

  it('restricted CSV (Excel-FR): header, rows, French decimals, neutralised formulas', async () => {
    const path = write('restreint.csv', await buildRestrictedCsv(rows, { timeZone: 'Europe/Paris', memberName: names }));
    const info = ogrinfo(path);
    expect(count(info)).toEqual([5]);
    const f = features(path);
    expect(Object.keys(f[0]!).slice(0, CSV_COLUMNS.length)).toEqual(CSV_COLUMNS.map((c) => c.title));
    expect(f[0]!.Latitude).toBe('44,12');
    expect(f[0]!.Texte).toBe(`'=HYPERLINK("x")`);
    expect(f[4]!.Texte).toBe('Guadeloupe\nsur deux lignes');
    expect(f[4]!.Longitude).toBe('-61,58');
    expect(f.every((x) => x.Diffusion === 'Diffusion restreinte')).toBe(true);
  });

  it('public CSV and synthèse CSV', async () => {
    const pub = features(write('public.csv', await buildPublicCsv(items, { timeZone: 'Europe/Paris' })));
    expect(pub.map((x) => x.Titre).sort()).toEqual(['Barrage rompu : faux', 'Pont fermé <b>', 'Sans lieu', 'Toit']);
    expect(pub.find((x) => x.Titre === 'Pont fermé <b>')!['Résumé']).toBe('Déviation ; "prudence"');
    const syn = features(write('synthese.csv', buildSyntheseCsv(rows).csv));
    expect(syn.at(-1)!.Commune).toBe('Total');
    expect(syn.at(-1)!.Total).toBe('5');
  });

  it('uMap: each layer is a GeoJSON collection GDAL reads', () => {
    const umap = JSON.parse(buildUmap(layers.map((l) => ({ ...l, color: 'Blue' })), { name: 'Carte', description: '', scope: 'public', center: { lat: 44, lon: 1.2 }, zoom: 9 }));
    const counts = umap.layers.map((layer: unknown, i: number) => count(ogrinfo(write(`umap-${i}.geojson`, JSON.stringify(layer))))[0]);
    expect(counts).toEqual([2, 1]);
    expect(features(join(dir, 'umap-0.geojson')).map((x) => x.name).sort()).toEqual(['Pont fermé <b>', 'Toit']);
  });
});
