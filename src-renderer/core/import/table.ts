// What every source (CSV, GeoJSON, KML) becomes before mapping: named columns and rows of text cells,
// each with the line (or object number) the user will look for in the original file.

export type SourceFormat = 'csv' | 'geojson' | 'kml';

export interface SourceRow {
  /** CSV: the spreadsheet's row number (the header is row 1). GeoJSON/KML: the object's number (from 1). */
  line: number;
  cells: string[];
}

export interface RowProblem {
  line: number;
  reason: string;
}

export interface SourceTable {
  format: SourceFormat;
  header: string[];
  rows: SourceRow[];
  /** Rows already refused while reading (a KML line string, a GeoJSON polygon…). */
  rejected: RowProblem[];
  /** CSV only: how the file was read, for the report. */
  encoding?: string;
  separator?: string;
}

/** "ligne 12" for a CSV, "objet 12" for GeoJSON and KML. */
export function lineLabel(format: SourceFormat, line: number): string {
  return format === 'csv' ? `ligne ${line}` : `objet ${line}`;
}
