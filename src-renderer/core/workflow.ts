// The crisis cell's workflow vocabulary: verification checks and verdicts, what the COD did with a
// forwarded sighting, rumour verdicts. Labels are French first (the words of an ESOV and a COD).
import type { Labels } from './labels';

/** The checks a volunteer records on a sighting (each one signed, with who and when). */
export const CHECKS = ['source', 'autres_sources', 'image_inversee', 'geolocalisation', 'confirmation_officielle'] as const;
export type Check = (typeof CHECKS)[number];

export const CHECK_LABELS: Labels<Check> = {
  source: { fr: 'Source identifiée', en: 'Source identified' },
  autres_sources: { fr: 'Autres sources indépendantes', en: 'Other independent sources' },
  image_inversee: { fr: "Recherche d'image inversée", en: 'Reverse image search' },
  geolocalisation: { fr: 'Géolocalisation vérifiée', en: 'Geolocation checked' },
  confirmation_officielle: { fr: 'Confirmation officielle', en: 'Official confirmation' },
};

export const VERDICTS = ['confirme', 'dementi', 'non_verifiable'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABELS: Labels<Verdict> = {
  confirme: { fr: 'Confirmé', en: 'Confirmed' },
  dementi: { fr: 'Démenti', en: 'Debunked' },
  non_verifiable: { fr: 'Non vérifiable', en: 'Unverifiable' },
};

/** What the COD did with a forwarded sighting. */
export const ACTIONS = ['engage_moyens', 'transmis_sdis', 'transmis_gendarmerie', 'transmis_mairie', 'sans_suite', 'autre'] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Labels<Action> = {
  engage_moyens: { fr: 'Moyens engagés', en: 'Resources committed' },
  transmis_sdis: { fr: 'Transmis au SDIS', en: 'Passed to the fire service' },
  transmis_gendarmerie: { fr: 'Transmis à la gendarmerie', en: 'Passed to the gendarmerie' },
  transmis_mairie: { fr: 'Transmis à la mairie', en: 'Passed to the town hall' },
  sans_suite: { fr: 'Sans suite', en: 'No further action' },
  autre: { fr: 'Autre', en: 'Other' },
};

export const RUMOUR_VERDICTS = ['non_verifiee', 'fausse', 'vraie', 'trompeuse'] as const;
export type RumourVerdict = (typeof RUMOUR_VERDICTS)[number];

export const RUMOUR_VERDICT_LABELS: Labels<RumourVerdict> = {
  non_verifiee: { fr: 'Non vérifiée', en: 'Unverified' },
  fausse: { fr: 'Fausse', en: 'False' },
  vraie: { fr: 'Vraie', en: 'True' },
  trompeuse: { fr: 'Trompeuse', en: 'Misleading' },
};

/** A debunked rumour (false or misleading) may be shown on the public map's "Rumeurs démenties" layer. */
export function isDebunked(verdict: RumourVerdict): boolean {
  return verdict === 'fausse' || verdict === 'trompeuse';
}
