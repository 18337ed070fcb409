// Which sighting field each column of the team's table holds, guessed from its header (French first,
// English too, any order), then confirmed by the user.
import { FIELD_LABELS } from '../labels';
import { normalise } from '../search';
import type { FieldName } from '../sighting';

/** Where a column can go: a sighting field, or a part of one (date and time apart, "lat, lon" together, a postal code to find the commune). */
export const TARGETS = [
  'url',
  'text',
  'authorHandle',
  'authorKind',
  'platform',
  'postedAt',
  'time',
  'mediaUrls',
  'placeText',
  'communeName',
  'communeInsee',
  'postalCode',
  'departement',
  'lat',
  'lon',
  'coordinates',
  'precision',
  'category',
  'priority',
  'status',
  'assignee',
  'verificationNotes',
  'isPublic',
  'publicTitle',
  'publicSummary',
] as const;
export type Target = (typeof TARGETS)[number];
/** A column's mapping: a target, or null (ignored). */
export type ColumnMapping = (Target | null)[];

/** Several columns may feed these: their cells are joined (text with line breaks, media links as a list). */
export const MULTI_TARGETS: ReadonlySet<Target> = new Set(['text', 'verificationNotes', 'placeText', 'mediaUrls']);

/** The free-text vocabularies the user confirms value by value. */
export const ENUM_TARGETS = ['category', 'priority', 'status', 'platform', 'authorKind', 'precision'] as const;
export type EnumTarget = (typeof ENUM_TARGETS)[number];
export function isEnumTarget(t: Target | null): t is EnumTarget {
  return (ENUM_TARGETS as readonly string[]).includes(t ?? '');
}

const same = <K extends FieldName>(...keys: K[]) => Object.fromEntries(keys.map((k) => [k, FIELD_LABELS[k]])) as Record<K, { fr: string; en: string }>;

export const TARGET_LABELS: Record<Target, { fr: string; en: string }> = {
  // Worded for a spreadsheet's columns where the table's own label would be ambiguous.
  authorHandle: { fr: 'Auteur (compte)', en: 'Author (account)' },
  postedAt: { fr: 'Date (et heure) de publication', en: 'Posted at (date, time)' },
  time: { fr: 'Heure de publication', en: 'Posted at (time)' },
  postalCode: { fr: 'Code postal', en: 'Postal code' },
  coordinates: { fr: 'Coordonnées (lat, lon)', en: 'Coordinates (lat, lon)' },
  ...same('url', 'text', 'authorKind', 'platform', 'mediaUrls', 'placeText', 'communeName', 'communeInsee', 'departement', 'lat', 'lon'),
  ...same('precision', 'category', 'priority', 'status', 'assignee', 'verificationNotes', 'isPublic', 'publicTitle', 'publicSummary'),
};

/** Header words, normalised (no accents, lower case, single spaces), best-known first. */
const SYNONYMS: Record<Target, string[]> = {
  url: ['lien', 'url', 'link', 'lien source', 'lien du post', 'lien de la publication', 'lien du message', 'lien du tweet', 'permalien', 'permalink', 'source url', 'adresse web', 'lien internet'],
  text: ['texte', 'message', 'contenu', 'text', 'content', 'post', 'publication', 'texte du post', 'texte du message', 'tweet', 'description', 'name', 'nom du lieu', 'intitule', 'information', 'info', 'body', 'extrait'],
  authorHandle: ['auteur', 'compte', 'author', 'account', 'handle', 'pseudo', 'utilisateur', 'user', 'username', 'emetteur', 'auteur du post', 'compte source', 'publie par', 'posted by'],
  authorKind: ["type d auteur", 'type auteur', 'type de compte', 'type de source', 'author kind', 'author type', 'nature de la source', 'categorie d auteur'],
  platform: ['plateforme', 'reseau', 'reseau social', 'reseaux sociaux', 'platform', 'network', 'social network', 'media social', 'canal', 'rs', 'source'],
  postedAt: ['date', 'date et heure', 'date heure', 'date de publication', 'date du post', 'date du message', 'horodatage', 'publie le', 'posted at', 'posted', 'datetime', 'timestamp', 'date time', 'date time utc', 'created at', 'jour'],
  time: ['heure', 'time', 'horaire', 'heure de publication', 'heure du post', 'heure du message'],
  mediaUrls: ['medias', 'media', 'photo', 'photos', 'video', 'videos', 'image', 'images', 'lien media', 'liens medias', 'lien photo', 'media urls', 'media links', 'piece jointe', 'pieces jointes'],
  placeText: ['lieu', 'localisation', 'adresse', 'place', 'location', 'lieu precis', 'endroit', 'secteur', 'quartier', 'lieu dit', 'address', 'emplacement', 'zone'],
  communeName: ['commune', 'ville', 'city', 'municipality', 'localite', 'town', 'nom commune', 'nom de la commune', 'libelle commune'],
  communeInsee: ['code insee', 'insee', 'code commune', 'insee code', 'code insee commune', 'cog', 'code officiel geographique'],
  postalCode: ['code postal', 'cp', 'postal code', 'zip', 'zip code', 'postcode'],
  departement: ['departement', 'dept', 'dep', 'dpt', 'code departement', 'numero departement', 'n departement', 'department'],
  lat: ['latitude', 'lat', 'y', 'lat wgs84', 'latitude wgs84', 'latitude gps'],
  lon: ['longitude', 'lon', 'lng', 'long', 'x', 'lon wgs84', 'longitude wgs84', 'longitude gps'],
  coordinates: ['coordonnees', 'coordonnees gps', 'gps', 'coordinates', 'lat lon', 'lat long', 'lat lng', 'latitude longitude', 'position', 'geolocalisation', 'point gps', 'coords'],
  precision: ['precision', 'precision de localisation', 'precision localisation', 'precision du lieu', 'location precision'],
  category: ['categorie', 'category', 'type', 'theme', 'thematique', 'nature', "type d information", 'type de remontee', 'type d evenement', 'rubrique', 'sujet', 'classification'],
  priority: ['priorite', 'priority', 'urgence', 'niveau d urgence', 'importance', 'gravite', 'niveau', 'criticite', 'severity', 'severite'],
  status: ['statut', 'status', 'etat', 'etat de traitement', 'suivi', 'traitement', 'statut de verification', 'etat verification', 'state'],
  assignee: ['assigne a', 'assigne', 'pris en charge par', 'attribue a', 'responsable', 'assigned to', 'assignee', 'traite par', 'qui', 'operateur', 'charge de', 'en charge'],
  verificationNotes: ['notes', 'note', 'remarques', 'remarque', 'commentaire', 'commentaires', 'notes de verification', 'verification', 'verifications', 'observations', 'comments', 'comment', 'verification notes', 'source de verification'],
  isPublic: ['public', 'publique', 'carte publique', 'diffusable', 'a publier', 'publier', 'sur la carte publique', 'on public map', 'publish'],
  publicTitle: ['titre public', 'public title', 'titre pour le public', 'titre carte', 'titre', 'title'],
  publicSummary: ['resume public', 'public summary', 'resume pour le public', 'resume', 'summary'],
};

/** A header as compared: no accents, lower case, punctuation as spaces ("Assigné à" → "assigne a", "N° dépt." → "n dept"). */
export function headerKey(header: string): string {
  return normalise(header)
    .replace(/\bn°|\bno\b/g, 'n')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const EXACT = new Map<string, Target>();
for (const t of TARGETS) for (const s of SYNONYMS[t]) if (!EXACT.has(s)) EXACT.set(s, t);

/** How well a header names a target: 3 exact, 2 starts with a synonym's words, 1 contains them, 0 not at all. */
function score(key: string, target: Target): number {
  let best = 0;
  const spaced = ` ${key} `;
  for (const s of SYNONYMS[target]) {
    if (key === s) return 3;
    if (s.length < 3) continue; // "x", "y", "cp", "rs" only as whole headers
    if (key.startsWith(s + ' ')) best = Math.max(best, 2);
    else if (spaced.includes(` ${s} `)) best = Math.max(best, 1);
  }
  return best;
}

/**
 * The guessed target of each column. Each single-valued target goes to one column only (the best
 * match, then the leftmost); "Date" and "Heure" side by side become date and time.
 */
export function guessColumns(header: readonly string[]): ColumnMapping {
  const keys = header.map(headerKey);
  const candidates = keys.map((key) => {
    const exact = EXACT.get(key);
    if (exact) return { target: exact as Target | null, score: 3 };
    let best: { target: Target | null; score: number } = { target: null, score: 0 };
    for (const t of TARGETS) {
      const s = score(key, t);
      if (s > best.score) best = { target: t, score: s };
    }
    return best;
  });
  const mapping: ColumnMapping = candidates.map((c) => c.target);
  // One column per single-valued target: the best score wins, then the first.
  for (const t of TARGETS) {
    if (MULTI_TARGETS.has(t)) continue;
    const cols = mapping.map((m, i) => (m === t ? i : -1)).filter((i) => i >= 0);
    if (cols.length < 2) continue;
    const keep = cols.reduce((a, b) => (candidates[b].score > candidates[a].score ? b : a));
    for (const i of cols) if (i !== keep) mapping[i] = null;
  }
  return mapping;
}

/** What a mapping misses to make sightings: at least a link or a text (French, for the user), or "". */
export function missingColumns(mapping: ColumnMapping): string {
  const has = (t: Target) => mapping.includes(t);
  if (!has('url') && !has('text')) return 'il faut au moins une colonne « Lien » ou « Texte »';
  if (has('lat') !== has('lon')) return has('lat') ? 'une colonne « Latitude » sans colonne « Longitude »' : 'une colonne « Longitude » sans colonne « Latitude »';
  if (has('time') && !has('postedAt')) return 'une colonne « Heure » sans colonne « Date »';
  return '';
}
