// The offline gazetteer of French communes (metropolitan and overseas): search as you type by name, postal
// code or INSEE code, and the commune's point. Data: resources/gazetteer/communes.json, built by
// scripts/build-gazetteer.mjs (sources and licences in resources/gazetteer/LICENCE.md).
import { normalise } from './search';

export interface Commune {
  insee: string;
  name: string;
  departement: string;
  postalCodes: string[];
  lat: number;
  lon: number;
  population: number;
  /** Present when the point is an estimate (the commune is not in GeoNames' cities500: mostly villages
   *  under 500 inhabitants): its error radius in km, which 90 % of such estimates stay within. Absent: the
   *  point is the commune's own GeoNames point (its centre, usually the mairie's village). */
  approximateKm?: number;
  /** The point comes from an official file a coordinator imported on this copy (officialPositions). */
  official?: boolean;
}

/** A commune's position from an official file (core/commune-positions.ts parses one). */
export interface OfficialPosition {
  insee: string;
  lat: number;
  lon: number;
}

/** The label grid's cell size in degrees, and the most cells a view looks through before scanning all. */
const GRID = 0.25;
const MAX_CELLS = 2000;
const cell = (deg: number) => Math.floor((deg + 360) / GRID);

/** Two points this close (degrees, ~10 m) are the same placement. */
const SAME_POINT = 1e-4;

export interface SearchOptions {
  /** The crisis's département: its communes come first among equally good matches. */
  departement?: string;
  /** At most this many results (default 10). */
  limit?: number;
}

const DEFAULT_LIMIT = 10;

// Match classes, best first.
const EXACT = 0; // the whole name, or the INSEE code or a postal code
const PREFIX = 1; // the name starts with the query
const WORDS = 2; // every word of the query starts a word of the name, or a code starts with the digits

/** A code or the start of one, as typed: département ("26", "2a", "974"), postal or INSEE ("82200", "2a004"). */
export const CODE = /^(\d{1,5}|2[ab]\d{0,3})$/;

/** What search needs, built from the communes and their normalised names (see `Gazetteer.build`). */
interface Index {
  /** Normalised names, and the same with a leading space (to find " word" starts). */
  names: string[];
  spaced: string[];
  insee: Map<string, number>;
  postal: Map<string, number[]>;
  /** Communes by the first one and two characters of each word of their normalised name. */
  wordStarts: Map<string, Int32Array>;
  /** Positions of the communes, most populated first (`populationOrder`), when given. */
  byPopulation?: Uint32Array;
}

/** Positions of the communes, most populated first (equal populations: in file order). */
export function populationOrder(communes: readonly Commune[]): Uint32Array {
  const order = Array.from(communes.keys()).sort((a, b) => communes[b].population - communes[a].population);
  return Uint32Array.from(order);
}

/** Indexes communes from..to − 1 into `index` (word starts gathered in `starts`). */
function indexRange(index: Index, communes: readonly Commune[], from: number, to: number, starts: Map<string, number[]>): void {
  for (let i = from; i < to; i++) {
    const c = communes[i];
    index.spaced[i] = ' ' + index.names[i];
    index.insee.set(c.insee, i);
    for (const cp of c.postalCodes) {
      const list = index.postal.get(cp);
      if (list) list.push(i);
      else index.postal.set(cp, [i]);
    }
    const keys = new Set<string>();
    for (const w of index.names[i].split(' ')) {
      if (!w) continue;
      keys.add(w.slice(0, 1));
      if (w.length > 1) keys.add(w.slice(0, 2));
    }
    for (const k of keys) {
      const list = starts.get(k);
      if (list) list.push(i);
      else starts.set(k, [i]);
    }
  }
}

const emptyIndex = (names: string[]): Index => ({ names, spaced: new Array<string>(names.length), insee: new Map(), postal: new Map(), wordStarts: new Map() });

function sealStarts(index: Index, starts: Map<string, number[]>): void {
  for (const [k, list] of starts) index.wordStarts.set(k, Int32Array.from(list));
}

export class Gazetteer {
  readonly size: number;
  private readonly communes: readonly Commune[];
  private readonly names: string[];
  private readonly spaced: string[];
  private readonly insee: Map<string, number>;
  private readonly postal: Map<string, number[]>;
  private readonly wordStarts: Map<string, Int32Array>;

  /** Built in one go (tests, tools; the app uses `build`). `index`: already built by `build`. */
  constructor(communes: Commune[], index?: Index) {
    this.communes = communes;
    this.size = communes.length;
    if (!index) {
      index = emptyIndex(communes.map((c) => nameKey(c.name)));
      const starts = new Map<string, number[]>();
      indexRange(index, communes, 0, communes.length, starts);
      sealStarts(index, starts);
    }
    ({ names: this.names, spaced: this.spaced, insee: this.insee, postal: this.postal, wordStarts: this.wordStarts } = index);
    if (index.byPopulation) this.sortedByPopulation = Array.from(index.byPopulation, (i) => communes[i]);
  }

  /**
   * The same, indexed in slices that give the page a turn between them (35,000 communes are a few
   * hundred ms of work while a crisis opens). `names`: their normalised names (`nameKey`), computed
   * off the page by gazetteer-worker.ts, like `byPopulation` (populationOrder: the map's labels
   * would otherwise sort the 35,000 communes when they first draw).
   */
  static async build(communes: Commune[], names: string[], maybeYield: () => Promise<void>, byPopulation?: Uint32Array): Promise<Gazetteer> {
    if (names.length !== communes.length || (byPopulation && byPopulation.length !== communes.length)) throw new Error('gazetteer: one normalised name per commune');
    const index: Index = { ...emptyIndex(names), byPopulation };
    const starts = new Map<string, number[]>();
    for (let from = 0; from < communes.length; from += 500) {
      indexRange(index, communes, from, Math.min(communes.length, from + 500), starts);
      await maybeYield();
    }
    sealStarts(index, starts);
    return new Gazetteer(communes, index);
  }

  /**
   * The most populated communes inside a box (map labels), largest first. Through a grid of
   * GRID-degree cells holding communes by population rank: a view over a département looks at a few
   * hundred communes, not all 35,000 (a scan of them all was the commune labels' cost at each zoom).
   */
  largestIn(south: number, west: number, north: number, east: number, limit: number): Commune[] {
    const grid = this.grid;
    const [x0, x1, y0, y1] = [cell(west), cell(east), cell(south), cell(north)];
    const inside: Commune[] = [];
    const within = (c: Commune) => c.lat >= south && c.lat <= north && c.lon >= west && c.lon <= east;
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS) {
      // A whole country in view: the largest communes come first anyway.
      for (const c of this.byPopulation) if (within(c) && inside.push(c) >= limit) break;
      return inside;
    }
    const ranks: number[] = [];
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) for (const r of grid.get(x * 4096 + y) ?? []) ranks.push(r);
    ranks.sort((a, b) => a - b);
    const byPopulation = this.byPopulation;
    for (const r of ranks) if (within(byPopulation[r]) && inside.push(byPopulation[r]) >= limit) break;
    return inside;
  }

  /** Cell → ranks (positions in byPopulation) of the communes in it, built on first use. */
  private get grid(): Map<number, number[]> {
    if (this.cells) return this.cells;
    const cells = new Map<number, number[]>();
    this.byPopulation.forEach((c, r) => {
      const k = cell(c.lon) * 4096 + cell(c.lat);
      const list = cells.get(k);
      if (list) list.push(r);
      else cells.set(k, [r]);
    });
    return (this.cells = cells);
  }
  private cells: Map<number, number[]> | undefined;

  private get byPopulation(): readonly Commune[] {
    this.sortedByPopulation ??= Array.from(populationOrder(this.communes), (i) => this.communes[i]);
    return this.sortedByPopulation;
  }
  private sortedByPopulation: Commune[] | undefined = undefined;

  /**
   * Positions from an official file replace the shipped ones on this copy (the estimates above all).
   * The shipped estimate is remembered: a sighting placed at it before the import still shows its
   * uncertainty (estimateAt).
   */
  applyOfficial(positions: readonly OfficialPosition[]): void {
    this.cells = undefined; // the label grid is rebuilt from the new points
    for (const p of positions) {
      const c = this.byInsee(p.insee);
      if (!c) continue;
      if (c.approximateKm !== undefined && !this.estimates.has(c.insee)) this.estimates.set(c.insee, { lat: c.lat, lon: c.lon, km: c.approximateKm });
      c.lat = p.lat;
      c.lon = p.lon;
      c.official = true;
      delete c.approximateKm;
    }
  }
  private readonly estimates = new Map<string, { lat: number; lon: number; km: number }>();

  /**
   * The error radius (km) of a placement at a commune's estimated point: when the commune's shipped
   * position is an estimate and (lat, lon) is that point. Undefined for an exact or official point.
   */
  estimateAt(insee: string, lat: number, lon: number): number | undefined {
    const c = this.byInsee(insee);
    if (!c) return undefined;
    const e = this.estimates.get(c.insee) ?? (c.approximateKm !== undefined ? { lat: c.lat, lon: c.lon, km: c.approximateKm } : undefined);
    if (!e || Math.abs(e.lat - lat) > SAME_POINT || Math.abs(e.lon - lon) > SAME_POINT) return undefined;
    return e.km;
  }

  byInsee(code: string): Commune | undefined {
    const i = this.insee.get(code.trim().toUpperCase());
    return i === undefined ? undefined : this.communes[i];
  }

  /**
   * Search as you type, ignoring accents, case, hyphens and apostrophes ("st etienne" finds Saint-Étienne):
   * a name, a postal code ("82200"), an INSEE code ("82112"), the start of a code ("822"), or a name
   * with a département or postal code ("valence 26", "saint-denis 974"). Ranked: exact name (or INSEE
   * code, or postal code) first, then names starting with the query, then names
   * whose words start with the query's words in any order ("etienne" finds Saint-Étienne; or codes
   * starting with the digits); within each, the crisis's département first, then the larger population.
   */
  search(query: string, options: SearchOptions = {}): Commune[] {
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT));
    if (limit === 0 || typeof query !== 'string') return [];
    // Words of letters (and digits inside names), and codes: "2a004", "82200", "26", "822".
    const tokens = nameKey(query)
      .split(' ')
      .filter((t) => t !== '');
    if (tokens.length === 0) return [];
    const top = new TopK(limit, this.communes, options.departement?.toUpperCase());
    const words = tokens.filter((t) => !CODE.test(t));
    const codes = tokens.filter((t) => CODE.test(t)).map((t) => t.toUpperCase());

    if (words.length === 0) {
      if (codes.length === 1) this.searchCode(codes[0], top);
      return top.results();
    }

    const name = words.join(' ');
    // Every match has, for each query word, a word of its name starting with it: scan the smallest list.
    let candidates: Int32Array | undefined;
    for (const w of words) {
      const list = this.wordStarts.get(w.slice(0, 2));
      if (!list) return [];
      if (!candidates || list.length < candidates.length) candidates = list;
    }
    const needles = words.map((w) => ' ' + w);
    for (const i of candidates!) {
      const n = this.names[i];
      let cls: number;
      if (n === name) cls = EXACT;
      else if (n.startsWith(name)) cls = PREFIX;
      else {
        const s = this.spaced[i];
        if (!needles.every((needle) => s.includes(needle))) continue;
        cls = WORDS;
      }
      // A code after the name narrows: "valence 26", "saint-denis 974", "moissac 82200".
      if (codes.length && !codes.every((code) => hasCode(this.communes[i], code))) continue;
      top.offer(i, cls);
    }
    return top.results();
  }

  /** Digits alone: a full code is an INSEE code, then a postal code; fewer digits ("822", being typed) match
   *  the codes that start with them. */
  private searchCode(code: string, top: TopK): void {
    if (code.length === 5) {
      const i = this.insee.get(code);
      if (i !== undefined) top.offer(i, EXACT);
      // As good as the INSEE code: 13008 is Aurons' INSEE code and a postal code of Marseille.
      for (const j of this.postal.get(code) ?? []) top.offer(j, EXACT);
      return;
    }
    if (code.length < 2) return; // one digit matches a tenth of France
    this.communes.forEach((c, i) => {
      if (c.insee.startsWith(code) || c.postalCodes.some((cp) => cp.startsWith(code))) top.offer(i, WORDS);
    });
  }
}

/** normalise (accents, case, hyphens, apostrophes, "st") and only letters, digits and single spaces. */
export function nameKey(s: string): string {
  return normalise(s)
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

/** A département, INSEE or postal code, or the start of one. */
function hasCode(c: Commune, code: string): boolean {
  return c.departement === code || c.insee.startsWith(code) || c.postalCodes.some((cp) => cp.startsWith(code));
}

/** The best `limit` communes seen so far, in order: class, the preferred département, population, code. */
class TopK {
  private readonly items: { i: number; rank: number }[] = [];
  constructor(
    private readonly limit: number,
    private readonly communes: readonly Commune[],
    private readonly departement: string | undefined,
  ) {}

  offer(i: number, cls: number): void {
    const c = this.communes[i];
    const rank = cls * 2 + (this.departement !== undefined && c.departement !== this.departement ? 1 : 0);
    const items = this.items;
    if (items.some((it) => it.i === i)) return;
    if (items.length === this.limit && !this.before(i, rank, items[items.length - 1])) return;
    let at = items.length;
    while (at > 0 && this.before(i, rank, items[at - 1])) at--;
    items.splice(at, 0, { i, rank });
    if (items.length > this.limit) items.pop();
  }

  private before(i: number, rank: number, other: { i: number; rank: number }): boolean {
    if (rank !== other.rank) return rank < other.rank;
    const a = this.communes[i];
    const b = this.communes[other.i];
    if (a.population !== b.population) return a.population > b.population;
    return a.insee < b.insee;
  }

  results(): Commune[] {
    return this.items.map((it) => this.communes[it.i]);
  }
}
