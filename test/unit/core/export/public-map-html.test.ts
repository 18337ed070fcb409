import { describe, expect, it } from 'vitest';
import { clipPolygons, grow } from '../../../../src-renderer/core/export/basemap-clip';
import { buildPublicMapHtml, jsonForScript, sha256Base64 } from '../../../../src-renderer/core/export/public-map-html';
import { publicSubset } from '../../../../src-renderer/core/export/public-subset';
import { communes, PRIVATE, sighting } from './helpers';

const XSS = '</script><script>alert(1)</script><img src=x onerror=alert(2)>';
const rows = [
  sighting({ isPublic: true, status: 'confirme', publicTitle: `Pont fermé ${XSS}`, publicSummary: 'Déviation & détour', category: 'routes', lat: 44.12, lon: 1.09, precision: 'exacte', ...PRIVATE }),
  sighting({ isPublic: true, status: 'dementi', category: 'rumeur', publicTitle: 'Barrage rompu : faux', publicSummary: 'La préfecture dément' }),
  sighting({ status: 'confirme', publicTitle: 'Privé' }),
];
const square = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: { code: '82', nom: 'Tarn-et-Garonne' }, geometry: { type: 'Polygon' as const, coordinates: [[[0, 43], [2, 43], [2, 45], [0, 45], [0, 43]]] } }] };

async function build(tiles?: { url: string; attribution: string }) {
  const { items } = publicSubset(rows, { communes });
  return buildPublicMapHtml({
    crisisName: 'Crue <du> Tarn',
    departement: '82',
    departementName: 'Tarn-et-Garonne',
    items,
    updatedAt: Date.UTC(2026, 10, 23, 8, 5),
    timeZone: 'Europe/Paris',
    links: [{ label: 'Préfecture', url: 'https://www.tarn-et-garonne.gouv.fr' }, { label: 'Piège', url: 'javascript:alert(1)' }],
    basemap: { land: clipPolygons(square, [0.5, 43.5, 1.5, 44.5]), departements: clipPolygons(square, [0.5, 43.5, 1.5, 44.5]) },
    view: [0.5, 43.5, 1.5, 44.5],
    categories: [{ id: 'routes', label: 'Routes', colour: '#fc5d00' }, { id: 'rumeur', label: 'Rumeur', colour: '#8d533e' }, { id: 'secours', label: 'Secours', colour: '#e1000f' }],
    tiles,
    leaflet: { js: 'window.L={};', css: '.leaflet-control-layers-toggle{background-image:url(images/layers.png)}' },
  });
}

describe('public map HTML', () => {
  it('is one file: title, count, data as escaped JSON, hashed scripts, strict CSP, no private value', async () => {
    const html = await build();
    expect(html).toContain('<title>Carte publique — Crue &#60;du&#62; Tarn</title>');
    expect(html).toContain('data-public-count="2"');
    const data = html.slice(html.indexOf('id="vigie-data">') + 16, html.indexOf('</script>', html.indexOf('id="vigie-data">')));
    expect(data).not.toContain('<');
    const parsed = JSON.parse(data);
    expect(parsed.items.map((i: { t: string }) => i.t)).toContain(`Pont fermé ${XSS}`);
    expect(parsed.links).toEqual([{ label: 'Préfecture', url: 'https://www.tarn-et-garonne.gouv.fr' }]);
    expect(parsed.categories.map((c: { id: string }) => c.id)).toEqual(['routes', 'rumeur']);
    expect(parsed.updated).toBe('23/11/2026 à 09:05 (heure de Paris)');
    expect(html).toContain(`&#39;sha256-${await sha256Base64('window.L={};')}&#39;`);
    expect(html).toMatch(/default-src &#39;none&#39;/);
    expect(html).toContain('img-src data:;');
    expect(html).not.toContain('images/layers.png');
    expect(html).not.toMatch(/src="http/);
    for (const v of Object.values(PRIVATE)) expect(html).not.toContain(v);
    expect(html).not.toContain('Privé');
    expect(html.match(/<script>/g)).toHaveLength(2);
  });
  it('adds the tile host to the CSP only when asked, and refuses a host with a placeholder', async () => {
    const html = await build({ url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap' });
    expect(html).toContain('img-src data: https://tile.openstreetmap.org;');
    await expect(build({ url: 'https://{s}.tile.example/{z}/{x}/{y}.png', attribution: '' })).rejects.toThrow(/invalide/);
  });
  it('hashes the styles as the browser will see them (CR LF turned into LF by the HTML parser)', async () => {
    const { items } = publicSubset(rows, { communes });
    const html = await buildPublicMapHtml({ crisisName: 'C', departement: '82', departementName: '', items, updatedAt: 0, timeZone: 'Europe/Paris', links: [], basemap: { land: [], departements: [] }, view: [0, 0, 1, 1], categories: [], leaflet: { js: 'a=1;\r\nb=2;', css: '.a{}\r\n.b{}' } });
    expect(html).not.toContain('\r');
    const css = html.slice(html.indexOf('<style>') + 7, html.indexOf('</style>'));
    expect(html).toContain(`sha256-${await sha256Base64(css)}`);
    expect(html).toContain(`sha256-${await sha256Base64('a=1;\nb=2;')}`);
  });
  it('jsonForScript escapes what could close the script', () => {
    expect(jsonForScript('"</script>&\u2028"')).toBe('"\\u003c/script\\u003e\\u0026\\u2028"');
  });
  it('clips polygons to the box', () => {
    const [f] = clipPolygons(square, [0.5, 43.5, 1.5, 44.5]);
    const xs = f!.geometry.coordinates[0]![0]!.map((p) => p[0]!);
    expect(Math.min(...xs)).toBe(0.5);
    expect(Math.max(...xs)).toBe(1.5);
    expect(clipPolygons(square, [10, 10, 11, 11])).toEqual([]);
    expect(grow([0, 0, 1, 1], 0.5, 1)).toEqual([-1, -1, 2, 2]);
  });
});
