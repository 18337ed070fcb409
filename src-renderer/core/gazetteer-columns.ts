// The gazetteer's 35,000 communes as a few columns, to cross from a worker to the page cheaply: five
// strings and four Float64Arrays (transferred) instead of 35,000 objects to clone. The worker
// (map/gazetteer-worker.ts) parses the shipped file and normalises the names there; the page
// rebuilds the communes from the columns in slices (fromColumns) and indexes them (Gazetteer.build).
import { nameKey, populationOrder, type Commune } from './gazetteer';

export interface GazetteerColumns {
  /** One entry per commune, separated by "\n" (no entry holds one: toColumns checks). */
  insee: string;
  names: string;
  /** The names normalised for search (nameKey). */
  keys: string;
  departements: string;
  /** A commune's postal codes separated by spaces. */
  postalCodes: string;
  lat: Float64Array;
  lon: Float64Array;
  population: Float64Array;
  /** NaN where the point is not an estimate. */
  approximateKm: Float64Array;
  /** Positions of the communes, most populated first (populationOrder). */
  byPopulation: Uint32Array;
}

const SEP = '\n';

function joined(values: string[], what: string): string {
  for (const v of values) if (v.includes(SEP)) throw new Error(`gazetteer: a line break in a ${what}`);
  return values.join(SEP);
}

export function toColumns(communes: readonly Commune[]): GazetteerColumns {
  return {
    insee: joined(communes.map((c) => c.insee), 'code'),
    names: joined(communes.map((c) => c.name), 'name'),
    keys: joined(communes.map((c) => nameKey(c.name)), 'name'),
    departements: joined(communes.map((c) => c.departement), 'département'),
    postalCodes: joined(communes.map((c) => c.postalCodes.join(' ')), 'postal code'),
    lat: Float64Array.from(communes, (c) => c.lat),
    lon: Float64Array.from(communes, (c) => c.lon),
    population: Float64Array.from(communes, (c) => c.population),
    approximateKm: Float64Array.from(communes, (c) => c.approximateKm ?? NaN),
    byPopulation: populationOrder(communes),
  };
}

/** The buffers to transfer with the columns. */
export function columnBuffers(c: GazetteerColumns): ArrayBuffer[] {
  return [c.lat.buffer, c.lon.buffer, c.population.buffer, c.approximateKm.buffer, c.byPopulation.buffer] as ArrayBuffer[];
}

/**
 * The communes and their normalised names back from the columns, giving the page a turn every 2,000.
 * Each column is read line by line as the communes are built: splitting the five columns at once
 * (175,000 strings) was one task of 40–90 ms on the page, right while a crisis opens.
 */
export async function fromColumns(c: GazetteerColumns, maybeYield: () => Promise<void>): Promise<{ communes: Commune[]; names: string[] }> {
  const n = c.lat.length;
  if ([c.lon, c.population, c.approximateKm].some((col) => col.length !== n)) throw new Error('gazetteer: columns of different lengths');
  const [insee, names, keys, deps, postal] = [c.insee, c.names, c.keys, c.departements, c.postalCodes].map((s) => lines(s, n));
  const communes: Commune[] = new Array(n);
  const keyList: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const codes = postal!.next();
    const commune: Commune = {
      insee: insee!.next(),
      name: names!.next(),
      departement: deps!.next(),
      postalCodes: codes === '' ? [] : codes.split(' '),
      lat: c.lat[i]!,
      lon: c.lon[i]!,
      population: c.population[i]!,
    };
    if (!Number.isNaN(c.approximateKm[i])) commune.approximateKm = c.approximateKm[i];
    communes[i] = commune;
    keyList[i] = keys!.next();
    if (i % 2000 === 1999) await maybeYield();
  }
  if (![insee, names, keys, deps, postal].every((col) => col!.exact())) throw new Error('gazetteer: columns of different lengths');
  return { communes, names: keyList };
}

/** A column's `n` entries, one at a time; `exact()`: it held exactly `n`. */
function lines(s: string, n: number): { next(): string; exact(): boolean } {
  let at = 0;
  let read = 0;
  let over = false;
  return {
    next() {
      if (at > s.length || (n === 0 && !s)) {
        over = true;
        return '';
      }
      read++;
      const end = s.indexOf(SEP, at);
      const line = s.slice(at, end < 0 ? s.length : end);
      at = end < 0 ? s.length + 1 : end + 1;
      return line;
    },
    exact: () => !over && read === n && (n === 0 ? !s : at === s.length + 1),
  };
}
