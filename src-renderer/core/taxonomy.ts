// The crisis cell's vocabulary as data: categories, priorities, statuses and the moves between them.
// Ids are short, stable and French (they are stored in every copy of every crisis: never rename one).

/** Adapted from the humanitarian information types of CrisisLex / CrisisNLP / TREC-IS. */
export const CATEGORIES = [
  'secours', // demande de secours, personnes en danger
  'victimes',
  'disparus',
  'degats',
  'routes',
  'reseaux',
  'alea',
  'evacuation',
  'solidarite',
  'consignes',
  'rumeur',
  'medias',
  'autre',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** P1: life at risk now … P4: information. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const STATUSES = [
  'nouveau',
  'en_verification',
  'confirme',
  'dementi',
  'doublon',
  'transmis',
  'traite',
  'archive',
] as const;
export type Status = (typeof STATUSES)[number];

export const AUTHOR_KINDS = ['citoyen', 'media', 'officiel', 'association', 'inconnu'] as const;
export type AuthorKind = (typeof AUTHOR_KINDS)[number];

export const PRECISIONS = ['exacte', 'rue', 'commune', 'departement', 'inconnue'] as const;
export type Precision = (typeof PRECISIONS)[number];

export const PLATFORMS = [
  'x',
  'facebook',
  'instagram',
  'youtube',
  'tiktok',
  'snapchat',
  'mastodon',
  'bluesky',
  'telegram',
  'whatsapp',
  'web',
  'appel',
  'terrain',
  'autre',
] as const;
export type Platform = (typeof PLATFORMS)[number];

export const HAZARDS = [
  'inondation',
  'tempete',
  'cyclone',
  'seisme',
  'feu_de_foret',
  'submersion',
  'neige',
  'canicule',
  'industriel',
  'attentat',
  'autre',
] as const;
export type Hazard = (typeof HAZARDS)[number];

export const ROLES = ['veilleur', 'coordinateur', 'cod'] as const;
export type Role = (typeof ROLES)[number];

const REOPEN: Status[] = ['nouveau', 'en_verification'];
/**
 * Where a sighting may go from each status. Archiving is always possible (it is how a sighting is
 * "deleted"), and an archived sighting may go back anywhere, so every archive can be undone.
 */
export const TRANSITIONS: Record<Status, readonly Status[]> = {
  nouveau: ['en_verification', 'confirme', 'dementi', 'doublon', 'transmis', 'archive'],
  en_verification: ['nouveau', 'confirme', 'dementi', 'doublon', 'transmis', 'archive'],
  confirme: ['en_verification', 'dementi', 'transmis', 'traite', 'archive'],
  dementi: [...REOPEN, 'traite', 'archive'],
  doublon: [...REOPEN, 'archive'],
  transmis: ['en_verification', 'traite', 'archive'],
  traite: ['en_verification', 'archive'],
  archive: ['nouveau', 'en_verification', 'confirme', 'dementi', 'doublon', 'transmis', 'traite'],
};

export function canTransition(from: Status, to: Status): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}
