// Where the at-rest keys (keyring.ts) are kept: one small file per key in the origin's private file
// system (OPFS), because a removed file is gone from the profile, whereas a value deleted from
// IndexedDB or localStorage (LevelDB both) lingers on disk until a compaction. Each file holds the
// key sealed by the vault (the system's keychain on the desktop).
export interface KeyShelf {
  list(): Promise<number[]>;
  read(id: number): Promise<string>;
  write(id: number, sealed: string): Promise<void>;
  remove(id: number): Promise<void>;
}

const FOLDER = 'vigie-cles';
const name = (id: number) => `cle-${id}`;
const idOf = (file: string) => (/^cle-(\d+)$/.exec(file) ? Number(file.slice(4)) : null);

/** The origin private file system, or null where the browser has none. */
export async function fileShelf(): Promise<KeyShelf | null> {
  // Writing a file from the page (createWritable) is what some browsers lack (Safari before 26).
  if (typeof FileSystemFileHandle === 'undefined' || !('createWritable' in FileSystemFileHandle.prototype)) return null;
  const root = await globalThis.navigator?.storage?.getDirectory?.().catch(() => null);
  if (!root) return null;
  const dir = await root.getDirectoryHandle(FOLDER, { create: true });
  return {
    async list() {
      const ids: number[] = [];
      // keys() is the async iterator of names (TypeScript's DOM types lack it on some versions).
      for await (const file of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
        const id = idOf(file);
        if (id !== null) ids.push(id);
      }
      return ids.sort((a, b) => a - b);
    },
    async read(id) {
      return (await (await dir.getFileHandle(name(id))).getFile()).text();
    },
    async write(id, sealed) {
      const writable = await (await dir.getFileHandle(name(id), { create: true })).createWritable();
      await writable.write(sealed);
      await writable.close();
    },
    async remove(id) {
      await dir.removeEntry(name(id)).catch((e: DOMException) => {
        if (e.name !== 'NotFoundError') throw e;
      });
    },
  };
}

/** Tests: keys in memory (the `files` map shows what a shelf holds). */
export function memoryShelf(files = new Map<number, string>()): KeyShelf & { files: Map<number, string> } {
  return {
    files,
    list: async () => [...files.keys()].sort((a, b) => a - b),
    read: async (id) => {
      const text = files.get(id);
      if (text === undefined) throw new Error(`clé ${id} absente`);
      return text;
    },
    write: async (id, sealed) => void files.set(id, sealed),
    remove: async (id) => void files.delete(id),
  };
}
