// Web build: the PMTiles file the user picked, kept in IndexedDB ('vigie-basemaps') so the choice
// survives a reload — a page cannot reopen a File by itself. One archive at a time: picking another
// replaces it, so a forgotten archive never keeps gigabytes. (The desktop app keeps only the path;
// the file stays where it is.)
import { basemapDatabase, type BasemapDatabase } from './database';
import type { PmtilesRef } from './choice';

/** Bytes kept free beyond the file, so storing it can't starve the crisis data. */
const MARGIN_BYTES = 200 * 1024 * 1024;

export interface StorageEstimate {
  quota?: number;
  usage?: number;
}

export async function storePmtilesFile(
  file: File,
  options: { db?: BasemapDatabase; estimate?: () => Promise<StorageEstimate>; id?: string } = {},
): Promise<PmtilesRef> {
  const db = options.db ?? basemapDatabase();
  const estimate = options.estimate ?? (() => navigator.storage?.estimate?.() ?? Promise.resolve({}));
  const { quota, usage } = await estimate().catch(() => ({}) as StorageEstimate);
  const previous = await db.files.toArray();
  const freed = previous.reduce((sum, f) => sum + f.size, 0);
  if (quota !== undefined && usage !== undefined && file.size + MARGIN_BYTES > quota - usage + freed) {
    throw new Error(
      `Pas assez de place pour garder ce fichier dans le navigateur (${formatBytes(file.size)} ; disponible : ${formatBytes(
        Math.max(0, quota - usage + freed - MARGIN_BYTES),
      )}). Utilisez l’application de bureau, qui lit le fichier sur place.`,
    );
  }
  const id = options.id ?? crypto.randomUUID();
  await db.transaction('rw', db.files, async () => {
    await db.files.clear();
    await db.files.put({ id, name: file.name, size: file.size, addedAt: Date.now(), blob: file });
  });
  return { id, name: file.name, size: file.size, where: 'indexeddb' };
}

export async function loadPmtilesFile(id: string, db: BasemapDatabase = basemapDatabase()): Promise<Blob | undefined> {
  return (await db.files.get(id))?.blob;
}

export async function forgetPmtilesFiles(db: BasemapDatabase = basemapDatabase()): Promise<void> {
  await db.files.clear();
}

export function formatBytes(bytes: number): string {
  const units = ['o', 'Ko', 'Mo', 'Go', 'To'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toLocaleString('fr-FR', { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`;
}
