// Coordinates as people type them: decimal ("44.1036, 1.0846", "44,1036 1,0846" the French way)
// or degrees-minutes-seconds ("44°06'13\"N 1°05'05\"E", "N 44 6.2 E 1 5.08"). Latitude first.
export interface LatLon {
  lat: number;
  lon: number;
}

export class CoordinateError extends Error {}

const HEMI = /[NSEOW]/i;

function dmsToDecimal(part: string): { value: number; hemi?: string } {
  const hemi = part.match(HEMI)?.[0].toUpperCase();
  const numbers = part.replace(HEMI, ' ').match(/[-+]?\d+(?:[.,]\d+)?/g)?.map((n) => Number(n.replace(',', '.'))) ?? [];
  if (!numbers.length || numbers.length > 3) throw new CoordinateError('coordonnées illisibles');
  const [d, m = 0, s = 0] = numbers;
  if (m < 0 || m >= 60 || s < 0 || s >= 60) throw new CoordinateError('minutes et secondes vont de 0 à 59');
  const sign = d < 0 || hemi === 'S' || hemi === 'W' || hemi === 'O' ? -1 : 1;
  return { value: sign * (Math.abs(d) + m / 60 + s / 3600), hemi };
}

/** Splits "lat, lon" in its two halves, whatever the separators (a French decimal comma included). */
function halves(text: string): [string, string] {
  const t = text.trim().replace(/\s+/g, ' ');
  const byHemi = t.match(/^(.*?[NS])\s*[,;]?\s*(.*[EOW])$/i) ?? t.match(/^([NS].*?)\s*[,;]?\s*([EOW].*)$/i);
  if (byHemi) return [byHemi[1], byHemi[2]];
  const bySemicolon = t.split(';');
  if (bySemicolon.length === 2) return [bySemicolon[0], bySemicolon[1]];
  // "44.1, 1.08" or "44,1 1,08" or "44.1 1.08"
  const decimalDot = t.match(/^([-+]?\d+(?:\.\d+)?)\s*[, ]\s*([-+]?\d+(?:\.\d+)?)$/);
  if (decimalDot) return [decimalDot[1], decimalDot[2]];
  const decimalComma = t.match(/^([-+]?\d+(?:,\d+)?)\s+([-+]?\d+(?:,\d+)?)$/);
  if (decimalComma) return [decimalComma[1], decimalComma[2]];
  throw new CoordinateError('écrivez la latitude puis la longitude, par ex. « 44.1036, 1.0846 » ou « 44°06′N 1°05′E »');
}

export function parseCoordinates(text: string): LatLon {
  const [a, b] = halves(text.replace(/[′’']/g, "'").replace(/[″”"]/g, '"'));
  const lat = dmsToDecimal(a);
  const lon = dmsToDecimal(b);
  if (lat.hemi && !/[NS]/.test(lat.hemi)) throw new CoordinateError('la latitude vient en premier (N ou S)');
  if (Math.abs(lat.value) > 90) throw new CoordinateError('latitude hors limites (−90 à 90)');
  if (Math.abs(lon.value) > 180) throw new CoordinateError('longitude hors limites (−180 à 180)');
  return { lat: round(lat.value), lon: round(lon.value) };
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** "44.10360° N, 1.08460° E" */
export function formatCoordinates({ lat, lon }: LatLon): string {
  return `${Math.abs(lat).toFixed(5)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(5)}° ${lon >= 0 ? 'E' : 'O'}`;
}

/** Great-circle distance in km (haversine, mean Earth radius): enough to tell 5 km from 500. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
