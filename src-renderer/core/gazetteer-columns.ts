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

/** The communes and their normalised names back from the columns, giving the page a turn every 2,000. */
export async function fromColumns(c: GazetteerColumns, maybeYield: () => Promise<void>): Promise<{ communes: Commune[]; names: string[] }> {
  const n = c.lat.length;
  const split = (s: string) => (n === 0 ? [] : s.split(SEP));
  const [insee, names, keys, deps, postal] = [split(c.insee), split(c.names), split(c.keys), split(c.departements), split(c.postalCodes)];
  if ([insee, names, keys, deps, postal].some((col) => col.length !== n) || [c.lon, c.population, c.approximateKm].some((col) => col.length !== n))
    throw new Error('gazetteer: columns of different lengths');
  const communes: Commune[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const commune: Commune = {
      insee: insee[i],
      name: names[i],
      departement: deps[i],
      postalCodes: postal[i] === '' ? [] : postal[i].split(' '),
      lat: c.lat[i],
      lon: c.lon[i],
      population: c.population[i],
    };
    if (!Number.isNaN(c.approximateKm[i])) commune.approximateKm = c.approximateKm[i];
    communes[i] = commune;
    if (i % 2000 === 1999) await maybeYield();
  }
  return { communes, names: keys };
}
