// Why a whole file is refused, in French, before anything is written. Row-level problems are not errors:
// they go in the report (rejected rows) and the user decides.

/**
 * Files over this size are refused before they are read. 45 MiB holds a 100,000-row team table at up to
 * ~470 bytes a row (the bench's realistic rows, 200–300-character posts, make 41.5 MB); a 50 MB file —
 * decimal (47.7 MiB) or binary — is refused. Bigger is not a team's table, and reading it whole (bytes,
 * text, then cells) would take several times its size in the page's memory.
 */
export const MAX_IMPORT_BYTES = 45 * 1024 * 1024;
/** More rows than this are refused too (a crisis table is read and drawn whole on every copy). */
export const MAX_IMPORT_ROWS = 200_000;

export type ImportProblem =
  | 'too-large'
  | 'empty'
  | 'spreadsheet'
  | 'binary'
  | 'double-encoded'
  | 'separator'
  | 'header'
  | 'missing-columns'
  | 'too-many-rows'
  | 'geojson'
  | 'kml'
  | 'format';

export class ImportError extends Error {
  constructor(
    readonly problem: ImportProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

const MB = 1024 * 1024;
export const mebibytes = (bytes: number) => (bytes / MB).toLocaleString('fr-FR', { maximumFractionDigits: 1 });

export function tooLarge(bytes: number): ImportError {
  return new ImportError(
    'too-large',
    `Fichier trop volumineux (${mebibytes(bytes)} Mo) : la limite est de ${mebibytes(MAX_IMPORT_BYTES)} Mo. ` +
      'Découpez le tableau en plusieurs fichiers. Rien n’a été importé.',
  );
}

/** Refuses a file by its size alone, before it is read into memory. */
export function checkSize(bytes: number): void {
  if (bytes > MAX_IMPORT_BYTES) throw tooLarge(bytes);
  if (bytes === 0) throw new ImportError('empty', 'Le fichier est vide. Rien n’a été importé.');
}
