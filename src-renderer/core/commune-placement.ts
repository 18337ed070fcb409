// From a sighting's place to a commune, and back to how sure that point is: the capture and the
// import read the commune a free-text place names; the map and the place editor show an estimated
// point with its error radius (core/gazetteer.ts holds the communes and their points).
import { CODE, nameKey, type Commune, type Gazetteer } from './gazetteer';

/**
 * The commune a free-text place names, when it starts with a commune's exact name: "Moissac, quai du Port",
 * "Moissac quai du Port", "Saint-Étienne". Only whole names: the longest run of leading words that is a
 * commune's name. A commune of the crisis's département is taken whenever one fits; a commune elsewhere only
 * when its name is all the place says before a comma ("Lyon", "Lyon, place Bellecour"), so that "Port de
 * Moissac" is not placed in Port (Ain).
 */
export function communeFromPlace(g: Gazetteer, place: string, departement?: string): Commune | undefined {
  const segment = nameKey(place.split(/[,;:(\n]/)[0] ?? '');
  const words = segment.split(' ').filter((w) => w !== '' && !CODE.test(w));
  const dep = departement?.toUpperCase();
  for (let n = Math.min(words.length, 8); n > 0; n--) {
    const name = words.slice(0, n).join(' ');
    const exact = g.search(name, { departement: dep, limit: 50 }).filter((c) => nameKey(c.name) === name);
    if (exact.length === 0) continue;
    const inCrisis = dep ? exact.find((c) => c.departement === dep) : undefined;
    if (inCrisis) return inCrisis;
    if (n === words.length) return exact[0];
  }
  return undefined;
}

/** What the map and the place editor need to show an estimated placement honestly. */
export interface PlacementEstimate {
  lat: number;
  lon: number;
  /** Error radius in km (the gazetteer's `e`), rounded up to a whole km for display. */
  km: number;
}

/**
 * A sighting placed at its commune's estimated point (precision "commune", the point the gazetteer
 * estimated for that INSEE code): where it is and how far off it may be. Null for any other placement
 * (exact, street, a commune whose point is its own or official, or moved since).
 */
export function placementEstimate(
  g: Gazetteer,
  s: { precision: string; communeInsee: string; lat: number | null; lon: number | null },
): PlacementEstimate | null {
  if (s.precision !== 'commune' || !s.communeInsee || s.lat === null || s.lon === null) return null;
  const km = g.estimateAt(s.communeInsee, s.lat, s.lon);
  return km === undefined ? null : { lat: s.lat, lon: s.lon, km: Math.max(1, Math.ceil(km)) };
}
