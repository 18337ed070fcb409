// Keeps a crisis's exchange document (Yjs) in IndexedDB: every update (local or from a peer) is
// appended to a table, and `flushed()` resolves once all of them are committed with strict
// durability. The record itself is the journal (journal.ts); this is what is shared with peers.
//
// Compaction keeps the table short without ever making a big row: every so many writes, once the
// user is idle, neighbouring small updates are merged into rows of at most CHUNK_BYTES. Loading then
// applies row after row, yielding to the page between them, so a large crisis never freezes it in
// one block. (Yjs accepts updates in any order: a row whose dependencies come later waits for them.)
import * as Y from 'yjs';
import { Slicer } from '../core/slicer';
import type { VigieDatabase } from './database';

/** Origin of the updates read back from disk: they must not be written again. */
export const LOAD_ORIGIN = Symbol('load');
const MERGE_EVERY = 200;
/** About 1,000 entries: applying one such row takes a few milliseconds. */
export const CHUNK_BYTES = 1024 * 1024;

interface Row {
  seq: number;
  bytes: number;
}

export class DocPersistence {
  private chain: Promise<void> = Promise.resolve();
  private writesSinceMerge = 0;
  private rows: Row[] = [];
  private rewrite = false;
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

  /** Reads every stored update into the document, row by row, then starts recording new ones. */
  async load(): Promise<void> {
    const stored = await this.stored().toArray();
    this.rows = stored.map((s) => ({ seq: s.seq!, bytes: s.update.byteLength }));
    this.writesSinceMerge = stored.length > 2 ? MERGE_EVERY / 2 : 0;
    const slicer = new Slicer();
    for (const s of stored) {
      // No 'update' listener is registered yet (the sync status uses afterTransaction): Yjs encodes
      // nothing back while loading.
      Y.applyUpdate(this.doc, s.update, LOAD_ORIGIN);
      await slicer.maybeYield();
    }
    // Whoever listens to updates (the sync status) hears that the document changed, once.
    if (stored.length) this.doc.emit('update', [EMPTY_UPDATE, LOAD_ORIGIN, this.doc, null as unknown as Y.Transaction]);
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

  /** How many rows hold the document, and the largest (tests, diagnostics). */
  get shape(): { rows: number; largest: number } {
    return { rows: this.rows.length, largest: Math.max(0, ...this.rows.map((r) => r.bytes)) };
  }

  private stored() {
    return this.db.updates.where('crisisId').equals(this.crisisId);
  }

  private enqueue(update: Uint8Array): void {
    this.chain = this.chain.then(async () => {
      try {
        const seq = await this.db.updates.add({ crisisId: this.crisisId, update });
        this.rows.push({ seq, bytes: update.byteLength });
        if (++this.writesSinceMerge >= MERGE_EVERY) this.scheduleCompaction();
      } catch (e) {
        this.failure = new Error(`Échec de l'enregistrement sur le disque : ${(e as Error).message}`);
        // The document in memory still holds the update: a full rewrite puts it on disk.
        this.rewrite = true;
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
    if (this.rewrite) {
      // After a failed write: the whole document, in rows of about CHUNK_BYTES.
      const keys = await this.stored().primaryKeys();
      const state = Y.encodeStateAsUpdate(this.doc);
      const seq = await this.replace(keys, state);
      this.rows = [{ seq, bytes: state.byteLength }];
      this.rewrite = false;
      this.failure = null;
      return;
    }
    const groups: Row[][] = [];
    let group: Row[] = [];
    let size = 0;
    for (const row of this.rows) {
      if (size + row.bytes > CHUNK_BYTES && group.length) {
        groups.push(group);
        group = [];
        size = 0;
      }
      group.push(row);
      size += row.bytes;
    }
    groups.push(group);
    const kept: Row[] = [];
    for (const g of groups) {
      if (g.length < 2) {
        kept.push(...g);
        continue;
      }
      const updates = await this.db.updates.bulkGet(g.map((r) => r.seq));
      const merged = Y.mergeUpdates(updates.flatMap((u) => (u ? [u.update] : [])));
      kept.push({ seq: await this.replace(g.map((r) => r.seq), merged), bytes: merged.byteLength });
    }
    this.rows = kept;
  }

  /** Swaps stored rows for one update holding at least their content, atomically. */
  private async replace(keys: number[], update: Uint8Array): Promise<number> {
    return this.db.transaction('rw', this.db.updates, async () => {
      await this.db.updates.bulkDelete(keys);
      return this.db.updates.add({ crisisId: this.crisisId, update });
    });
  }
}

/** A valid Yjs update that changes nothing. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 5000 });
  else setTimeout(run, 0);
}
