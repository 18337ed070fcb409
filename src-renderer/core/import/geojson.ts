// A GeoJSON file (RFC 7946): a FeatureCollection (or one Feature) of points with properties.
import { ImportError } from './errors';
import { featuresToTable } from './features';
import type { SourceTable } from './table';

export function readGeoJson(text: string): SourceTable {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ImportError('geojson', `GeoJSON illisible : ce n’est pas du JSON valide (${(e as Error).message}). Rien n’a été importé.`);
  }
  const o = data as { type?: unknown; features?: unknown } | null;
  let features: unknown[];
  if (o && o.type === 'FeatureCollection' && Array.isArray(o.features)) features = o.features;
  else if (o && o.type === 'Feature') features = [o];
  else
    throw new ImportError(
      'geojson',
      'Ce fichier JSON n’est pas un GeoJSON : Vigie attend une « FeatureCollection » de points (propriétés : lien, texte, catégorie…). Rien n’a été importé.',
    );
  if (features.length === 0) throw new ImportError('empty', 'Le GeoJSON ne contient aucun objet. Rien n’a été importé.');
  return featuresToTable('geojson', features);
}
