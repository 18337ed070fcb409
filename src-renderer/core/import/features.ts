// GeoJSON features (read from a GeoJSON or a KML file) as a table: one row per feature, the point's
// latitude and longitude first, then every property met (in order of first appearance). Only points
// make sightings; other geometries are listed as rejected rows.
import type { RowProblem, SourceFormat, SourceRow, SourceTable } from './table';

interface FeatureLike {
  type?: unknown;
  geometry?: { type?: unknown; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

/** Properties that only style a map (KML styles, uMap options): not data. */
const STYLE = /^(_|style|stroke|fill|icon|label|marker|visibility$|open$|gx_)/i;

export function featuresToTable(format: SourceFormat, features: readonly unknown[]): SourceTable {
  const names: string[] = [];
  const index = new Map<string, number>();
  for (const f of features) {
    const props = (f as FeatureLike | null)?.properties;
    if (!props || typeof props !== 'object') continue;
    for (const k of Object.keys(props)) if (!index.has(k) && !STYLE.test(k)) index.set(k, names.push(k) - 1);
  }
  const header = ['Latitude', 'Longitude', ...names];
  const rows: SourceRow[] = [];
  const rejected: RowProblem[] = [];
  features.forEach((raw, i) => {
    const line = i + 1;
    const f = raw as FeatureLike | null;
    if (!f || typeof f !== 'object' || f.type !== 'Feature') {
      rejected.push({ line, reason: 'objet qui n’est pas une « Feature » GeoJSON' });
      return;
    }
    let lat = '';
    let lon = '';
    const g = f.geometry;
    if (g) {
      let point: unknown = undefined;
      if (g.type === 'Point') point = g.coordinates;
      else if (g.type === 'MultiPoint' && Array.isArray(g.coordinates) && g.coordinates.length === 1) point = g.coordinates[0];
      else {
        rejected.push({ line, reason: `géométrie « ${String(g.type)} » non prise en charge : seuls les points deviennent des remontées` });
        return;
      }
      if (!Array.isArray(point) || point.length < 2) {
        rejected.push({ line, reason: 'point sans coordonnées lisibles' });
        return;
      }
      // GeoJSON order: longitude, latitude.
      lon = cellOf(point[0]);
      lat = cellOf(point[1]);
    }
    const cells = new Array<string>(header.length).fill('');
    cells[0] = lat;
    cells[1] = lon;
    const props = f.properties && typeof f.properties === 'object' ? f.properties : {};
    for (const [k, v] of Object.entries(props)) {
      const at = index.get(k);
      if (at !== undefined) cells[at + 2] = cellOf(v);
    }
    rows.push({ line, cells });
  });
  return { format, header, rows, rejected };
}

function cellOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'NaN';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('\n');
  if (typeof v === 'object' && (v as { '@type'?: unknown })['@type'] === 'html') return htmlToText(String((v as { value?: unknown }).value ?? ''));
  return JSON.stringify(v);
}

/** KML descriptions are often HTML (Google My Maps): kept as plain text, never as markup. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
