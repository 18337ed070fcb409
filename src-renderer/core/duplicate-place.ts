// "Same place": two sightings in one commune, or within about a kilometre when both were placed
// precisely, seen close in time. A sighting placed "commune" sits on the commune's point, which says
// nothing about where in the commune it was: only precise positions (exacte, rue) are compared by
// distance.
import type { Precision } from './taxonomy';

/** Farther than this, two precise positions are not "the same place". */
export const NEAR_METERS = 1000;
/** Further apart in time than this, the same place is a new event, not a repost. */
export const PLACE_WINDOW_MINUTES = 60;

/** Grid cells of 0.01° (about 1.1 km north–south, 0.8 km east–west in France). */
const CELL = 0.01;
const ROW = 40000; // > 360 / CELL: a row of cells per latitude band

export function isPrecise(precision: Precision): boolean {
  return precision === 'exacte' || precision === 'rue';
}

export function cellOf(lat: number, lon: number): number {
  return Math.floor(lat / CELL) * ROW + Math.floor(lon / CELL);
}

/** The cells that may hold a point within NEAR_METERS of (lat, lon), up to 60° of latitude. */
export function cellsAround(lat: number, lon: number): number[] {
  const la = Math.floor(lat / CELL);
  const lo = Math.floor(lon / CELL);
  const out: number[] = [];
  for (let dy = -1; dy <= 1; dy++) for (let dx = -2; dx <= 2; dx++) out.push((la + dy) * ROW + lo + dx);
  return out;
}

/** Great-circle distance in metres (haversine; plenty for a kilometre). */
export function distanceMeters(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371000 * Math.asin(Math.min(1, Math.sqrt(h)));
}
