// Writing user files from the main process. Plain Node, no Electron: testable and reusable as is.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `path` so that a reader sees either the old file or the complete new one, never
 * a half-written export (crash, full disk, power cut in the middle of a 200 MB save).
 * The temporary file sits in the same folder because rename is only atomic within one file system.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx': never reuse or follow something already sitting at the temporary name.
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      // Flush before renaming, or a crash could leave the new name pointing at empty content.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
