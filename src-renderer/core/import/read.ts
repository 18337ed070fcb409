// A file chosen by the user → a table: size checked first, then the format (by name, then by content),
// the encoding and the separator. Everything wrong with the file as a whole throws an ImportError with
// a French message; nothing is written by reading.
import { readCsv, type ReadCsvOptions } from './csv';
import { decodeBytes, ENCODING_LABELS } from './decode';
import { checkSize, ImportError } from './errors';
import { readGeoJson } from './geojson';
import { readKml } from './kml';
import type { SourceFormat, SourceTable } from './table';

export function formatOf(fileName: string, text: string): SourceFormat {
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'kml') return 'kml';
  if (ext === 'kmz')
    throw new ImportError('format', 'Fichier KMZ (KML compressé) : décompressez-le (c’est une archive zip contenant doc.kml) ou exportez-le en KML. Rien n’a été importé.');
  const start = text.trimStart().slice(0, 200);
  if (ext !== 'csv' && ext !== 'txt' && ext !== 'tsv') {
    if (start.startsWith('{')) return 'geojson';
    if (start.startsWith('<')) return 'kml';
  }
  return 'csv';
}

/** Reads the file's bytes; `size` may be checked before reading them (see checkSize). */
export async function readImportFile(bytes: Uint8Array, fileName: string, options: ReadCsvOptions = {}): Promise<SourceTable> {
  checkSize(bytes.length);
  const decoded = decodeBytes(bytes);
  const format = formatOf(fileName, decoded.text);
  if (format === 'geojson') return readGeoJson(decoded.text);
  if (format === 'kml') return readKml(decoded.text);
  const table = await readCsv(decoded.text, options);
  if (table.rows.length === 0 && table.rejected.length === 0)
    throw new ImportError('empty', 'Le fichier n’a qu’une ligne d’en-tête : aucune remontée à importer. Rien n’a été importé.');
  return { ...table, encoding: ENCODING_LABELS[decoded.encoding] };
}
