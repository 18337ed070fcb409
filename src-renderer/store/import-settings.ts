// The import mapping confirmed for a crisis (columns by header, meaning of each vocabulary value), kept
// on this copy in the `settings` table under `import-mapping:<crisisId>`. Local only: not shared.
import { parseSavedMapping, type SavedMapping } from '../core/import/mapping';
import type { VigieDatabase } from './database';

const key = (crisisId: string) => `import-mapping:${crisisId}`;

export async function loadImportMapping(db: VigieDatabase, crisisId: string): Promise<SavedMapping | undefined> {
  return parseSavedMapping((await db.settings.get(key(crisisId)))?.value);
}

export async function saveImportMapping(db: VigieDatabase, crisisId: string, mapping: SavedMapping): Promise<void> {
  await db.settings.put({ key: key(crisisId), value: mapping });
}
