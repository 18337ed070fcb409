// Keeps a crisis's exchange document (Yjs) in IndexedDB: every update (local or from a peer) is
// appended to a table, and `flushed()` resolves once all of them are committed with strict
// durability. The record itself is the journal (journal.ts); this is what is shared with peers.
//
// Compaction keeps the table short without ever making a big row: every so many writes, once the
// user is idle, neighbouring small updates are merged into rows of at most CHUNK_BYTES. Loading then
// applies row after row, yielding to the page between them, so a large crisis never freezes it in
// one block. Rows stay in the order of their content: a merged row takes its first row's key. (Yjs
// accepts updates in any order, but a row applied before what it builds on waits, and Yjs merges
// everything waiting again at each following row: minutes at 100,000 sightings with history. Rows
// an earlier version stored out of order are put back in order when loaded.)
//
// Once every value of the document was looked at (each held by reference where the journal has it,
// held-entries.ts), compaction writes what came since the last such row by reference, without the
// texts (`byRef`, held-rows.ts): those rows always come first, and a load decodes no entry's text.
import * as Y from 'yjs';
import { Slicer } from '../core/slicer';
import type { VigieDatabase } from './database';
import { encodeWithEntries } from './held-entries';
import { stateOf } from './hold-pass';

/** Origin of the updates read back from disk: they must not be written again. */
export const LOAD_ORIGIN = Symbol('load');
const MERGE_EVERY = 200;
/** Rows moved per transaction when putting a table back in order (each up to about CHUNK_BYTES). */
const REORDER_SLICE = 8;
/** About 1,000 entries: applying one such row takes a few milliseconds. */
export const CHUNK_BYTES = 1024 * 1024;

type StoredRow = { seq?: number; update: Uint8Array; byRef?: true };
/** A row waiting for what it builds on, with each client's first clock in it. */
type Held = { row: StoredRow; from: ReadonlyMap<number, number> };

interface Row {
  seq: number;
  bytes: number;
  byRef?: true;
}

/** How the exchange writes its rows by reference (held-rows.ts). */
export interface RowsByRef {
  /** The document since `since` (a state vector; everything without), the log's values by reference. */
  encode(since?: Uint8Array): Uint8Array;
  /** Puts back, as they were, the log's values a row by reference brought (per client, `before` → `after`). */
  unpack(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>, slicer: Slicer): Promise<void>;
  /** Every value of the document was looked at (and held where the journal has it). */
  caughtUp(): boolean;
}

/** Rows as they came, this many bytes of them at least: worth writing by reference. */
const BY_REF_AFTER_BYTES = CHUNK_BYTES / 4;

export class DocPersistence {
  private chain: Promise<void> = Promise.resolve();
  /** Updates not yet written, in order of arrival. */
  private queued: Uint8Array[] = [];
  /** A write of `queued` is in the chain. */
  private writing = false;
  private writesSinceMerge = 0;
  private rows: Row[] = [];
  private rewrite = false;
  /** Rows were found out of order at load: `rows` holds them in the order applied. */
  private reorder = false;
  private compaction: Promise<void> | null = null;
  private failure: Error | null = null;
  /** What the rows by reference hold (they come first): the state vector they reach together. */
  private refState: Uint8Array | undefined;
  /** A row as it came was applied before one by reference: the next compaction rewrites them all. */
  private refsOutOfOrder = false;
  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin !== LOAD_ORIGIN) this.enqueue(update);
  };

  constructor(
    private readonly db: VigieDatabase,
    private readonly crisisId: string,
    private readonly doc: Y.Doc,
    /** Without it, rows are stored as they came (and rows by reference cannot be read). */
    private readonly byRef?: RowsByRef,
  ) {}

  /**
   * Reads every stored update into the document, row by row, then starts recording new ones.
   * `afterRow` runs after each row is applied (the exchange holds the journal's entries by
   * reference as they come: held-entries.ts).
   */
  async load(afterRow?: () => void): Promise<void> {
    // One row read at a time (the next one while this one is applied): each is opened (encryption at
    // rest) as it is read, and a whole crisis's rows read at once were opened in one long task.
    const keys = await this.stored().primaryKeys();
    const read = (i: number) => (i < keys.length ? this.db.updates.get(keys[i]!) : Promise.resolve(undefined));
    this.writesSinceMerge = keys.length > 2 ? MERGE_EVERY / 2 : 0;
    const slicer = new Slicer();
    // No 'update' listener is registered yet (the sync status uses afterTransaction): Yjs encodes
    // nothing back while loading.
    const applied: Row[] = [];
    const apply = (row: StoredRow) => {
      Y.applyUpdate(this.doc, row.update, LOAD_ORIGIN);
      applied.push({ seq: row.seq!, bytes: row.update.byteLength });
      afterRow?.();
    };
    // Rows that build on something not applied yet wait here rather than inside Yjs.
    let held: Held[] = [];
    let asCame = false;
    let next = read(0);
    for (let i = 0; i < keys.length; i++) {
      const row = await next;
      next = read(i + 1);
      if (!row) continue;
      if (row.byRef) {
        // Written by this copy from its document: it follows what the rows before it hold.
        if (!this.byRef) throw new Error('Vigie : ce document enregistré tient ses entrées par référence au journal');
        const before = stateOf(this.doc);
        Y.applyUpdate(this.doc, row.update, LOAD_ORIGIN);
        await this.byRef.unpack(before, stateOf(this.doc), slicer);
        applied.push({ seq: row.seq!, bytes: row.update.byteLength, byRef: true });
        afterRow?.();
        if (asCame) this.refsOutOfOrder = true;
        else this.refState = Y.encodeStateVector(this.doc);
        held = this.applyHeld(held, apply);
        await slicer.maybeYield();
        continue;
      }
      asCame = true;
      const from = this.doc.store.pendingStructs || held.length ? Y.parseUpdateMeta(row.update).from : null;
      if (from && !follows(this.doc, from)) held.push({ row, from });
      else {
        apply(row);
        held = this.applyHeld(held, apply);
      }
      await slicer.maybeYield();
    }
    // What still waits lacks something no row holds (it comes from a peer, or never): Yjs keeps it.
    for (const h of held) apply(h.row);
    this.rows = applied;
    if (applied.some((r, i) => i > 0 && r.seq < applied[i - 1]!.seq)) {
      this.reorder = true;
      this.scheduleCompaction();
    }
    // Whoever listens to updates (the sync status) hears that the document changed, once.
    if (applied.length) this.doc.emit('update', [EMPTY_UPDATE, LOAD_ORIGIN, this.doc, null as unknown as Y.Transaction]);
    this.doc.on('update', this.onUpdate);
  }

  /** Schedules a compaction if enough rows as they came wait to be written by reference. */
  compactSoon(): void {
    let bytes = 0;
    for (const r of this.rows) if (!r.byRef) bytes += r.bytes;
    if (this.byRef && bytes >= BY_REF_AFTER_BYTES) this.scheduleCompaction();
  }

  /** Resolves when every update so far is durably stored; rejects if a write failed. */
  async flushed(): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure;
  }

  /** Like flushed(), and also waits for a compaction that was scheduled. */
  async settled(): Promise<void> {
    await this.flushed();
    // A write just flushed may have scheduled one.
    while (this.compaction) {
      await this.compaction;
      await this.flushed();
    }
  }

  async close(): Promise<void> {
    this.doc.off('update', this.onUpdate);
    await this.settled();
  }

  /** How many rows hold the document, and the largest (tests, diagnostics). */
  get shape(): { rows: number; largest: number } {
    return { rows: this.rows.length, largest: Math.max(0, ...this.rows.map((r) => r.bytes)) };
  }

  /** Applies the held rows that now can be, until none can; returns those still waiting. */
  private applyHeld(held: Held[], apply: (row: StoredRow) => void): Held[] {
    for (let progress = true; progress && held.length; ) {
      progress = false;
      held = held.filter((h) => {
        if (!follows(this.doc, h.from)) return true;
        apply(h.row);
        progress = true;
        return false;
      });
    }
    return held;
  }

  private stored() {
    return this.db.updates.where('crisisId').equals(this.crisisId);
  }

  /**
   * Updates are written in batches: whatever came while the last write went on goes in the next
   * transaction, up to CHUNK_BYTES (each one sealed on the main thread, encryption at rest). One
   * transaction per update was one disk commit per message: a newcomer receiving 100,000 sightings in
   * 600–900 messages was minutes behind on its disk and kept 70 MB of them waiting in memory, and its
   * journal's writes waited behind them.
   */
  private enqueue(update: Uint8Array): void {
    this.queued.push(update);
    if (this.writing) return; // the write under way (or waiting its turn) takes it too
    this.writing = true;
    this.chain = this.chain.then(() => this.writeQueued());
  }

  private async writeQueued(): Promise<void> {
    try {
      while (this.queued.length) {
        let bytes = 0;
        let n = 0;
        while (n < this.queued.length && (n === 0 || bytes + this.queued[n]!.byteLength <= CHUNK_BYTES)) bytes += this.queued[n++]!.byteLength;
        const batch = this.queued.splice(0, n);
        await this.write(batch);
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(batch: Uint8Array[]): Promise<void> {
    try {
      const seqs = await this.db.updates.bulkAdd(batch.map((update) => ({ crisisId: this.crisisId, update })), { allKeys: true });
      batch.forEach((update, i) => this.rows.push({ seq: seqs[i]!, bytes: update.byteLength }));
      if ((this.writesSinceMerge += batch.length) >= MERGE_EVERY) this.scheduleCompaction();
    } catch (e) {
      this.failure = new Error(`Échec de l'enregistrement sur le disque : ${(e as Error).message}`);
      // The document in memory still holds the updates: a full rewrite puts them on disk.
      this.rewrite = true;
      this.scheduleCompaction();
    }
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
    if (this.reorder) await this.putInOrder();
    const pending = this.doc.store.pendingStructs || this.doc.store.pendingDs;
    if (this.byRef && !pending && this.byRef.caughtUp()) await this.writeByRef(this.byRef);
    else if (this.rewrite) {
      // After a failed write: the whole document, as one row (nothing else is known to be on disk).
      const keys = await this.stored().primaryKeys();
      const state = await encodeWithEntries(this.doc);
      const seq = await this.replace(keys, state);
      this.rows = [{ seq, bytes: state.byteLength }];
      this.rewrite = false;
      this.failure = null;
      this.refState = undefined;
      this.refsOutOfOrder = false;
      return;
    }
    const groups: Row[][] = [];
    let group: Row[] = [];
    let size = 0;
    for (const row of this.rows) {
      // Rows by reference and rows as they came are never merged together (their values differ).
      if ((size + row.bytes > CHUNK_BYTES || !row.byRef !== !group[0]?.byRef) && group.length) {
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
      kept.push({ seq: await this.replace(g.map((r) => r.seq), merged, g[0]!.byRef), bytes: merged.byteLength, byRef: g[0]!.byRef });
    }
    this.rows = kept;
  }

  /**
   * Every row as it came replaced by one row by reference: what the document holds beyond the rows
   * by reference (or all of it, after a failed write or with rows out of order), encoded in this task.
   */
  private async writeByRef(byRef: RowsByRef): Promise<void> {
    const whole = this.rewrite || this.refsOutOfOrder;
    const replaced = whole ? await this.stored().primaryKeys() : this.rows.filter((r) => !r.byRef).map((r) => r.seq);
    if (!replaced.length) return;
    const update = byRef.encode(whole ? undefined : this.refState);
    const state = Y.encodeStateVector(this.doc);
    // Under the first replaced row's key: after every row by reference kept, before every row written since.
    const seq = await this.replace(replaced, update, true);
    const gone = new Set(replaced);
    this.rows = [...this.rows.filter((r) => !gone.has(r.seq)), { seq, bytes: update.byteLength, byRef: true as const }].sort((a, b) => a.seq - b.seq);
    this.refState = state;
    this.refsOutOfOrder = false;
    this.rewrite = false;
    this.failure = null;
  }

  /**
   * Swaps stored rows for one update holding at least their content, atomically, under the first
   * row's key: the table's order stays the order of its content.
   */
  private async replace(keys: number[], update: Uint8Array, byRef?: true): Promise<number> {
    const seq = Math.min(...keys);
    await this.db.transaction('rw', this.db.updates, async () => {
      await this.db.updates.bulkDelete(keys);
      await this.db.updates.put({ seq, crisisId: this.crisisId, update, ...(byRef && { byRef }) });
    });
    return seq;
  }

  /**
   * Rows stored out of order (by an earlier version): copied to the end of the table in the order
   * they were applied, a few at a time, each copy and its deletion in one transaction.
   */
  private async putInOrder(): Promise<void> {
    const order = this.rows;
    const moved: Row[] = [];
    for (let i = 0; i < order.length; i += REORDER_SLICE) {
      const slice = order.slice(i, i + REORDER_SLICE);
      const seqs = await this.db.transaction('rw', this.db.updates, async () => {
        const rows = await this.db.updates.bulkGet(slice.map((r) => r.seq));
        await this.db.updates.bulkDelete(slice.map((r) => r.seq));
        const kept = rows.flatMap((r) => (r ? [{ crisisId: this.crisisId, update: r.update, ...(r.byRef && { byRef: r.byRef }) }] : []));
        return this.db.updates.bulkAdd(kept, { allKeys: true });
      });
      seqs.forEach((seq, j) => moved.push({ ...slice[j]!, seq }));
    }
    this.rows = moved;
    this.reorder = false;
  }
}

/** Whether every client's first change in an update (`from`) follows what the document already holds. */
function follows(doc: Y.Doc, from: ReadonlyMap<number, number>): boolean {
  for (const [client, clock] of from) if (clock > Y.getState(doc.store, client)) return false;
  return true;
}

/** A valid Yjs update that changes nothing. */
const EMPTY_UPDATE = new Uint8Array([0, 0]);

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 5000 });
  else setTimeout(run, 0);
}
