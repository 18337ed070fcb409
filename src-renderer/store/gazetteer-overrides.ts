// Official commune positions a coordinator imported on this copy (core/commune-positions.ts reads
// the file): kept in the `settings` table under one key, so an import is one write (whole or
// nothing) and needs no new table. Local only: not shared with the other copies, not signed.
import { parseCommunePositions } from '../core/commune-positions';
import type { Gazetteer, OfficialPosition } from '../core/gazetteer';
import type { VigieDatabase } from './database';

const KEY = 'commune-positions';

export interface StoredPositions {
  positions: OfficialPosition[];
  /** The last file imported and when. */
  file: string;
  importedAt: number;
}

function valid(p: unknown): p is OfficialPosition {
  const o = p as OfficialPosition;
  return (
    typeof o === 'object' && o !== null && typeof o.insee === 'string' && Number.isFinite(o.lat) && Number.isFinite(o.lon) && Math.abs(o.lat) <= 90 && Math.abs(o.lon) <= 180
  );
}

export async function loadCommunePositions(db: VigieDatabase): Promise<StoredPositions | undefined> {
  const value = (await db.settings.get(KEY))?.value as Partial<StoredPositions> | undefined;
  if (!value || !Array.isArray(value.positions)) return undefined;
  return { positions: value.positions.filter(valid), file: String(value.file ?? ''), importedAt: Number(value.importedAt ?? 0) };
}

/** Adds a file's positions to those imported before (a commune in both takes the new one); one write. */
export async function saveCommunePositions(db: VigieDatabase, positions: readonly OfficialPosition[], file: string, now = Date.now()): Promise<StoredPositions> {
  return db.transaction('rw', db.settings, async () => {
    const before = await loadCommunePositions(db);
    const byInsee = new Map((before?.positions ?? []).map((p) => [p.insee, p]));
    for (const p of positions) byInsee.set(p.insee, { insee: p.insee, lat: p.lat, lon: p.lon });
    const stored: StoredPositions = { positions: [...byInsee.values()], file, importedAt: now };
    await db.settings.put({ key: KEY, value: stored });
    return stored;
  });
}

export async function clearCommunePositions(db: VigieDatabase): Promise<void> {
  await db.settings.delete(KEY);
}

/**
 * A file read and kept, whole or not at all: every row is checked first (parseCommunePositions throws
 * a French CommunePositionsError naming the row), and only then is anything written, in one write.
 */
export async function importCommunePositions(db: VigieDatabase, text: string, gazetteer: Gazetteer, file: string): Promise<{ imported: number; stored: StoredPositions }> {
  const positions = parseCommunePositions(text, gazetteer);
  return { imported: positions.length, stored: await saveCommunePositions(db, positions, file) };
}
