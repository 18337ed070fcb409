// GeoJSON (RFC 7946): a FeatureCollection in WGS 84, [longitude, latitude], no "crs" member; a
// sighting without a place is a feature with a null geometry (allowed by §3.2). Written feature by
// feature in slices, so 100,000 sightings neither freeze the window nor need a second copy of the tree.
import type { Feature, Point } from 'geojson';
import { yieldToEventLoop } from '../slicer';
import { CHUNK, type Progress } from './chunks';
import { RESTRICTED_MARK, type Scope } from './features';

export interface GeoJsonMeta {
  /** Shown as the collection's "name" (a foreign member GDAL and QGIS display as the layer name). */
  name: string;
  scope: Scope;
}

/** The collection's opening, with the restricted mark as foreign members where it applies. */
function head(meta: GeoJsonMeta): string {
  const members: Record<string, string> = { type: 'FeatureCollection', name: meta.scope === 'restricted' ? `${meta.name} — ${RESTRICTED_MARK}` : meta.name };
  if (meta.scope === 'restricted') members.diffusion = RESTRICTED_MARK;
  const json = JSON.stringify(members);
  return `${json.slice(0, -1)},"features":[\n`;
}

export async function buildGeoJson(features: readonly Feature<Point | null, object>[], meta: GeoJsonMeta, progress?: Progress): Promise<string> {
  // One JSON.stringify per slice (not per feature): as fast as stringifying the whole collection at
  // once, with the event loop given back between slices.
  const parts: string[] = [];
  for (let start = 0; start < features.length; start += CHUNK) {
    const end = Math.min(features.length, start + CHUNK);
    parts.push(JSON.stringify(features.slice(start, end)).slice(1, -1));
    progress?.(end, features.length);
    if (end < features.length) await yieldToEventLoop();
  }
  if (features.length === 0) progress?.(0, 0);
  return `${head(meta)}${parts.join(',\n')}\n]}\n`;
}
