// The relay's optional disk persistence (--data DIR): one file per crisis document holding its whole
// Yjs state, replaced atomically, so a relay restart (or a power cut on the COD workstation) loses
// nothing it had written. Plain Node, no Electron.
//
// The files are the plaintext crisis documents: the folder is created private to the user (0700).
import { chmod, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as Y from 'yjs';
import { writeFileAtomic } from './files';

/** The shape of `relayDocumentName()` (core/secrets.ts); nothing else may become a file name. */
export const RELAY_DOCUMENT_NAME = /^vigie-[A-Za-z0-9_-]{43}$/;

export interface DocumentStore {
  readonly dir: string;
  /** The stored state, or null when the document was never stored. */
  load(name: string): Promise<Uint8Array | null>;
  /** Writes the whole state; writes of one document are applied in call order. */
  save(name: string, state: Uint8Array): Promise<void>;
  /** Resolves once every write started so far is on disk (or failed). */
  idle(): Promise<void>;
  /**
   * Replaces a document by what is left of it after a purge (docs/relay.md, "Forgetting a
   * document") and marks it forgotten: from then on it is served read-only and never written again.
   */
  forget(name: string, state: Uint8Array): Promise<void>;
  isForgotten(name: string): Promise<boolean>;
}

function fileFor(dir: string, name: string): string {
  if (!RELAY_DOCUMENT_NAME.test(name)) throw new Error('nom de document invalide');
  return join(dir, `${name}.yjs`);
}

/**
 * Opens (creating it if needed) the folder and checks it is writable now, so that a wrong --data
 * fails at start with a clear message rather than at the first store, minutes later.
 */
export async function openDocumentStore(dir: string, log: (line: string) => void = () => {}): Promise<DocumentStore> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await chmod(dir, 0o700);
    const probe = join(dir, '.vigie-relay-probe');
    await writeFileAtomic(probe, 'ok');
    await rm(probe, { force: true });
  } catch (error) {
    throw new Error(`Dossier de données inutilisable « ${dir} » (${(error as NodeJS.ErrnoException).code ?? 'erreur'}) : il doit pouvoir être créé et écrit par ce compte.`);
  }

  // One promise chain per document: two overlapping writes of the same file (a debounced store and
  // the shutdown flush) must land in the order they were asked for, the newer state last.
  const chains = new Map<string, Promise<void>>();

  return {
    dir,
    async load(name) {
      const path = fileFor(dir, name);
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      try {
        // Checked before Hocuspocus applies it: a file that does not decode must not lock its crisis
        // out of the relay for good. It is set aside; clients still hold the data and send it again.
        Y.applyUpdate(new Y.Doc(), bytes);
        return bytes;
      } catch {
        const aside = `${path}.illisible-${Date.now()}`;
        await rename(path, aside);
        log(`Synchronisation : fichier illisible mis de côté (${aside}), le document repart des clients`);
        return null;
      }
    },
    save(name, state) {
      const path = fileFor(dir, name);
      const previous = chains.get(name) ?? Promise.resolve();
      const next = previous.catch(() => {}).then(() => writeFileAtomic(path, state));
      const tail = next.catch(() => {});
      chains.set(name, tail);
      void tail.then(() => {
        if (chains.get(name) === tail) chains.delete(name);
      });
      return next;
    },
    async idle() {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
    async forget(name, state) {
      // The marker first: from then on no debounced store of the old state may land.
      await writeFileAtomic(`${fileFor(dir, name)}.oublie`, '');
      await (chains.get(name) ?? Promise.resolve()).catch(() => {});
      await writeFileAtomic(fileFor(dir, name), state);
    },
    async isForgotten(name) {
      try {
        await readFile(`${fileFor(dir, name)}.oublie`);
        return true;
      } catch {
        return false;
      }
    },
  };
}
