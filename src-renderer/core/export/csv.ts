// CSV for French Excel, written by papaparse. THE FORMAT (stable: the importer reads it back, change it
// only by adding columns at the end):
// - UTF-8 with a byte order mark (Excel otherwise reads Windows-1252), `;` between cells (`,` is the
//   French decimal mark), CRLF line ends, cells quoted with `"` when they hold `;`, `"` or a line
//   break (a `"` doubled inside).
// - One header row, the column titles below; no title holds a comma (GDAL's CSV reader takes a header
//   line with any comma for a comma-separated file) (CSV_COLUMNS for the whole table, PUBLIC_CSV_COLUMNS for
//   the public subset), in this order.
// - Times: dd/mm/yyyy HH:MM in the crisis's time zone (Europe/Paris, or the overseas département's:
//   time.ts); numbers with a decimal comma (44,01799); booleans "oui" / "non"; lists separated by a space.
// - Categories, statuses, platforms, author kinds and precisions by their French label (core/labels.ts),
//   priorities as P1…P4.
// - CSV injection: a text cell starting with = + - @, a tab or a carriage return gets a leading
//   apostrophe (Excel then shows it as text and runs nothing); a reader strips one leading apostrophe
//   before these characters. Numbers are never prefixed (a negative longitude stays a number).
// - The first column of a restricted export is "Diffusion", holding "Diffusion restreinte" on every
//   row (a comment line above the header would break Excel's and GDAL's reading); the file name says it too.
import Papa from 'papaparse';
import { AUTHOR_KIND_LABELS, CATEGORY_LABELS, PLATFORM_LABELS, PRECISION_LABELS, STATUS_LABELS } from '../labels';
import type { Sighting } from '../sighting';
import { mapInChunks, type Progress } from './chunks';
import { RESTRICTED_MARK } from './features';
import type { PublicItem } from './public-subset';
import { PUBLIC_LAYER_LABELS } from './public-subset';
import { frenchDateTime } from './time';

export const CSV_BOM = '\ufeff';
export const CSV_DELIMITER = ';';
export const CSV_NEWLINE = '\r\n';

/** Leading characters a spreadsheet could take for a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as written: formula-looking text gets a leading apostrophe. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** 44.01799 → "44,01799"; null → "". */
export function frenchNumber(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '' : String(x).replace('.', ',');
}

const yesNo = (b: boolean) => (b ? 'oui' : 'non');

export interface CsvContext {
  timeZone: string;
  /** A member's name from their id. */
  memberName(actor: string): string;
}

type Cell = { text: string } | { number: number | null };
const t = (text: string): Cell => ({ text });
const n = (number: number | null): Cell => ({ number });

/** The whole table, one column per field (title → value). Append new columns at the end only. */
export const CSV_COLUMNS: readonly { title: string; value: (s: Sighting, c: CsvContext) => Cell }[] = [
  { title: 'Diffusion', value: () => t(RESTRICTED_MARK) },
  { title: 'Identifiant', value: (s) => t(s.id) },
  { title: 'Créée le', value: (s, c) => t(frenchDateTime(s.createdAt, c.timeZone)) },
  { title: 'Créée par', value: (s, c) => t(c.memberName(s.createdBy)) },
  { title: 'Modifiée le', value: (s, c) => t(frenchDateTime(s.updatedAt, c.timeZone)) },
  { title: 'Modifiée par', value: (s, c) => t(c.memberName(s.updatedBy)) },
  { title: 'Plateforme', value: (s) => t(PLATFORM_LABELS[s.platform].fr) },
  { title: 'Lien', value: (s) => t(s.url) },
  { title: 'Auteur', value: (s) => t(s.authorHandle) },
  { title: "Type d'auteur", value: (s) => t(AUTHOR_KIND_LABELS[s.authorKind].fr) },
  { title: 'Publié le', value: (s, c) => t(frenchDateTime(s.postedAt, c.timeZone)) },
  { title: 'Texte', value: (s) => t(s.text) },
  { title: 'Médias', value: (s) => t(s.mediaUrls.join(' ')) },
  { title: 'Lieu', value: (s) => t(s.placeText) },
  { title: 'Code INSEE', value: (s) => t(s.communeInsee) },
  { title: 'Commune', value: (s) => t(s.communeName) },
  { title: 'Département', value: (s) => t(s.departement) },
  { title: 'Latitude', value: (s) => n(s.lat) },
  { title: 'Longitude', value: (s) => n(s.lon) },
  { title: 'Précision', value: (s) => t(PRECISION_LABELS[s.precision].fr) },
  { title: 'Catégorie', value: (s) => t(CATEGORY_LABELS[s.category].fr) },
  { title: 'Priorité', value: (s) => t(s.priority) },
  { title: 'Statut', value: (s) => t(STATUS_LABELS[s.status].fr) },
  { title: 'Assignée à', value: (s) => t(s.assignee) },
  { title: 'Notes de vérification', value: (s) => t(s.verificationNotes) },
  { title: 'Doublon de', value: (s) => t(s.duplicateOf) },
  { title: 'Remontées liées', value: (s) => t(s.relatedIds.join(' ')) },
  { title: 'Carte publique', value: (s) => t(yesNo(s.isPublic)) },
  { title: 'Titre public', value: (s) => t(s.publicTitle) },
  { title: 'Résumé public', value: (s) => t(s.publicSummary) },
];

/** The public subset: what the public map shows, nothing more. */
export const PUBLIC_CSV_COLUMNS: readonly { title: string; value: (p: PublicItem, c: Pick<CsvContext, 'timeZone'>) => Cell }[] = [
  { title: 'Titre', value: (p) => t(p.title) },
  { title: 'Résumé', value: (p) => t(p.summary) },
  { title: 'Catégorie', value: (p) => t(p.categoryLabel) },
  { title: 'Couche', value: (p) => t(PUBLIC_LAYER_LABELS[p.layer]) },
  { title: 'Date', value: (p, c) => t(frenchDateTime(p.time, c.timeZone)) },
  { title: 'Commune', value: (p) => t(p.communeName) },
  { title: 'Code INSEE', value: (p) => t(p.communeInsee) },
  { title: 'Département', value: (p) => t(p.departement) },
  { title: 'Latitude', value: (p) => n(p.lat) },
  { title: 'Longitude', value: (p) => n(p.lon) },
  { title: 'Précision', value: (p) => t(p.precisionLabel) },
  { title: 'Source officielle', value: (p) => t(p.source) },
];

function cellText(cell: Cell): string {
  return 'text' in cell ? neutralise(cell.text) : frenchNumber(cell.number);
}

/** Rows of cells → the CSV text (BOM included). */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return CSV_BOM + Papa.unparse({ fields: [...header], data: rows as string[][] }, { delimiter: CSV_DELIMITER, newline: CSV_NEWLINE, header: true, quotes: false, escapeFormulae: false }) + CSV_NEWLINE;
}

export async function buildRestrictedCsv(rows: readonly Sighting[], context: CsvContext, progress?: Progress): Promise<string> {
  const data = await mapInChunks(rows, (s) => CSV_COLUMNS.map((col) => cellText(col.value(s, context))), progress);
  return writeCsv(CSV_COLUMNS.map((c) => c.title), data);
}

export async function buildPublicCsv(items: readonly PublicItem[], context: Pick<CsvContext, 'timeZone'>, progress?: Progress): Promise<string> {
  const data = await mapInChunks(items, (p) => PUBLIC_CSV_COLUMNS.map((col) => cellText(col.value(p, context))), progress);
  return writeCsv(PUBLIC_CSV_COLUMNS.map((c) => c.title), data);
}
