// Keeps a crisis's Yjs document in IndexedDB: every update (local or from a peer) is appended to a
// table, in order, and `flushed()` resolves once all of them are committed with strict durability.
//
// Compaction keeps the table short without stalling edits: every so many writes, once the user is
// idle, the updates stored after the first row (the base) are merged into one — cheap, whatever the
// crisis's size. Only when that tail outgrows half the base (after an import, or a large sync) is
// the whole document rewritten as the new base.
import * as Y from 'yjs';
import type { VigieDatabase } from './database';

/** Origin of the updates read back from disk: they must not be written again. */
export const LOAD_ORIGIN = Symbol('load');
const MERGE_TAIL_EVERY = 200;
const MIN_FULL_COMPACTION_BYTES = 256 * 1024;

export class DocPersistence {
  private chain: Promise<void> = Promise.resolve();
  private writesSinceMerge = 0;
  private baseBytes = 0;
  private tailBytes = 0;
  private compaction: Promise<void> | null = null;
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
    const stored = await this.stored().toArray();
    this.writesSinceMerge = Math.max(0, stored.length - 2);
    this.baseBytes = stored[0]?.update.byteLength ?? 0;
    this.tailBytes = stored.slice(1).reduce((n, s) => n + s.update.byteLength, 0);
    Y.transact(this.doc, () => stored.forEach((s) => Y.applyUpdate(this.doc, s.update, LOAD_ORIGIN)), LOAD_ORIGIN);
    this.doc.on('update', this.onUpdate);
  }

  /** Resolves when every update so far is durably stored; rejects if a write failed. */
  async flushed(): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure;
  }

  /** Like flushed(), and also waits for a compaction that was scheduled. */
  async settled(): Promise<void> {
    await this.compaction;
    await this.flushed();
  }

  async close(): Promise<void> {
    this.doc.off('update', this.onUpdate);
    await this.settled();
  }

  private stored() {
    // Within one crisis, IndexedDB returns rows in primary-key (write) order.
    return this.db.updates.where('crisisId').equals(this.crisisId);
  }

  private enqueue(update: Uint8Array): void {
    this.chain = this.chain.then(async () => {
      try {
        await this.db.updates.add({ crisisId: this.crisisId, update });
        this.tailBytes += update.byteLength;
        if (++this.writesSinceMerge >= MERGE_TAIL_EVERY) this.scheduleCompaction();
      } catch (e) {
        this.failure = new Error(`Échec de l'enregistrement sur le disque : ${(e as Error).message}`);
        // The document in memory still holds the update: a full rewrite puts it on disk.
        this.tailBytes = Number.POSITIVE_INFINITY;
        this.scheduleCompaction();
      }
    });
  }

  private scheduleCompaction(): void {
    if (this.compaction) return;
    // In the write chain, so it never interleaves with a write; the chain itself never rejects.
    this.compaction = new Promise<void>((resolve) => whenIdle(resolve))
      .then(() =>
        (this.chain = this.chain.then(() =>
          this.compact().catch((e: Error) => {
            // Nothing is lost: the rows stay as they were, the next compaction tries again.
            console.warn('Vigie : compactage reporté', e);
          }),
        )),
      )
      .finally(() => (this.compaction = null));
  }

  private async compact(): Promise<void> {
    this.writesSinceMerge = 0;
    const full = this.tailBytes > Math.max(MIN_FULL_COMPACTION_BYTES, this.baseBytes / 2);
    if (full) {
      const state = Y.encodeStateAsUpdate(this.doc);
      await this.replace(await this.stored().primaryKeys(), state);
      this.baseBytes = state.byteLength;
      this.tailBytes = 0;
      this.failure = null;
    } else {
      const tail = await this.stored().offset(1).toArray();
      if (tail.length < 2) return;
      const merged = Y.mergeUpdates(tail.map((t) => t.update));
      await this.replace(tail.map((t) => t.seq!), merged);
      this.tailBytes = merged.byteLength;
    }
  }

  /** Swaps stored rows for one update holding at least their content, atomically. */
  private async replace(keys: number[], update: Uint8Array): Promise<void> {
    await this.db.transaction('rw', this.db.updates, async () => {
      await this.db.updates.bulkDelete(keys);
      await this.db.updates.add({ crisisId: this.crisisId, update });
    });
  }
}

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 5000 });
  else setTimeout(run, 0);
}
