// One row of the source table → the fields of a new sighting, or the reason (in French) it cannot be one.
// Cells are read as the user mapped them; nothing is evaluated; every row then passes the sighting
// schemas (core/sighting.ts), the same check the store makes before it writes.
import { CoordinateError, parseCoordinates } from '../geo';
import { FIELD_LABELS } from '../labels';
import { DEFAULT_FIELDS, validateFields, type FieldName, type SightingFields } from '../sighting';
import type { Status } from '../taxonomy';
import { ENUM_TARGETS, TARGET_LABELS, type ColumnMapping, type EnumTarget, type Target } from './columns';
import { parseFrenchDate } from './dates';
import { formulaExcerpt, isFormula } from './formulas';
import { parseDecimal } from './numbers';
import type { Placer } from './place';
import { ENUM_DEFAULTS, ENUM_LABELS, guessValue, parseBoolean, valueKey, type EnumValues } from './values';

/** The user's confirmed meaning of each distinct value of a vocabulary column (by valueKey). */
export type ValueTables = { [K in EnumTarget]?: Record<string, EnumValues[K]> };

export interface MappingChoices {
  columns: ColumnMapping;
  values: ValueTables;
}

export interface RowContext {
  header: readonly string[];
  /** IANA zone for dates without one. */
  zone: string;
  placer: Placer;
  /** Why this member may not create a sighting with this status ("" when allowed). */
  statusProblem?: (status: Status) => string;
}

export type MappedRow =
  | { ok: true; input: Partial<SightingFields>; placed: boolean; warnings: string[] }
  | { ok: false; reason: string };

/** Fields whose text is kept as it is (a formula there is text, flagged). */
const FREE_TEXT: ReadonlySet<Target> = new Set(['text', 'verificationNotes', 'placeText', 'authorHandle', 'assignee', 'publicTitle', 'publicSummary']);

const reject = (reason: string): MappedRow => ({ ok: false, reason });

export function mapRow(cells: readonly string[], choices: MappingChoices, ctx: RowContext): MappedRow {
  const columns = choices.columns;
  const got: Partial<Record<Target, string>> = {};
  const warnings: string[] = [];
  for (let i = 0; i < columns.length; i++) {
    const target = columns[i];
    if (!target) continue;
    let cell = (cells[i] ?? '').replace(/\r\n?/g, '\n');
    if (cell.trim() === '') continue;
    // "'=1+1": the apostrophe spreadsheets (and Vigie's CSV export) put before text that looks like a
    // formula, to say "this is text". One is removed; the text is then taken as it is.
    const quoted = /^'[=+\-@\t\r\n]/.test(cell);
    if (quoted) cell = cell.slice(1);
    else if (isFormula(cell)) {
      if (!FREE_TEXT.has(target))
        return reject(
          `colonne « ${ctx.header[i]} » : formule « ${formulaExcerpt(cell)} » non interprétée (Vigie lit les valeurs, jamais les formules) ; remplacez-la par sa valeur dans le tableur`,
        );
      warnings.push(`colonne « ${ctx.header[i]} » : formule « ${formulaExcerpt(cell)} » gardée comme simple texte`);
    }
    const prev = got[target];
    if (prev === undefined) got[target] = cell;
    else if (target === 'mediaUrls') got[target] = prev + '\n' + cell;
    else if (target === 'text' || target === 'verificationNotes' || target === 'placeText') got[target] = prev.trimEnd() + (target === 'placeText' ? ', ' : '\n') + cell.trim();
  }

  const input: Partial<SightingFields> = {};
  const text = (t: Target, f: FieldName & keyof SightingFields) => {
    const v = got[t];
    if (v !== undefined) (input as Record<string, unknown>)[f] = v.trim();
  };
  text('text', 'text');
  text('authorHandle', 'authorHandle');
  text('placeText', 'placeText');
  text('communeName', 'communeName');
  text('assignee', 'assignee');
  text('verificationNotes', 'verificationNotes');
  text('publicTitle', 'publicTitle');
  text('publicSummary', 'publicSummary');

  if (got.url !== undefined) input.url = fixLink(got.url);
  if (got.mediaUrls !== undefined) input.mediaUrls = got.mediaUrls.split(/[\s|]+/).map((u) => fixLink(u.replace(/[,;]+$/, ''))).filter(Boolean);

  if (got.postedAt !== undefined || got.time !== undefined) {
    const date = parseFrenchDate(got.postedAt ?? '', ctx.zone, got.time ?? '');
    if (!date.ok) return reject(date.reason);
    input.postedAt = date.iso;
  }

  for (const target of ENUM_TARGETS) {
    const raw = got[target];
    if (raw === undefined) continue;
    const key = valueKey(raw);
    const chosen = choices.values[target]?.[key] ?? guessValue(target, raw);
    if (chosen === undefined) {
      const fallback = ENUM_DEFAULTS[target];
      warnings.push(`${TARGET_LABELS[target].fr} « ${raw.trim()} » non reconnu(e) : « ${(ENUM_LABELS[target] as Record<string, { fr: string }>)[fallback].fr} »`);
      (input as Record<string, unknown>)[target] = fallback;
    } else (input as Record<string, unknown>)[target] = chosen;
  }
  if (input.status && ctx.statusProblem) {
    const problem = ctx.statusProblem(input.status);
    if (problem) return reject(problem);
  }

  if (got.isPublic !== undefined) {
    const b = parseBoolean(got.isPublic);
    if (b === undefined) return reject(`« ${TARGET_LABELS.isPublic.fr} » : « ${got.isPublic.trim()} » n’est ni oui ni non`);
    input.isPublic = b;
  }

  if (got.communeInsee !== undefined) input.communeInsee = padCode(got.communeInsee.trim().toUpperCase(), 5);
  if (got.departement !== undefined) input.departement = padCode(got.departement.trim().toUpperCase(), 2);
  const postalCode = got.postalCode !== undefined ? padCode(got.postalCode.trim(), 5) : '';

  // Coordinates from the file.
  let coords: { lat: number; lon: number } | null = null;
  if (got.coordinates !== undefined) {
    try {
      coords = parseCoordinates(got.coordinates);
    } catch (e) {
      if (e instanceof CoordinateError) return reject(`coordonnées « ${got.coordinates.trim()} » invalides : ${e.message}`);
      throw e;
    }
  } else if (got.lat !== undefined || got.lon !== undefined) {
    if (got.lat === undefined) return reject(`longitude « ${got.lon!.trim()} » sans latitude`);
    if (got.lon === undefined) return reject(`latitude « ${got.lat.trim()} » sans longitude`);
    const lat = parseDecimal(got.lat);
    const lon = parseDecimal(got.lon);
    if (lat !== null && lon !== null) coords = { lat, lon };
    else {
      try {
        coords = parseCoordinates(`${got.lat} ; ${got.lon}`); // degrees-minutes-seconds in two cells
      } catch {
        return reject(`coordonnées invalides : ${lat === null ? `latitude « ${got.lat.trim()} »` : `longitude « ${got.lon.trim()} »`} n’est pas un nombre (ex. 44,1036 ou 44.1036)`);
      }
    }
  }
  if (coords) {
    if (!(Math.abs(coords.lat) <= 90)) return reject(`coordonnées invalides : latitude ${fmt(coords.lat)} hors limites (−90 à 90)`);
    if (!(Math.abs(coords.lon) <= 180)) return reject(`coordonnées invalides : longitude ${fmt(coords.lon)} hors limites (−180 à 180)`);
    input.lat = coords.lat;
    input.lon = coords.lon;
    if (!input.precision || input.precision === 'inconnue') input.precision = 'exacte';
    // The commune named next to the coordinates gives its code and département (not its point).
    const c = input.communeInsee || input.communeName ? ctx.placer.commune({ communeInsee: input.communeInsee ?? '', communeName: input.communeName ?? '', postalCode, placeText: '' }) : undefined;
    if (c && (!input.communeInsee || input.communeInsee === c.insee)) {
      input.communeInsee ||= c.insee;
      input.communeName ||= c.name;
      input.departement ||= c.departement;
    }
  } else if (input.precision) {
    delete input.precision; // a precision without a position means nothing
  }

  let placed = false;
  if (!coords && (input.communeInsee || input.communeName || input.placeText)) {
    const commune = ctx.placer.commune({ communeInsee: input.communeInsee ?? '', communeName: input.communeName ?? '', postalCode, placeText: input.placeText ?? '' });
    if (commune) {
      input.communeName = commune.name;
      input.communeInsee = commune.insee;
      input.departement = commune.departement;
      input.lat = commune.lat;
      input.lon = commune.lon;
      input.precision = 'commune';
      placed = true;
    } else if ((input.communeInsee || input.communeName) && ctx.placer.available)
      warnings.push(`commune « ${input.communeName || input.communeInsee} » introuvable dans le répertoire des communes : remontée non placée`);
  }

  const errors = validateFields({ ...DEFAULT_FIELDS, ...input });
  if (errors.length) {
    return reject(
      errors
        .map((e) => {
          const label = e.field === 'sighting' ? '' : FIELD_LABELS[e.field].fr;
          const value = e.field !== 'sighting' ? excerpt((input as Record<string, unknown>)[e.field]) : '';
          return `${label}${value ? ` « ${value} »` : ''} : ${e.message}`;
        })
        .join(' ; '),
    );
  }
  return { ok: true, input, placed, warnings };
}

/** "www.exemple.fr/…" is a link without its scheme; anything else is left for the schema to judge. */
function fixLink(raw: string): string {
  const t = raw.trim();
  return /^www\.[^\s/]+\.[a-z]{2,}/i.test(t) ? 'https://' + t : t;
}

/** Excel drops leading zeros: INSEE "1053" is "01053", département "1" is "01". */
function padCode(code: string, length: number): string {
  return /^\d+$/.test(code) && code.length < length && code.length >= length - 1 ? code.padStart(length, '0') : code;
}

function fmt(n: number): string {
  return String(n).replace('.', ',');
}

function excerpt(v: unknown): string {
  if (v === undefined || v === null || typeof v === 'boolean') return '';
  const s = Array.isArray(v) ? v.join(' ') : String(v);
  return s.length > 60 ? s.slice(0, 60) + '…' : s;
}
