// Builds an export file from the open crisis (adapter around core/export: the gazetteer, the built-in
// basemap, Leaflet's files, member names), saves it through the platform, and records it in the crisis.
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { departementName } from '../../core/departements';
import { CATEGORY_LABELS } from '../../core/labels';
import { clipPolygons, featureBbox, grow, type Bbox } from '../../core/export/basemap-clip';
import type { Progress } from '../../core/export/chunks';
import { buildPublicCsv, buildRestrictedCsv } from '../../core/export/csv';
import { publicFeature, restrictedFeature, RESTRICTED_MARK, type Scope } from '../../core/export/features';
import { buildGeoJson } from '../../core/export/geojson';
import { buildKml } from '../../core/export/kml';
import { buildPublicMapHtml, type PublicLink } from '../../core/export/public-map-html';
import { informationCount, PUBLIC_LAYER_LABELS, PUBLIC_LAYERS, publicSubset, type CommuneLookup, type PublicItem } from '../../core/export/public-subset';
import { buildSyntheseCsv } from '../../core/export/synthese';
import { timeZoneOf } from '../../core/export/time';
import { buildUmap } from '../../core/export/umap';
import type { Sighting } from '../../core/sighting';
import { CATEGORIES } from '../../core/taxonomy';
import { loadBuiltInData } from '../../map/basemap/builtin-data';
import { SUGGESTED_ATTRIBUTION, SUGGESTED_TEMPLATE } from '../../map/basemap/online-template';
import { loadGazetteer } from '../../map/gazetteer-loader';
import { CATEGORY_COLOURS } from '../../map/style';
import { platform } from '../../platform';
import type { VigieDatabase } from '../../store/database';
import type { CrisisStore } from '../../store/crisis-store';

export type PublicFormat = 'html' | 'umap' | 'geojson' | 'kml' | 'csv';
export type RestrictedFormat = 'geojson' | 'kml' | 'csv' | 'umap' | 'synthese';

export interface ExportFile {
  name: string;
  data: string;
  mime: string;
  format: string;
  scope: Scope;
  count: number;
}

export interface PublicLinks {
  prefecture: string;
  consignes: string;
}

const linksKey = (crisisId: string) => `public-links:${crisisId}`;

/** The crisis's official links, kept on this copy only (db settings) until the crisis record has fields for them. */
export async function loadPublicLinks(db: VigieDatabase, crisisId: string): Promise<PublicLinks> {
  const value = (await db.settings.get(linksKey(crisisId)))?.value as Partial<PublicLinks> | undefined;
  return { prefecture: typeof value?.prefecture === 'string' ? value.prefecture : '', consignes: typeof value?.consignes === 'string' ? value.consignes : '' };
}
export async function savePublicLinks(db: VigieDatabase, crisisId: string, links: PublicLinks): Promise<void> {
  await db.settings.put({ key: linksKey(crisisId), value: links });
}

export function crisisInfo(store: CrisisStore) {
  const info = store.state.info;
  return { name: info?.name ?? store.crisis.name, departement: info?.departement ?? store.crisis.departement };
}

function slug(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'crise';
}
function stamp(now: number): string {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
}

/** Commune centres from the gazetteer; `nearest` looks in a small box around the point. */
export async function communeLookup(): Promise<CommuneLookup> {
  const g = await loadGazetteer();
  return {
    byInsee: (code) => g.byInsee(code),
    nearest: (lat, lon) => {
      let best: ReturnType<typeof g.byInsee>;
      let bestD = Infinity;
      for (const c of g.largestIn(lat - 0.1, lon - 0.14, lat + 0.1, lon + 0.14, 2000)) {
        const d = (c.lat - lat) ** 2 + ((c.lon - lon) * Math.cos((lat * Math.PI) / 180)) ** 2;
        if (d < bestD) [best, bestD] = [c, d];
      }
      return best;
    },
  };
}

/** The public subset as the review dialog and every public export see it (sightings and rumour records). */
export async function publicItems(store: CrisisStore, excluded: ReadonlySet<string>) {
  const rumours = { rumours: store.state.workflow.rumours.values(), get: (id: string) => store.get(id) };
  return publicSubset(store.rows.values(), { communes: await communeLookup(), excluded, rumours });
}

const MIME: Record<string, string> = {
  html: 'text/html;charset=utf-8',
  geojson: 'application/geo+json',
  kml: 'application/vnd.google-earth.kml+xml',
  csv: 'text/csv;charset=utf-8',
  umap: 'application/json',
};

function layersOf(items: readonly PublicItem[]) {
  return PUBLIC_LAYERS.map((layer) => ({ layer, name: PUBLIC_LAYER_LABELS[layer], features: items.filter((i) => i.layer === layer).map(publicFeature) }));
}

function centreOf(items: readonly { lat: number | null; lon: number | null }[], fallback: Bbox) {
  const located = items.filter((i) => i.lat !== null && i.lon !== null) as { lat: number; lon: number }[];
  if (!located.length) return { lat: (fallback[1] + fallback[3]) / 2, lon: (fallback[0] + fallback[2]) / 2 };
  return { lat: located.reduce((a, i) => a + i.lat, 0) / located.length, lon: located.reduce((a, i) => a + i.lon, 0) / located.length };
}

async function departementBox(code: string): Promise<{ box: Bbox; data: Awaited<ReturnType<typeof loadBuiltInData>> }> {
  const data = await loadBuiltInData();
  const own = data.departements.features.find((f) => f.properties.code === code);
  return { box: featureBbox(own) ?? [-5.5, 41, 10, 51.5], data };
}

export async function buildPublicExport(
  store: CrisisStore,
  format: PublicFormat,
  options: { items: readonly PublicItem[]; links: PublicLinks; onlineTiles: boolean; now?: number },
  progress?: Progress,
): Promise<ExportFile> {
  const { name, departement } = crisisInfo(store);
  const now = options.now ?? Date.now();
  const items = options.items;
  const base = `carte-publique-${slug(name)}-${stamp(now)}`;
  const file = (ext: string, data: string): ExportFile => ({ name: `${base}.${ext}`, data, mime: MIME[format]!, format, scope: 'public', count: informationCount(items) });
  const timeZone = timeZoneOf(departement);
  const title = `Carte publique — ${name}`;
  switch (format) {
    case 'geojson':
      return file('geojson', await buildGeoJson(items.map(publicFeature), { name: title, scope: 'public' }, progress));
    case 'kml':
      return file('kml', buildKml(layersOf(items), { name: title, scope: 'public' }));
    case 'csv':
      return file('csv', await buildPublicCsv(items, { timeZone }, progress));
    case 'umap': {
      const { box } = await departementBox(departement);
      const layers = layersOf(items).map((l) => ({ name: l.name, color: l.layer === 'rumeurs' ? 'DarkGray' : 'DarkBlue', features: l.features.map((f) => ({ ...f, properties: { ...f.properties, color: l.layer === 'rumeurs' ? 'DarkGray' : CATEGORY_COLOURS[f.properties.categorie as keyof typeof CATEGORY_COLOURS] } })) }));
      const description = 'Informations vérifiées et rumeurs démenties, publiées depuis Vigie.';
      return file('umap', buildUmap(layers, { name: title, description, scope: 'public', center: centreOf(items, box), zoom: 9 }));
    }
    case 'html': {
      const [{ LEAFLET_SOURCE }, { box, data }] = await Promise.all([import('./leaflet-source'), departementBox(departement)]);
      const located = items.filter((i) => i.lat !== null && i.lon !== null) as { lat: number; lon: number }[];
      let view: Bbox = box;
      if (located.length) {
        const lats = located.map((i) => i.lat), lons = located.map((i) => i.lon);
        view = [Math.min(box[0], ...lons.slice(0, 50_000)), Math.min(box[1], ...lats.slice(0, 50_000)), Math.max(box[2], ...lons.slice(0, 50_000)), Math.max(box[3], ...lats.slice(0, 50_000))];
      }
      const clip = grow(view, 0.4, 0.5);
      const links: PublicLink[] = [
        { label: 'Site de la préfecture', url: options.links.prefecture.trim() },
        { label: 'Consignes de sécurité', url: options.links.consignes.trim() },
      ];
      const html = await buildPublicMapHtml(
        {
          crisisName: name,
          departement,
          departementName: departementName(departement) ?? '',
          items,
          updatedAt: now,
          timeZone,
          links,
          basemap: {
            land: clipPolygons(data.land as FeatureCollection<Polygon | MultiPolygon>, clip),
            departements: clipPolygons(data.departements, clip),
          },
          view,
          categories: CATEGORIES.map((id) => ({ id, label: CATEGORY_LABELS[id].fr, colour: CATEGORY_COLOURS[id] })),
          tiles: options.onlineTiles ? { url: SUGGESTED_TEMPLATE, attribution: SUGGESTED_ATTRIBUTION } : undefined,
          leaflet: LEAFLET_SOURCE,
        },
        progress,
      );
      return file('html', html);
    }
  }
}

export async function buildRestrictedExport(store: CrisisStore, format: RestrictedFormat, rows: readonly Sighting[], selection: boolean, progress?: Progress, now = Date.now()): Promise<ExportFile> {
  const { name, departement } = crisisInfo(store);
  const memberName = (actor: string) => store.member(actor)?.name || actor.slice(0, 12);
  const base = `${slug(name)}-${selection ? 'selection' : 'remontees'}-${stamp(now)}-diffusion-restreinte`;
  const title = `${name} — remontées${selection ? ' (sélection)' : ''}`;
  const file = (ext: string, data: string, count = rows.length): ExportFile => ({ name: `${base}.${ext}`, data, mime: MIME[ext === 'csv' ? 'csv' : format]!, format: format === 'synthese' ? 'synthese-csv' : format, scope: 'restricted', count });
  switch (format) {
    case 'geojson':
      return file('geojson', await buildGeoJson(rows.map((s) => restrictedFeature(s, memberName)), { name: title, scope: 'restricted' }, progress));
    case 'kml':
      return file('kml', buildKml([{ name: 'Remontées', features: rows.map((s) => restrictedFeature(s, memberName)) }], { name: title, scope: 'restricted' }));
    case 'csv':
      return file('csv', await buildRestrictedCsv(rows, { timeZone: timeZoneOf(departement), memberName }, progress));
    case 'umap': {
      const { box } = await departementBox(departement);
      const features = rows.map((s) => restrictedFeature(s, memberName)).map((f) => ({ ...f, properties: { ...f.properties, color: CATEGORY_COLOURS[f.properties.category as keyof typeof CATEGORY_COLOURS] } }));
      return file('umap', buildUmap([{ name: `Remontées — ${RESTRICTED_MARK}`, color: 'DarkRed', features }], { name: title, description: `${RESTRICTED_MARK} : ne pas publier.`, scope: 'restricted', center: centreOf(rows, box), zoom: 9 }));
    }
    case 'synthese': {
      const { csv, counted } = buildSyntheseCsv(rows);
      return { ...file('csv', csv, counted), name: `${slug(name)}-synthese-${stamp(now)}-diffusion-restreinte.csv` };
    }
  }
}

export async function sha256Hex(data: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(data));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Saves the file (desktop: dialog; web: download) and, once saved, records it in the crisis. False when cancelled. */
export async function saveAndRecord(store: CrisisStore, file: ExportFile): Promise<boolean> {
  const saved = await platform.saveFile({ suggestedName: file.name, data: file.data, mime: file.mime });
  if (!saved) return false;
  await store.recordOutput({ format: file.format, scope: file.scope, count: file.count, sha256: await sha256Hex(file.data), name: file.name });
  return true;
}
