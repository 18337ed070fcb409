// What may go public, and nothing else. The public map, its GeoJSON, KML, CSV and uMap are all built
// from PublicItem, which has no field for the author, the source link of a citizen's post, private
// notes, the assignee, claims or the history: what is not in this type cannot leak.
import { CATEGORY_LABELS, PRECISION_LABELS } from '../labels';
import { isSafeHttpUrl } from '../links';
import type { Sighting } from '../sighting';
import type { Category, Precision, Status } from '../taxonomy';
import { publicRumourItems, type PublicRumourInput } from './public-rumours';
import { PUBLIC_LAYERS, PUBLIC_LAYER_LABELS, type CommuneLookup, type PublicItem, type PublicLayer, type Withheld } from './public-item';

export { PUBLIC_LAYERS, PUBLIC_LAYER_LABELS };
export type { CommuneLookup, PublicItem, PublicLayer, Withheld };

/** Statuses that may go public: a confirmed fact, or a rumour officially denied (with its correction). */
export const PUBLISHABLE: Partial<Record<Status, PublicLayer>> = { confirme: 'confirmees', dementi: 'rumeurs' };

/**
 * Categories whose exact place is never published: a rescue request, a victim or a missing person
 * points at a home and at vulnerable people. They go out at the centre of their commune.
 */
export const COMMUNE_LEVEL_CATEGORIES: readonly Category[] = ['secours', 'victimes', 'disparus'];

/** Author kinds whose post's link may be published (an official or a media outlet publishes on purpose). */
const LINKABLE_AUTHORS = new Set(['officiel', 'media']);

export interface PublicSubsetOptions {
  communes?: CommuneLookup;
  /** Sightings (and rumours, by their id) the publisher excluded in "Ce qui sera public". */
  excluded?: ReadonlySet<string>;
  /** The crisis's rumour records: the public, debunked ones feed the « Rumeurs démenties » layer. */
  rumours?: PublicRumourInput;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export function isPublishable(s: Sighting): boolean {
  return s.isPublic && PUBLISHABLE[s.status] !== undefined;
}

/** One sighting as it may go out, or the reason it may not. */
export function toPublicItem(s: Sighting, communes?: CommuneLookup): PublicItem | Withheld {
  const layer = PUBLISHABLE[s.status];
  if (!s.isPublic || !layer) return { id: s.id, reason: 'pas publiable (statut ou case « carte publique »)' };
  const title = s.publicTitle.trim();
  if (!title) return { id: s.id, reason: 'titre public manquant' };
  let lat = s.lat;
  let lon = s.lon;
  let precision: Precision = lat === null || lon === null ? 'inconnue' : s.precision;
  let communeInsee = s.communeInsee;
  let communeName = s.communeName;
  let departement = s.departement;
  const generalise = COMMUNE_LEVEL_CATEGORIES.includes(s.category) && (precision === 'exacte' || precision === 'rue');
  const coarseAlready = precision === 'commune' || precision === 'departement';
  if (generalise || (coarseAlready && communeInsee)) {
    const commune = (communeInsee && communes?.byInsee(communeInsee)) || (lat !== null && lon !== null ? communes?.nearest?.(lat, lon) : undefined);
    if (commune) {
      lat = round(commune.lat, 4);
      lon = round(commune.lon, 4);
      precision = 'commune';
      communeInsee = commune.insee;
      communeName = commune.name;
      departement = commune.departement;
    } else if (generalise) {
      // No commune to stand for the exact point: the point does not go out at all.
      lat = null;
      lon = null;
      precision = 'inconnue';
    }
  }
  if (lat !== null && lon !== null) {
    lat = round(lat, 5);
    lon = round(lon, 5);
  }
  const time = s.postedAt && !Number.isNaN(Date.parse(s.postedAt)) ? new Date(Date.parse(s.postedAt)).toISOString() : new Date(s.createdAt).toISOString();
  return {
    id: s.id,
    layer,
    title,
    summary: s.publicSummary.trim(),
    category: s.category,
    categoryLabel: CATEGORY_LABELS[s.category].fr,
    time,
    communeInsee,
    communeName,
    departement,
    lat,
    lon,
    precision,
    precisionLabel: PRECISION_LABELS[precision].fr,
    source: LINKABLE_AUTHORS.has(s.authorKind) && isSafeHttpUrl(s.url) ? s.url : '',
  };
}

function isItem(x: PublicItem | Withheld): x is PublicItem {
  return 'layer' in x;
}

/**
 * The public subset of a crisis: sightings marked public in a publishable status, minus those the
 * publisher excluded, as PublicItem, newest first; and those marked public but withheld, with why.
 * With `rumours`, the public debunked rumour records join the « Rumeurs démenties » layer, and a
 * denied sighting that such a rumour carries goes out through the rumour only (one item per claim,
 * not the claim once more for each repost).
 */
export function publicSubset(rows: Iterable<Sighting>, options: PublicSubsetOptions = {}): { items: PublicItem[]; withheld: Withheld[] } {
  const rumours = options.rumours ? publicRumourItems(options.rumours, options) : undefined;
  const items: PublicItem[] = rumours ? [...rumours.items] : [];
  const withheld: Withheld[] = rumours ? [...rumours.withheld] : [];
  for (const s of rows) {
    if (!s.isPublic) continue;
    if (options.excluded?.has(s.id)) {
      withheld.push({ id: s.id, reason: 'exclue par vous' });
      continue;
    }
    const claim = rumours?.carried.get(s.id);
    if (claim !== undefined && PUBLISHABLE[s.status] === 'rumeurs') {
      withheld.push({ id: s.id, reason: `publiée avec la rumeur « ${claim} »` });
      continue;
    }
    const out = toPublicItem(s, options.communes);
    if (isItem(out)) items.push(out);
    else withheld.push(out);
  }
  items.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : a.id < b.id ? -1 : 1));
  return { items, withheld };
}

/** How many informations the items make: a rumour placed in several communes is one information. */
export function informationCount(items: readonly PublicItem[]): number {
  const rumours = new Set<string>();
  let n = 0;
  for (const i of items) {
    if (i.rumourId === undefined) n++;
    else rumours.add(i.rumourId);
  }
  return n + rumours.size;
}
