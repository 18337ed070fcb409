// The import of a team's table (CSV, GeoJSON, KML) into a crisis: read → map → analyse → apply.
export { applyImport, ImportWriteError, type ImportTarget } from './apply';
export { analyseImport, rowsToWrite, type DuplicateChoice, type ImportReport, type ValidRow } from './analyse';
export { ENUM_TARGETS, guessColumns, headerKey, missingColumns, TARGET_LABELS, TARGETS, type ColumnMapping, type EnumTarget, type Target } from './columns';
export { existingLinks, type Duplicate } from './duplicates';
export { checkSize, ImportError, MAX_IMPORT_BYTES } from './errors';
export { confirmValues, distinctValues, initialChoices, parseSavedMapping, toSaved, type SavedMapping } from './mapping';
export { Placer } from './place';
export { readImportFile } from './read';
export { mapRow, type MappingChoices, type RowContext, type ValueTables } from './rows';
export { yieldToEventLoop } from '../slicer';
export type { Progress } from './scheduler';
export { lineLabel, type SourceTable } from './table';
export { zoneOfDepartement } from './dates';
