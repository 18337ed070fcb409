// French and English names for the vocabulary and the fields. The UI's i18n resources are built
// from these, so a label exists once.
import type { FieldName } from './sighting';
import type { AuthorKind, Category, Hazard, Platform, Precision, Priority, Role, Status } from './taxonomy';

export type Lang = 'fr' | 'en';
export type Labels<K extends string> = Record<K, { fr: string; en: string }>;

export const CATEGORY_LABELS: Labels<Category> = {
  secours: { fr: 'Demande de secours / personnes en danger', en: 'Rescue request / people in danger' },
  victimes: { fr: 'Victimes (blessés, décès)', en: 'Casualties (injured, dead)' },
  disparus: { fr: 'Personnes disparues ou retrouvées', en: 'Missing or found people' },
  degats: { fr: 'Dégâts aux bâtiments', en: 'Damage to buildings' },
  routes: { fr: 'Routes et transports coupés', en: 'Roads and transport cut' },
  reseaux: { fr: 'Réseaux (électricité, eau, télécoms)', en: 'Utilities (power, water, telecoms)' },
  alea: { fr: "Observation de l'aléa", en: 'Hazard observation' },
  evacuation: { fr: 'Évacuation et hébergement', en: 'Evacuation and shelter' },
  solidarite: { fr: 'Solidarité (offres, besoins, dons)', en: 'Solidarity (offers, needs, donations)' },
  consignes: { fr: 'Consignes et information officielle', en: 'Official instructions and information' },
  rumeur: { fr: 'Rumeur / désinformation', en: 'Rumour / misinformation' },
  medias: { fr: 'Médias', en: 'Media' },
  autre: { fr: 'Autre', en: 'Other' },
};

export const PRIORITY_LABELS: Labels<Priority> = {
  P1: { fr: 'P1 — vie en danger', en: 'P1 — life at risk' },
  P2: { fr: 'P2 — urgent', en: 'P2 — urgent' },
  P3: { fr: 'P3 — important', en: 'P3 — important' },
  P4: { fr: 'P4 — information', en: 'P4 — information' },
};

export const STATUS_LABELS: Labels<Status> = {
  nouveau: { fr: 'Nouveau', en: 'New' },
  en_verification: { fr: 'En vérification', en: 'Being verified' },
  confirme: { fr: 'Confirmé', en: 'Confirmed' },
  dementi: { fr: 'Démenti (rumeur)', en: 'Denied (rumour)' },
  doublon: { fr: 'Doublon', en: 'Duplicate' },
  transmis: { fr: 'Transmis au COD', en: 'Sent to the COD' },
  traite: { fr: 'Traité', en: 'Handled' },
  archive: { fr: 'Archivé', en: 'Archived' },
};

export const AUTHOR_KIND_LABELS: Labels<AuthorKind> = {
  citoyen: { fr: 'Citoyen', en: 'Citizen' },
  media: { fr: 'Média', en: 'Media' },
  officiel: { fr: 'Officiel', en: 'Official' },
  association: { fr: 'Association', en: 'Association' },
  inconnu: { fr: 'Inconnu', en: 'Unknown' },
};

export const PRECISION_LABELS: Labels<Precision> = {
  exacte: { fr: 'Exacte', en: 'Exact' },
  rue: { fr: 'Rue', en: 'Street' },
  commune: { fr: 'Commune', en: 'Municipality' },
  departement: { fr: 'Département', en: 'Département' },
  inconnue: { fr: 'Inconnue', en: 'Unknown' },
};

export const PLATFORM_LABELS: Labels<Platform> = {
  x: { fr: 'X (Twitter)', en: 'X (Twitter)' },
  facebook: { fr: 'Facebook', en: 'Facebook' },
  instagram: { fr: 'Instagram', en: 'Instagram' },
  youtube: { fr: 'YouTube', en: 'YouTube' },
  tiktok: { fr: 'TikTok', en: 'TikTok' },
  snapchat: { fr: 'Snapchat', en: 'Snapchat' },
  mastodon: { fr: 'Mastodon', en: 'Mastodon' },
  bluesky: { fr: 'Bluesky', en: 'Bluesky' },
  telegram: { fr: 'Telegram', en: 'Telegram' },
  whatsapp: { fr: 'WhatsApp', en: 'WhatsApp' },
  web: { fr: 'Site web', en: 'Website' },
  appel: { fr: 'Appel téléphonique', en: 'Phone call' },
  terrain: { fr: 'Remontée terrain', en: 'Field report' },
  autre: { fr: 'Autre', en: 'Other' },
};

export const HAZARD_LABELS: Labels<Hazard> = {
  inondation: { fr: 'Inondation', en: 'Flood' },
  tempete: { fr: 'Tempête', en: 'Storm' },
  cyclone: { fr: 'Cyclone', en: 'Cyclone' },
  seisme: { fr: 'Séisme', en: 'Earthquake' },
  feu_de_foret: { fr: 'Feu de forêt', en: 'Wildfire' },
  submersion: { fr: 'Submersion marine', en: 'Coastal flooding' },
  neige: { fr: 'Neige et verglas', en: 'Snow and ice' },
  canicule: { fr: 'Canicule', en: 'Heatwave' },
  industriel: { fr: 'Accident industriel', en: 'Industrial accident' },
  attentat: { fr: 'Attentat', en: 'Attack' },
  autre: { fr: 'Autre', en: 'Other' },
};

export const ROLE_LABELS: Labels<Role> = {
  veilleur: { fr: 'Veilleur (volontaire)', en: 'Watcher (volunteer)' },
  coordinateur: { fr: 'Coordinateur', en: 'Coordinator' },
  cod: { fr: 'COD (préfecture)', en: 'COD (prefecture)' },
};

export const FIELD_LABELS: Labels<FieldName> = {
  platform: { fr: 'Plateforme', en: 'Platform' },
  url: { fr: 'Lien', en: 'Link' },
  authorHandle: { fr: 'Auteur', en: 'Author' },
  authorKind: { fr: "Type d'auteur", en: 'Author kind' },
  postedAt: { fr: 'Publié le', en: 'Posted at' },
  text: { fr: 'Texte', en: 'Text' },
  mediaUrls: { fr: 'Médias (liens)', en: 'Media (links)' },
  placeText: { fr: 'Lieu', en: 'Place' },
  communeInsee: { fr: 'Code INSEE', en: 'INSEE code' },
  communeName: { fr: 'Commune', en: 'Municipality' },
  departement: { fr: 'Département', en: 'Département' },
  lat: { fr: 'Latitude', en: 'Latitude' },
  lon: { fr: 'Longitude', en: 'Longitude' },
  precision: { fr: 'Précision', en: 'Precision' },
  category: { fr: 'Catégorie', en: 'Category' },
  priority: { fr: 'Priorité', en: 'Priority' },
  status: { fr: 'Statut', en: 'Status' },
  assignee: { fr: 'Pris en charge par', en: 'Assignee' },
  verificationNotes: { fr: 'Notes de vérification', en: 'Verification notes' },
  duplicateOf: { fr: 'Doublon de', en: 'Duplicate of' },
  relatedIds: { fr: 'Remontées liées', en: 'Related sightings' },
  isPublic: { fr: 'Sur la carte publique', en: 'On the public map' },
  publicTitle: { fr: 'Titre public', en: 'Public title' },
  publicSummary: { fr: 'Résumé public', en: 'Public summary' },
};

/** The labels of every field whose values come from a vocabulary, by field. */
export const VOCABULARY_LABELS = {
  category: CATEGORY_LABELS,
  priority: PRIORITY_LABELS,
  status: STATUS_LABELS,
  platform: PLATFORM_LABELS,
  authorKind: AUTHOR_KIND_LABELS,
  precision: PRECISION_LABELS,
} as const;
