// The whole import checked before anything is written: every row mapped and validated (pure, in
// slices that yield), duplicates found, and the report the user reads in « Rapport d'import ».
import type { SightingFields } from '../sighting';
import { missingColumns } from './columns';
import { DuplicateFinder, type Duplicate } from './duplicates';
import { ImportError } from './errors';
import { mapRow, type MappingChoices, type RowContext } from './rows';
import { Slicer, type Yield } from '../slicer';
import type { OnProgress } from './scheduler';
import type { RowProblem, SourceTable } from './table';

export interface ValidRow {
  line: number;
  input: Partial<SightingFields>;
}

export interface ImportReport {
  format: SourceTable['format'];
  encoding?: string;
  separator?: string;
  /** Rows read (not counting empty ones). */
  total: number;
  /** Ready for store.createMany, duplicates not included. */
  valid: ValidRow[];
  rejected: RowProblem[];
  duplicates: Duplicate[];
  /** Rows imported with a remark (a formula kept as text, an unknown value set to its default, a commune not found). */
  warnings: RowProblem[];
  /** Valid rows placed by the gazetteer (no coordinates in the file). */
  placed: number;
}

export interface AnalyseOptions {
  /** Link key → id of the crisis's sightings (duplicates.ts existingLinks). */
  existing: ReadonlyMap<string, string>;
  onProgress?: OnProgress;
  yieldFn?: Yield;
}

export async function analyseImport(table: SourceTable, choices: MappingChoices, ctx: RowContext, options: AnalyseOptions): Promise<ImportReport> {
  const missing = missingColumns(choices.columns);
  if (missing)
    throw new ImportError(
      'missing-columns',
      `Colonnes manquantes : ${missing}. Colonnes du fichier : ${table.header.map((h) => `« ${h} »`).join(', ')}. Associez-les dans la correspondance des colonnes. Rien n’a été importé.`,
    );
  const slicer = new Slicer(12, options.yieldFn);
  const finder = new DuplicateFinder(options.existing);
  const report: ImportReport = {
    format: table.format,
    encoding: table.encoding,
    separator: table.separator,
    total: table.rows.length + table.rejected.length,
    valid: [],
    rejected: [...table.rejected],
    duplicates: [],
    warnings: [],
    placed: 0,
  };
  const total = table.rows.length;
  for (let i = 0; i < total; i++) {
    const row = table.rows[i];
    const mapped = mapRow(row.cells, choices, ctx);
    if (!mapped.ok) report.rejected.push({ line: row.line, reason: mapped.reason });
    else {
      for (const w of mapped.warnings) report.warnings.push({ line: row.line, reason: w });
      const dup = finder.check(row.line, mapped.input);
      if (dup) report.duplicates.push(dup);
      else {
        report.valid.push({ line: row.line, input: mapped.input });
        if (mapped.placed) report.placed++;
      }
    }
    if ((i & 255) === 255) {
      options.onProgress?.({ phase: 'analyse', done: i + 1, total });
      await slicer.maybeYield();
    }
  }
  options.onProgress?.({ phase: 'analyse', done: total, total });
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

export type DuplicateChoice = 'skip' | 'link';

/**
 * What to write, in file order: the valid rows, and with 'link' the rows duplicating a sighting of the
 * crisis too, each linked to it (relatedIds). Rows repeating an earlier row of the same file are never
 * written twice.
 */
export function rowsToWrite(report: ImportReport, choice: DuplicateChoice): Partial<SightingFields>[] {
  if (choice === 'skip') return report.valid.map((r) => r.input);
  const linked = report.duplicates
    .filter((d) => d.existingId)
    .map((d) => ({ line: d.line, input: { ...d.input, relatedIds: [...(d.input.relatedIds ?? []), d.existingId!].slice(0, 100) } }));
  return [...report.valid, ...linked].sort((a, b) => a.line - b.line).map((r) => r.input);
}
