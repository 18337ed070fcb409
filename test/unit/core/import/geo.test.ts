import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../../src-renderer/core/import';
import { runImport, utf8 } from './helpers';

const geojson = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: { type: 'Point', coordinates: [1.0846, 44.1036] }, properties: { lien: 'https://x.com/a/status/1', texte: 'Route coupée', categorie: 'routes', priorite: 'P2', public: false, medias: ['https://i.fr/1.jpg'] } },
    { type: 'Feature', geometry: null, properties: { texte: 'Sans point', commune: 'Montauban' } },
    { type: 'Feature', geometry: { type: 'LineString', coordinates: [[1, 44], [1.1, 44.1]] }, properties: { texte: 'Digue' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [200, 44] }, properties: { texte: 'Hors limites' } },
    { type: 'Feature', geometry: { type: 'Point', coordinates: [1.2, 44.2] }, properties: { name: '<b>Titre</b>', _umap_options: { color: 'red' } } },
  ],
};

describe('GeoJSON', () => {
  it('importe les points avec leurs propriétés, refuse les autres géométries en le disant', async () => {
    const { table, report } = await runImport(utf8(JSON.stringify(geojson)), 'carte.geojson');
    expect(table.header).toEqual(['Latitude', 'Longitude', 'lien', 'texte', 'categorie', 'priorite', 'public', 'medias', 'commune', 'name']);
    expect(report.format).toBe('geojson');
    expect(report.valid.map((r) => r.line)).toEqual([1, 2, 5]);
    expect(report.valid[0].input).toMatchObject({ lat: 44.1036, lon: 1.0846, precision: 'exacte', url: 'https://x.com/a/status/1', text: 'Route coupée', category: 'routes', priority: 'P2', isPublic: false, mediaUrls: ['https://i.fr/1.jpg'] });
    expect(report.valid[1].input).toMatchObject({ communeName: 'Montauban', precision: 'commune' });
    expect(report.valid[2].input.text).toBe('<b>Titre</b>'); // text, never markup
    expect(report.rejected).toEqual([
      { line: 3, reason: 'géométrie « LineString » non prise en charge : seuls les points deviennent des remontées' },
      { line: 4, reason: 'coordonnées invalides : longitude 200 hors limites (−180 à 180)' },
    ]);
  });
  it('refuse un JSON qui n’est pas du GeoJSON, ou illisible', async () => {
    await expect(runImport(utf8('{"a":1}'), 'x.json')).rejects.toThrow(/n’est pas un GeoJSON/);
    await expect(runImport(utf8('{"type":"FeatureCollection",'), 'x.geojson')).rejects.toThrow(/GeoJSON illisible/);
  });
});

const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Crue du Tarn</name>
<Style id="s"><IconStyle><color>ff0000ff</color></IconStyle></Style>
<Placemark><name>Route coupée à Moissac</name><description><![CDATA[Arbre sur la chaussée<br>voir <a href="https://x.com/a/status/9">le post</a> &amp; photos]]></description><styleUrl>#s</styleUrl>
 <ExtendedData><Data name="Catégorie"><value>Route coupée</value></Data><Data name="Lien"><value>https://x.com/a/status/9</value></Data><Data name="Priorité"><value>Urgent</value></Data></ExtendedData>
 <Point><coordinates>1.0846,44.1036,0</coordinates></Point></Placemark>
<Placemark><name>Zone inondée</name><Polygon><outerBoundaryIs><LinearRing><coordinates>1,44 1.1,44 1.1,44.1 1,44</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
<Folder><Placemark><name>Gymnase</name><ExtendedData><Data name="Commune"><value>Castelsarrasin</value></Data></ExtendedData></Placemark></Folder>
</Document></kml>`;

describe('KML', () => {
  it('importe les repères (nom et description en texte, données étendues en colonnes)', async () => {
    const { table, report } = await runImport(utf8(KML), 'carte.kml');
    expect(table.header).toEqual(['Latitude', 'Longitude', 'name', 'description', 'Catégorie', 'Lien', 'Priorité', 'Commune']);
    expect(report.valid.map((r) => r.line)).toEqual([1, 3]);
    expect(report.valid[0].input).toMatchObject({
      lat: 44.1036, lon: 1.0846, url: 'https://x.com/a/status/9', category: 'routes', priority: 'P2',
      text: 'Route coupée à Moissac\nArbre sur la chaussée\nvoir le post & photos',
    });
    expect(report.valid[1].input).toMatchObject({ text: 'Gymnase', communeName: 'Castelsarrasin', precision: 'commune' });
    expect(report.rejected).toEqual([{ line: 2, reason: 'géométrie « Polygon » non prise en charge : seuls les points deviennent des remontées' }]);
  });
  it('refuse un XML mal formé ou qui n’est pas du KML, sans rien lire d’extérieur', async () => {
    const e = await runImport(utf8('<kml><Placemark><name>a</name></kml>'), 'x.kml').catch((x) => x);
    expect(e).toBeInstanceOf(ImportError);
    expect(e.message).toMatch(/^KML illisible : le XML est mal formé/);
    await expect(runImport(utf8('<?xml version="1.0"?><gpx></gpx>'), 'x.kml')).rejects.toThrow('Ce fichier XML n’est pas un KML (élément racine « kml » attendu). Rien n’a été importé.');
    // An external entity is not fetched nor expanded.
    const xxe = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]><kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&x;</name><Point><coordinates>1,44</coordinates></Point></Placemark></kml>`;
    const r = await runImport(utf8(xxe), 'x.kml').then((x) => x.report.valid.map((v) => v.input.text)).catch((x: Error) => x.message);
    expect(JSON.stringify(r)).not.toContain('root:');
  });
});
