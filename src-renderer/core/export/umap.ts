// A uMap file (.umap): what uMap's "Importer → uMap (carte complète)" reads and its own export writes:
// the map's properties and centre, then one layer (a GeoJSON FeatureCollection with `_umap_options`)
// per public layer, each feature with `name` and `description` for uMap's popup. uMap renders
// descriptions with its own wiki syntax ([[lien|texte]], {{image}}, **gras**): those marks are
// broken in untrusted text so a post cannot add a link or an image to the association's map.
import type { Feature, Point } from 'geojson';
import { RESTRICTED_MARK, type Scope } from './features';

export interface UmapLayer {
  name: string;
  color: string;
  features: readonly Feature<Point | null, object>[];
}

export interface UmapMeta {
  name: string;
  description: string;
  scope: Scope;
  center: { lat: number; lon: number };
  zoom: number;
}

/** uMap's wiki marks, neutralised (a zero-width space between the two characters). */
export function neutraliseUmapSyntax(text: string): string {
  return text.replace(/\[\[/g, '[\u200b[').replace(/\]\]/g, ']\u200b]').replace(/\{\{/g, '{\u200b{').replace(/\}\}/g, '}\u200b}');
}

export function buildUmap(layers: readonly UmapLayer[], meta: UmapMeta): string {
  const name = meta.scope === 'restricted' ? `${meta.name} — ${RESTRICTED_MARK}` : meta.name;
  const umap = {
    type: 'umap',
    uri: '',
    properties: {
      name,
      description: neutraliseUmapSyntax(meta.description),
      zoom: meta.zoom,
      locale: 'fr',
      displayPopupFooter: false,
      captionBar: true,
      onLoadPanel: 'caption',
      slideshow: {},
      tilelayer: {},
    },
    geometry: { type: 'Point', coordinates: [meta.center.lon, meta.center.lat] },
    layers: layers.map((layer) => ({
      type: 'FeatureCollection',
      _umap_options: { name: layer.name, color: layer.color, displayOnLoad: true, browsable: true, iconClass: 'Circle', popupShape: 'Panel' },
      features: layer.features
        .filter((f) => f.geometry !== null)
        .map((f) => {
          const p = f.properties as Record<string, unknown>;
          const properties: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(p)) properties[k] = typeof v === 'string' ? neutraliseUmapSyntax(v) : v;
          if (typeof p.color === 'string') properties._umap_options = { color: p.color };
          delete properties.color;
          return { type: 'Feature', geometry: f.geometry, properties };
        }),
    })),
  };
  return `${JSON.stringify(umap, null, 1)}\n`;
}
