// "Synthèse": how many sightings per commune and category, for the point de situation. One row per
// commune (then one for sightings with no commune), one column per category, a total and the number
// of P1; a last row of totals. Duplicates and archived sightings are not counted (they would count
// one fact twice, or a withdrawn one). Written as the CSV of csv.ts (French Excel); restricted.
import { CATEGORY_LABELS } from '../labels';
import type { Sighting } from '../sighting';
import { CATEGORIES, type Category, type Status } from '../taxonomy';
import { RESTRICTED_MARK } from './features';
import { writeCsv } from './csv';

export const SYNTHESE_EXCLUDED: readonly Status[] = ['doublon', 'archive'];
export const NO_COMMUNE = '(commune non renseignée)';

export interface SyntheseRow {
  departement: string;
  insee: string;
  commune: string;
  counts: Record<Category, number>;
  total: number;
  p1: number;
}

const zero = (): Record<Category, number> => Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;

export function synthese(rows: Iterable<Sighting>): { rows: SyntheseRow[]; totals: SyntheseRow; counted: number } {
  const byCommune = new Map<string, SyntheseRow>();
  const totals: SyntheseRow = { departement: '', insee: '', commune: 'Total', counts: zero(), total: 0, p1: 0 };
  for (const s of rows) {
    if (SYNTHESE_EXCLUDED.includes(s.status)) continue;
    const key = s.communeInsee || (s.communeName ? `nom:${s.communeName}` : '');
    let row = byCommune.get(key);
    if (!row) {
      row = { departement: s.departement, insee: s.communeInsee, commune: s.communeName || NO_COMMUNE, counts: zero(), total: 0, p1: 0 };
      byCommune.set(key, row);
    }
    for (const r of [row, totals]) {
      r.counts[s.category]++;
      r.total++;
      if (s.priority === 'P1') r.p1++;
    }
  }
  const sorted = [...byCommune.values()].sort((a, b) =>
    a.commune === NO_COMMUNE ? 1 : b.commune === NO_COMMUNE ? -1 : b.total - a.total || a.commune.localeCompare(b.commune, 'fr'),
  );
  return { rows: sorted, totals, counted: totals.total };
}

export function buildSyntheseCsv(rows: Iterable<Sighting>): { csv: string; counted: number } {
  const { rows: lines, totals, counted } = synthese(rows);
  const header = ['Diffusion', 'Département', 'Code INSEE', 'Commune', ...CATEGORIES.map((c) => CATEGORY_LABELS[c].fr.replace(/,\s*/g, ' / ')), 'Total', 'dont P1'];
  const toCells = (r: SyntheseRow) => [RESTRICTED_MARK, r.departement, r.insee, r.commune.replace(/^[=+\-@\t\r]/, "'$&"), ...CATEGORIES.map((c) => String(r.counts[c])), String(r.total), String(r.p1)];
  return { csv: writeCsv(header, [...lines.map(toCells), toCells(totals)]), counted };
}
