// The gazetteer as it ships: resources/gazetteer/communes.json, compact JSON built by
// scripts/build-gazetteer.mjs, checked entry by entry as it is read (core/gazetteer.ts searches it).
import type { Commune } from './gazetteer';

const INSEE = /^(\d{2}|2[AB])\d{3}$/;
const DEPARTEMENT = /^(\d{2}|2[AB]|9[78]\d)$/;
const POSTAL = /^\d{5}$/;

/**
 * The communes of resources/gazetteer/communes.json: an array of
 * `{ i: INSEE, n: name, d: département, p: [postal codes], y: lat, x: lon, h: population, e?: error km }`.
 * Throws on anything else, naming the first bad entry (the file ships with the app: a bad one is a bug).
 */
export function parseGazetteer(raw: unknown): Commune[] {
  if (!Array.isArray(raw)) throw new Error('gazetteer: expected an array of communes');
  const out: Commune[] = new Array(raw.length);
  for (let k = 0; k < raw.length; k++) {
    const r: unknown = raw[k];
    const bad = (field: string) => new Error(`gazetteer: entry ${k} (${JSON.stringify(r)?.slice(0, 80)}): bad ${field}`);
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw bad('entry');
    const o = r as Record<string, unknown>;
    const { i, n, d, p, y, x, h, e } = o;
    if (typeof i !== 'string' || !INSEE.test(i)) throw bad('INSEE code (i)');
    if (typeof n !== 'string' || n.trim() === '') throw bad('name (n)');
    if (typeof d !== 'string' || !DEPARTEMENT.test(d) || !i.startsWith(d.slice(0, 2))) throw bad('département (d)');
    if (!Array.isArray(p) || !p.every((cp) => typeof cp === 'string' && POSTAL.test(cp))) throw bad('postal codes (p)');
    if (typeof y !== 'number' || !Number.isFinite(y) || y < -90 || y > 90) throw bad('latitude (y)');
    if (typeof x !== 'number' || !Number.isFinite(x) || x < -180 || x > 180) throw bad('longitude (x)');
    if (typeof h !== 'number' || !Number.isInteger(h) || h < 0) throw bad('population (h)');
    if (e !== undefined && (typeof e !== 'number' || !Number.isFinite(e) || e <= 0)) throw bad('error radius (e)');
    const commune: Commune = { insee: i, name: n, departement: d, postalCodes: p as string[], lat: y, lon: x, population: h };
    if (e !== undefined) commune.approximateKm = e as number;
    out[k] = commune;
  }
  return out;
}
