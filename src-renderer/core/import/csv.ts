// Reading a CSV (papaparse): the separator is detected, rows are parsed in slices that yield to the
// event loop, and each row keeps its spreadsheet row number (the header is row 1; a cell with line
// breaks inside quotes is still one row, as in Excel).
import Papa from 'papaparse';
import { ImportError, MAX_IMPORT_ROWS } from './errors';
import { Slicer, type Yield } from '../slicer';
import type { OnProgress } from './scheduler';
import type { RowProblem, SourceRow, SourceTable } from './table';

export const SEPARATORS = [';', ',', '\t', '|'] as const;
export type Separator = (typeof SEPARATORS)[number];
export const SEPARATOR_LABELS: Record<Separator, string> = { ';': 'point-virgule « ; »', ',': 'virgule « , »', '\t': 'tabulation', '|': 'barre « | »' };

const PREVIEW_ROWS = 40;

/**
 * The separator that gives the header at least two columns and the most rows with as many cells as the
 * header (then the most columns). Throws, in French, when no separator makes a table of the file.
 */
export function detectSeparator(text: string): Separator {
  const sample = text.slice(0, 256 * 1024);
  let best: { sep: Separator; columns: number; consistency: number } | undefined;
  for (const sep of SEPARATORS) {
    const rows = Papa.parse<string[]>(sample, { delimiter: sep, preview: PREVIEW_ROWS, skipEmptyLines: 'greedy' }).data;
    if (rows.length === 0) continue;
    const columns = rows[0].length;
    if (columns < 2) continue;
    const body = rows.slice(1, text.length > sample.length ? -1 : undefined); // the last sampled row may be cut
    const consistency = body.length === 0 ? 1 : body.filter((r) => r.length === columns).length / body.length;
    if (!best || consistency > best.consistency || (consistency === best.consistency && columns > best.columns)) best = { sep, columns, consistency };
  }
  const firstLine = (sample.split(/\r?\n/).find((l) => l.trim() !== '') ?? '').slice(0, 80);
  if (!best)
    throw new ImportError(
      'separator',
      `Séparateur non reconnu : une seule colonne trouvée (première ligne : « ${firstLine} »). ` +
        'Vigie lit les CSV séparés par « ; » (Excel français), « , », des tabulations ou « | ». Rien n’a été importé.',
    );
  if (best.consistency < 0.5)
    throw new ImportError(
      'separator',
      `Séparateur incohérent : avec ${SEPARATOR_LABELS[best.sep]}, l’en-tête a ${best.columns} colonnes mais la plupart des lignes n’en ont pas autant. ` +
        'Le fichier mélange-t-il plusieurs séparateurs ? Réenregistrez-le depuis le tableur. Rien n’a été importé.',
    );
  return best.sep;
}

export interface ReadCsvOptions {
  separator?: Separator;
  onProgress?: OnProgress;
  yieldFn?: Yield;
  /** Bytes of text per parsing slice. */
  chunkSize?: number;
}

/** Parses the whole text into a table; row-level problems (a quote never closed, too many cells) are kept as rejected rows. */
export async function readCsv(text: string, options: ReadCsvOptions = {}): Promise<Omit<SourceTable, 'encoding'>> {
  const separator = options.separator ?? detectSeparator(text);
  const slicer = new Slicer(12, options.yieldFn);
  const records: string[][] = [];
  const broken = new Map<number, string>();
  let parsedChars = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(text, {
      delimiter: separator,
      chunkSize: options.chunkSize ?? 128 * 1024,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        const base = records.length;
        for (const row of results.data) records.push(row);
        for (const e of results.errors)
          if (e.row !== undefined && e.row !== null)
            broken.set(base + e.row, e.code === 'MissingQuotes' ? 'guillemet « " » jamais refermé : la suite du fichier est restée dans une seule cellule' : `ligne illisible (${e.message})`);
        parsedChars = results.meta.cursor;
        options.onProgress?.({ phase: 'read', done: Math.min(parsedChars, text.length), total: text.length });
        if (records.length > MAX_IMPORT_ROWS + 1) {
          parser.abort();
          reject(new ImportError('too-many-rows', `Trop de lignes : plus de ${MAX_IMPORT_ROWS.toLocaleString('fr-FR')}. Découpez le tableau en plusieurs fichiers. Rien n’a été importé.`));
          return;
        }
        parser.pause();
        void slicer.maybeYield().then(() => parser.resume(), reject);
      },
      complete: () => resolve(),
      error: (err: Error) => reject(err),
    });
  });

  let h = records.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (h < 0) throw new ImportError('empty', 'Le fichier ne contient aucune ligne. Rien n’a été importé.');
  const header = records[h].map((c, i) => c.trim() || `Colonne ${i + 1}`);
  while (header.length > 1 && /^Colonne \d+$/.test(header[header.length - 1]) && records.slice(h + 1, h + 50).every((r) => !(r[header.length - 1] ?? '').trim())) header.pop();

  const rows: SourceRow[] = [];
  const rejected: RowProblem[] = [];
  for (let i = h + 1; i < records.length; i++) {
    const cells = records[i];
    const line = i + 1;
    if (cells.every((c) => c.trim() === '')) continue;
    const problem = broken.get(i);
    if (problem) {
      rejected.push({ line, reason: problem });
      continue;
    }
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      rejected.push({
        line,
        reason: `${cells.length} cellules pour ${header.length} colonnes : un « ${separator === '\t' ? 'tab' : separator} » dans une cellule sans guillemets ?`,
      });
      continue;
    }
    rows.push({ line, cells: cells.length === header.length ? cells : header.map((_, k) => cells[k] ?? '') });
    if (rows.length % 2000 === 0) await slicer.maybeYield();
  }
  return { format: 'csv', header, rows, rejected, separator };
}
