// An official file of commune positions (a CSV a coordinator holds: INSEE code, latitude, longitude),
// read whole or not at all: every row is checked before anything is kept, and the first bad row is
// named in French. Accepts French spreadsheets' habits: `;` or tab separators, decimal commas, a BOM,
// French or English headers in any order, other columns ignored. Pure: the store keeps the result
// (store/gazetteer-overrides.ts), the gazetteer applies it (Gazetteer.applyOfficial).
import Papa from 'papaparse';
import type { Gazetteer, OfficialPosition } from './gazetteer';
import { distanceKm } from './geo';
import { normalise } from './search';

export class CommunePositionsError extends Error {}

/** A file larger than this is not a commune list (France has ~35,000 communes: ~2 MB). */
export const MAX_POSITIONS_BYTES = 20 * 1024 * 1024;

const HEADERS: Record<'insee' | 'lat' | 'lon', RegExp> = {
  insee: /^(code )?(insee|commune insee|insee commune|insee com|com insee|codgeo|code geo|code commune( insee)?|com|depcom)$/,
  lat: /^(lat|latitude|latitude mairie|lat mairie|y|latitude centre)$/,
  lon: /^(lon|lng|long|longitude|longitude mairie|lon mairie|x|longitude centre)$/,
};
const INSEE = /^(\d{2}|2[AB])\d{3}$/;

/** An official point farther than this from the shipped one is a mistake (swapped columns, wrong row). */
function tolerance(km: number | undefined): number {
  return Math.max(40, 3 * (km ?? 0));
}

function header(h: string): string {
  return normalise(h).replace(/[^a-z0-9]+/g, ' ').trim();
}

function number(cell: string): number {
  const t = cell.trim().replace(/\s/g, '').replace(',', '.');
  return /^[-+]?\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

/**
 * The positions of a file's rows, checked against the gazetteer (the commune exists; the point is a
 * plausible place for it). Throws CommunePositionsError naming the row (the spreadsheet's line
 * number: the header is line 1).
 */
export function parseCommunePositions(text: string, gazetteer: Gazetteer): OfficialPosition[] {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  // Decimal commas make `,` ambiguous: the header line says which separator the file uses.
  const delimiter = firstLine.includes(';') ? ';' : firstLine.includes('\t') ? '\t' : ',';
  const parsed = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: 'greedy' });
  const rows = parsed.data;
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) throw new CommunePositionsError(`Ligne ${(broken.row ?? 0) + 1} : guillemet jamais refermé.`);
  if (rows.length < 2) throw new CommunePositionsError('Le fichier ne contient aucune commune (une ligne d’en-tête puis une commune par ligne).');
  const heads = rows[0].map(header);
  const col = (k: keyof typeof HEADERS) => heads.findIndex((h) => HEADERS[k].test(h));
  const [ci, cy, cx] = [col('insee'), col('lat'), col('lon')];
  if (ci < 0 || cy < 0 || cx < 0)
    throw new CommunePositionsError(
      `Colonnes introuvables : il faut « code INSEE », « latitude » et « longitude » (en-tête lu : ${rows[0].join(' | ').slice(0, 120)}).`,
    );
  const seen = new Map<string, number>();
  const out: OfficialPosition[] = [];
  for (let r = 1; r < rows.length; r++) {
    const line = r + 1;
    const cells = rows[r];
    const code = (cells[ci] ?? '').trim().toUpperCase();
    // Excel drops the leading zero of Ain's codes ("1053" for 01053).
    const insee = /^\d{4}$/.test(code) ? '0' + code : code;
    if (!INSEE.test(insee)) throw new CommunePositionsError(`Ligne ${line} : « ${code} » n’est pas un code INSEE de commune.`);
    const commune = gazetteer.byInsee(insee);
    if (!commune) throw new CommunePositionsError(`Ligne ${line} : le code INSEE ${insee} n’est pas une commune connue de Vigie (COG 2026).`);
    const lat = number(cells[cy] ?? '');
    const lon = number(cells[cx] ?? '');
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw new CommunePositionsError(`Ligne ${line} : latitude « ${cells[cy] ?? ''} » illisible (ex. 44,0176).`);
    if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw new CommunePositionsError(`Ligne ${line} : longitude « ${cells[cx] ?? ''} » illisible (ex. 1,3550).`);
    const off = distanceKm(commune, { lat, lon });
    if (off > tolerance(commune.approximateKm))
      throw new CommunePositionsError(
        `Ligne ${line} : ${commune.name} (${insee}) serait à ${Math.round(off)} km de sa position connue ; latitude et longitude inversées ?`,
      );
    const before = seen.get(insee);
    if (before !== undefined) throw new CommunePositionsError(`Ligne ${line} : la commune ${insee} figure déjà ligne ${before}.`);
    seen.set(insee, line);
    out.push({ insee, lat, lon });
  }
  return out;
}
