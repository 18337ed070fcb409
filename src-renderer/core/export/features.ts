// The features every map format is built from: one per public item (public exports) or per sighting
// (restricted exports, for the crisis cell and its partners). GeoJSON, KML and uMap share them, so a
// field means the same in each file. Coordinates are [longitude, latitude] in WGS 84 (RFC 7946).
import type { Feature, Point } from 'geojson';
import type { Sighting } from '../sighting';
import type { PublicItem } from './public-subset';
import { PUBLIC_LAYER_LABELS } from './public-subset';

export const RESTRICTED_MARK = 'Diffusion restreinte';

export type Scope = 'public' | 'restricted';

/** Properties of a public feature: written for anyone; `name` and `description` as uMap and KML read them. */
export interface PublicProperties {
  name: string;
  description: string;
  categorie: string;
  categorie_libelle: string;
  couche: string;
  date: string;
  commune: string;
  code_insee: string;
  departement: string;
  precision: string;
  source: string;
}

export function publicFeature(item: PublicItem): Feature<Point | null, PublicProperties> {
  return {
    type: 'Feature',
    id: item.id,
    geometry: item.lat !== null && item.lon !== null ? { type: 'Point', coordinates: [item.lon, item.lat] } : null,
    properties: {
      name: item.title,
      description: item.summary,
      categorie: item.category,
      categorie_libelle: item.categoryLabel,
      couche: PUBLIC_LAYER_LABELS[item.layer],
      date: item.time,
      commune: item.communeName,
      code_insee: item.communeInsee,
      departement: item.departement,
      precision: item.precisionLabel,
      source: item.source,
    },
  };
}

/** Properties of a restricted feature: the whole sighting (ids of the vocabulary, ISO times), plus the mark. */
export type RestrictedProperties = Record<string, string | number | boolean>;

/** `name(actorId)`: a member's name, for created/changed by. */
export function restrictedFeature(s: Sighting, name: (actor: string) => string): Feature<Point | null, RestrictedProperties> {
  return {
    type: 'Feature',
    id: s.id,
    geometry: s.lat !== null && s.lon !== null ? { type: 'Point', coordinates: [s.lon, s.lat] } : null,
    properties: {
      diffusion: RESTRICTED_MARK,
      name: s.publicTitle || s.text.slice(0, 80),
      id: s.id,
      createdAt: new Date(s.createdAt).toISOString(),
      createdBy: name(s.createdBy),
      updatedAt: new Date(s.updatedAt).toISOString(),
      updatedBy: name(s.updatedBy),
      platform: s.platform,
      url: s.url,
      authorHandle: s.authorHandle,
      authorKind: s.authorKind,
      postedAt: s.postedAt,
      text: s.text,
      mediaUrls: s.mediaUrls.join(' '),
      placeText: s.placeText,
      communeInsee: s.communeInsee,
      communeName: s.communeName,
      departement: s.departement,
      precision: s.precision,
      category: s.category,
      priority: s.priority,
      status: s.status,
      assignee: s.assignee,
      verificationNotes: s.verificationNotes,
      duplicateOf: s.duplicateOf,
      relatedIds: s.relatedIds.join(' '),
      isPublic: s.isPublic,
      publicTitle: s.publicTitle,
      publicSummary: s.publicSummary,
    },
  };
}
