// Keeps a crisis's Yjs document in IndexedDB: every update (local or from a peer) is appended to a
// table, in order, and `flushed()` resolves once all of them are committed with strict durability.
// Every so many writes the log is compacted into one update, atomically.
import * as Y from 'yjs';
import type { VigieDatabase } from './database';

/** Origin of the updates read back from disk: they must not be written again. */
export const LOAD_ORIGIN = Symbol('load');
const COMPACT_EVERY = 500;

export class DocPersistence {
  private chain: Promise<void> = Promise.resolve();
  private writesSinceCompaction = 0;
  private failure: Error | null = null;
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== LOAD_ORIGIN) this.enqueue(update);
  };

  constructor(
    private readonly db: VigieDatabase,
    private readonly crisisId: string,
    private readonly doc: Y.Doc,
  ) {}

  /** Reads every stored update into the document, then starts recording new ones. */
  async load(): Promise<void> {
    const stored = await this.db.updates.where('crisisId').equals(this.crisisId).toArray();
    this.writesSinceCompaction = stored.length;
    Y.transact(this.doc, () => stored.forEach((s) => Y.applyUpdate(this.doc, s.update, LOAD_ORIGIN)), LOAD_ORIGIN);
    this.doc.on('update', this.onUpdate);
  }

  /** Resolves when every update so far is durably stored; rejects if a write failed. */
  async flushed(): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.doc.off('update', this.onUpdate);
    await this.chain;
  }

  private enqueue(update: Uint8Array): void {
    this.chain = this.chain.then(async () => {
      try {
        await this.db.updates.add({ crisisId: this.crisisId, update });
        if (++this.writesSinceCompaction >= COMPACT_EVERY) await this.compact();
      } catch (e) {
        this.failure = new Error(`Échec de l'enregistrement sur le disque : ${(e as Error).message}`);
      }
    });
  }

  /** Replaces the stored updates with one holding the whole document, in one transaction. */
  private async compact(): Promise<void> {
    const merged = Y.encodeStateAsUpdate(this.doc);
    await this.db.transaction('rw', this.db.updates, async () => {
      const keys = await this.db.updates.where('crisisId').equals(this.crisisId).primaryKeys();
      await this.db.updates.bulkDelete(keys);
      await this.db.updates.add({ crisisId: this.crisisId, update: merged });
    });
    this.writesSinceCompaction = 1;
  }
}
