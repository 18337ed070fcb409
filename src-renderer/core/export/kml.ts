// KML 2.2 for Google Earth and Google My Maps, written by @placemarkio/tokml (Placemark's maintained
// GeoJSON → KML writer: escapes every text, puts name and description where KML readers look, the
// other properties in ExtendedData). One folder per layer; only located features (a placemark
// without a place shows nowhere in a KML reader). The document's own name and description carry the
// crisis and, for a restricted file, the "Diffusion restreinte" mark.
import { foldersToKML } from '@placemarkio/tokml';
import type { Feature, Point } from 'geojson';
import { RESTRICTED_MARK, type Scope } from './features';

export interface KmlFolder {
  name: string;
  features: readonly Feature<Point | null, object>[];
}

export interface KmlMeta {
  name: string;
  scope: Scope;
  /** Shown in the document's description (the restricted mark is added before it). */
  description?: string;
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function buildKml(folders: readonly KmlFolder[], meta: KmlMeta): string {
  const kml = foldersToKML({
    type: 'root',
    children: folders.map((f) => ({
      type: 'folder' as const,
      meta: { name: f.name },
      children: f.features.filter((x) => x.geometry !== null).map((x) => ({ ...x, id: x.id === undefined ? undefined : String(x.id) })),
    })),
  });
  const name = meta.scope === 'restricted' ? `${meta.name} — ${RESTRICTED_MARK}` : meta.name;
  const description = [meta.scope === 'restricted' ? `${RESTRICTED_MARK} : ne pas publier ni transmettre hors de la cellule de crise.` : '', meta.description ?? '']
    .filter(Boolean)
    .join('\n');
  const head = `<name>${xmlText(name)}</name>${description ? `<description>${xmlText(description)}</description>` : ''}`;
  const at = kml.indexOf('<Document>');
  const body = at < 0 ? kml : `${kml.slice(0, at + '<Document>'.length)}${head}${kml.slice(at + '<Document>'.length)}`;
  return body.startsWith('<?xml') ? body : `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}
