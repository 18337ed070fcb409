// What one public item is (a sighting's, or a rumour's in one commune), what was withheld and why,
// and how the export finds commune centres: shared by the public subset and the public rumours.
import type { Category, Precision } from '../taxonomy';

/** The two layers of the public map. */
export type PublicLayer = 'confirmees' | 'rumeurs';
export const PUBLIC_LAYERS: readonly PublicLayer[] = ['confirmees', 'rumeurs'];
export const PUBLIC_LAYER_LABELS: Record<PublicLayer, string> = {
  confirmees: 'Informations confirmées',
  rumeurs: 'Rumeurs démenties',
};

export interface PublicItem {
  /** The sighting's id (random, says nothing about anyone); lets the review dialog point back at it. */
  id: string;
  layer: PublicLayer;
  title: string;
  /** For a denied rumour: the official correction. */
  summary: string;
  category: Category;
  categoryLabel: string;
  /** ISO time: when the post was made, else when it was captured. */
  time: string;
  communeInsee: string;
  communeName: string;
  departement: string;
  lat: number | null;
  lon: number | null;
  /** The precision of the published point (commune where the exact place may not go out). */
  precision: Precision;
  precisionLabel: string;
  /** The link of an official or media post; never a citizen's. For a rumour: the official correction's link. */
  source: string;
  /**
   * Set on the items of a rumour record (public-rumours.ts): one item per commune where it circulated,
   * all with the same rumour id. Absent on a sighting's item.
   */
  rumourId?: string;
}

/** The commune centres the export may use (the gazetteer, behind this small interface). */
export interface CommuneLookup {
  byInsee(insee: string): { insee: string; name: string; departement: string; lat: number; lon: number } | undefined;
  /** The commune whose centre is nearest this point, if any near enough. */
  nearest?(lat: number, lon: number): { insee: string; name: string; departement: string; lat: number; lon: number } | undefined;
}

/** Why a public-marked sighting (or rumour) is not in the file (shown in the review). */
export interface Withheld {
  id: string;
  reason: string;
  /** A rumour's claim (a sighting's title is read from the sighting). */
  title?: string;
}
