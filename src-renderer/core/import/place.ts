// Rows with a commune and no coordinates are placed by the offline gazetteer, as quick capture does:
// the INSEE code first, then the commune's name (with its postal code when the table has one), then a
// free-text place that starts with a commune's name ("Moissac, quai du Port").
import type { Commune, Gazetteer } from '../gazetteer';
import { communeFromPlace } from '../commune-placement';
import { normalise } from '../search';

export interface PlaceQuery {
  communeInsee: string;
  communeName: string;
  postalCode: string;
  placeText: string;
}

export class Placer {
  private readonly cache = new Map<string, Commune | null>();
  constructor(
    private readonly gazetteer: Gazetteer | null,
    private readonly departement?: string,
  ) {}

  get available(): boolean {
    return this.gazetteer !== null;
  }

  /** The commune the row names, or undefined. */
  commune(q: PlaceQuery): Commune | undefined {
    const g = this.gazetteer;
    if (!g) return undefined;
    const key = [q.communeInsee, q.communeName, q.postalCode, q.communeInsee || q.communeName ? '' : q.placeText].join('\u0000');
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.find(g, q) ?? null;
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(key, found);
    return found ?? undefined;
  }

  private find(g: Gazetteer, q: PlaceQuery): Commune | undefined {
    if (q.communeInsee) {
      const c = g.byInsee(q.communeInsee);
      if (c) return c;
    }
    if (q.communeName) {
      const name = nameKey(q.communeName);
      if (q.postalCode) {
        const withCode = g.search(`${q.communeName} ${q.postalCode}`, { departement: this.departement, limit: 20 }).find((c) => nameKey(c.name) === name);
        if (withCode) return withCode;
      }
      // A commune column names a commune: any département, the crisis's first.
      const exact = g.search(q.communeName, { departement: this.departement, limit: 50 }).filter((c) => nameKey(c.name) === name);
      if (exact.length) return exact[0];
      return undefined;
    }
    if (q.placeText) return communeFromPlace(g, q.placeText, this.departement);
    return undefined;
  }
}

function nameKey(s: string): string {
  return normalise(s).replace(/[^a-z0-9 ]+/g, ' ').replace(/ +/g, ' ').trim();
}
