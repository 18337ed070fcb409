// The exchange document of one crisis: a Yjs document whose `log` array carries signed envelopes
// between copies (docs/sync.md §1). It is not the record: what arrives in it goes to the intake to
// be verified; what a peer deletes from it is never taken in, and is shared again from the journal
// so that copies joining later still receive it. Run with `gc: false`, so deleted content can still
// be read and passed on.
import * as Y from 'yjs';
import { isEnvelope, type Envelope } from '../core/records';
import { ShardedSet } from '../core/sharded';
import { Slicer } from '../core/slicer';
import type { VigieDatabase } from './database';
import { holdEntries, isPlainEnvelope, JournalRef } from './held-entries';
import { holdBetween, HoldPass, stateOf } from './hold-pass';
import { encodeByRef, unpackByRef } from './held-rows';
import type { Journal } from './journal';
import { DocPersistence, LOAD_ORIGIN } from './persistence';
import { keepYjsStringsOnHeap } from './yjs-strings';

const PUSH_BATCH = 500;
const REPAIR_FIRST_MS = 1500;
const REPAIR_MAX_MS = 60_000;
/** Journal entries read at once by a repair (each opened: encryption at rest). */
const REPAIR_PAGE = 500;
/** In a new epoch, members other than its author wait this long (×0.5–1.5) for the author's seed. */
const EPOCH_SEED_WAIT_MS = 20_000;

export interface ExchangeOptions {
  db: VigieDatabase;
  journal: Journal;
  /** The document's name in IndexedDB: the crisis id, with `@epoch` after a key change. */
  name: string;
  /** Whether this document is a new epoch's (key changed at least once). */
  epoch: number;
  /** Hands values from peers to the intake. */
  submit(values: unknown[]): Promise<number>;
  /** Resolves once everything handed to the intake so far is decided and stored. */
  idle(): Promise<void>;
  /** A peer deleted items of the log (every copy that sees it says so, whoever restores them). */
  onDeleted(count: number): void;
  /** Entries deleted by a peer were shared again: say so (count, and the time). */
  onRestored(count: number): Promise<void>;
}

export class Exchange {
  /** No garbage collection: content a peer deletes stays readable, so it can be re-shared. */
  readonly doc = new Y.Doc({ gc: false });
  private readonly log = this.doc.getArray<unknown>('log');
  private readonly persistence: DocPersistence;
  private readonly holding: HoldPass;
  private loaded = false;
  private unpushed: Envelope[] = [];
  private deletionsSeen = 0;
  private repairTimer: ReturnType<typeof setTimeout> | null = null;
  private repairDelay = REPAIR_FIRST_MS;
  private closed = false;
  /** Entries put back after a peer deleted them (since opening). */
  deletionsUndone = 0;

  constructor(private readonly o: ExchangeOptions) {
    keepYjsStringsOnHeap(); // what the document holds stays out of every collection's pause
    this.persistence = new DocPersistence(o.db, o.name, this.doc, {
      encode: (since) => encodeByRef(this.doc, this.log, since),
      unpack: (before, after, slicer) => unpackByRef(this.doc, this.log, before, after, slicer),
      caughtUp: () => this.loaded && this.holding.caughtUp(),
    });
    holdEntries(this.doc, (seqs, each) => o.journal.eachBySeq(seqs, each));
    this.holding = new HoldPass(this.doc, this.log, o.idle, () => this.persistence.compactSoon());
    o.journal.onStored = (rows) => this.holding.note(rows);
  }

  /** Shares entries written or accepted here (kept until the document is loaded). */
  share(envelopes: readonly Envelope[]): void {
    const plain = envelopes.map(({ d, g }) => ({ d, g }));
    if (!this.loaded) this.unpushed.push(...plain);
    else this.push(plain);
  }

  /**
   * Loads the document from disk, hands what it holds that the journal lacks (`known`: signature →
   * `seq` of every journal entry) to the intake, and shares what the journal holds that the document
   * lacks. What the journal holds, the document then holds by reference (held-entries.ts).
   * `author`: this copy wrote the key change that opened this epoch (it seeds it).
   */
  async load(known: ReadonlyMap<string, number>, author: boolean): Promise<void> {
    // Held by reference row by row, as each is applied: the texts die young (decoded and dropped at
    // once), instead of half a million of them living through the whole load. (A value reusing a
    // signature with another text is a forgery the intake refused: held by reference, it is passed
    // on as the entry that signature is really for.)
    const seen = new Map<number, number>();
    const hold = (v: unknown) => {
      const seq = isPlainEnvelope(v) ? known.get(v.g) : undefined;
      return seq === undefined ? undefined : new JournalRef(seq);
    };
    await this.persistence.load(() => void holdBetween(this.doc, this.log, seen, stateOf(this.doc), hold));
    const unknown: unknown[] = [];
    const live = new ShardedSet<number>();
    // In slices: at 100,000 sightings with their history the document holds over half a million values.
    // Transports connect once this has resolved (docReady), so the document does not change meanwhile.
    const slicer = new Slicer();
    await forEachLogValue(this.log, (v, deleted) => {
      if (v instanceof JournalRef) return void (deleted || live.add(v.seq));
      if (!isEnvelope(v)) return;
      const seq = known.get(v.g);
      if (seq === undefined) return void unknown.push(v);
      if (!deleted) live.add(seq);
      return hold(v);
    }, slicer);
    this.doc.on('afterTransaction', this.onTransaction);
    this.holding.start();
    this.loaded = true;
    this.persistence.compactSoon(); // rows stored as they came (an earlier version's, a peer's) written by reference
    const queued = this.unpushed;
    this.unpushed = [];
    for (const e of queued) {
      const seq = known.get(e.g);
      if (seq !== undefined) live.add(seq);
    }
    if (queued.length) this.push(queued);
    const missing: number[] = [];
    for (const seq of known.values()) {
      if (!live.has(seq)) missing.push(seq);
      if (slicer.due()) await slicer.yieldNow();
    }
    // In the journal's order (`known` may not iterate in it): creations before what builds on them.
    if (missing.length > 1) Float64Array.from(missing).sort().forEach((seq, i) => (missing[i] = seq));
    const freshEpoch = this.o.epoch > 0 && live.size <= queued.length;
    // A new epoch's document: its author seeds it now; the others wait for that seed and fill in
    // only what is still missing then (so the document does not hold every entry once per member).
    if (freshEpoch && !author && missing.length) this.scheduleRepair(EPOCH_SEED_WAIT_MS);
    else if (missing.length) await this.republish(missing, !freshEpoch);
    if (unknown.length) await this.o.submit(unknown);
  }

  settled(): Promise<void> {
    return this.persistence.settled();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.holding.close();
    if (this.repairTimer) clearTimeout(this.repairTimer);
    if (this.loaded) this.doc.off('afterTransaction', this.onTransaction);
    await this.persistence.close();
    this.doc.destroy();
  }

  /** Into the document in transactions of a few hundred entries: small updates to store and load. */
  private push(envelopes: Envelope[]): void {
    for (let i = 0; i < envelopes.length; i += PUSH_BATCH) {
      const slice = envelopes.slice(i, i + PUSH_BATCH);
      this.doc.transact(() => this.log.push(slice));
    }
  }

  private readonly onTransaction = (tr: Y.Transaction) => {
    // Local writes are applied already; entries read back from disk were checked when they came.
    if (tr.origin === null || tr.origin === undefined || tr.origin === LOAD_ORIGIN) return;
    const values = insertedLogValues(this.doc, this.log, tr);
    if (values.length) void this.o.submit(values);
    if (tr.deleteSet.clients.size) {
      let count = 0;
      for (const ranges of tr.deleteSet.clients.values()) for (const r of ranges) count += r.len;
      this.o.onDeleted(count);
      this.deletionsSeen++;
      this.scheduleRepair();
    }
  };

  /**
   * A peer deleted entries. After a short random wait (so that one copy, not all, usually answers),
   * whatever is no longer live in the document is shared again from the journal.
   */
  private scheduleRepair(first?: number): void {
    if (this.repairTimer || this.closed) return;
    const wait = (first ?? this.repairDelay) * (0.5 + Math.random());
    this.repairDelay = Math.min(this.repairDelay * 2, REPAIR_MAX_MS);
    this.repairTimer = setTimeout(() => {
      this.repairTimer = null;
      void this.repair().catch((e: Error) => console.warn('Vigie : restauration reportée', e));
    }, wait);
  }

  private async repair(): Promise<void> {
    if (this.closed) return;
    // Live entries by reference (held-entries.ts) or, those shared since the load, by signature.
    const liveSeqs = new Set<number>();
    const live = new Set<string>();
    // In slices, and the journal page by page: at 100,000 sightings with their history, either at
    // once held every copy a peer deleted from for seconds. (A value counted live and deleted
    // meanwhile is caught by the repair that deletion schedules.)
    await forEachLogValue(this.log, (v, deleted) => {
      if (deleted) return;
      if (v instanceof JournalRef) liveSeqs.add(v.seq);
      else if (isEnvelope(v)) live.add(v.g);
    }, new Slicer());
    const missing: number[] = [];
    for await (const page of this.o.journal.pages(REPAIR_PAGE)) {
      if (this.closed) return;
      for (const r of page) if (!liveSeqs.has(r.seq!) && !live.has(r.g)) missing.push(r.seq!);
    }
    if (!missing.length) {
      this.repairDelay = REPAIR_FIRST_MS;
      return;
    }
    // In a new epoch's document, what is missing was never deleted: it was not shared there yet.
    await this.republish(missing, !(this.o.epoch > 0 && this.deletionsSeen === 0));
  }

  private async republish(seqs: number[], deleted: boolean): Promise<void> {
    const found = await this.o.journal.bySeq(seqs);
    const envelopes = found.filter((e) => e !== undefined);
    if (!envelopes.length || this.closed) return;
    // Whole in the update that shares them, then held by reference again.
    this.holding.note(found.flatMap((e, i) => (e ? [{ ...e, seq: seqs[i]! }] : [])));
    // Shared again first, then said: whoever sees the count can find the entries in the document.
    this.push(envelopes.map(({ d, g }) => ({ d, g })));
    if (deleted) {
      this.deletionsUndone += envelopes.length;
      await this.o.onRestored(envelopes.length);
    }
  }
}

/**
 * Every value ever inserted in the log, deleted or not (the document keeps deleted content); with a
 * slicer, yielding to the page between items when a slice's budget is spent. What `f` returns, if
 * anything, takes the value's place in the item (not a change of the document: the same entry).
 */
async function forEachLogValue(log: Y.Array<unknown>, f: (v: unknown, deleted: boolean) => unknown, slicer?: Slicer): Promise<void> {
  for (let item = log._start; item; item = item.right) {
    if (!(item.content instanceof Y.ContentAny)) continue;
    // One item can hold hundreds of thousands of values (Yjs merges one client's consecutive pushes).
    const arr = item.content.arr;
    for (let i = 0; i < arr.length; i++) {
      const instead = f(arr[i], item.deleted);
      if (instead !== undefined) arr[i] = instead;
      if (i % 256 === 255 && slicer?.due()) await slicer.yieldNow();
    }
    if (slicer?.due()) await slicer.yieldNow();
  }
}

/**
 * The values a transaction inserted in the log, including those deleted in the same update (a
 * copy that joins after a wipe receives the entries and their deletion together).
 */
function insertedLogValues(doc: Y.Doc, log: Y.Array<unknown>, tr: Y.Transaction): unknown[] {
  const values: unknown[] = [];
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const s = structs[i];
      if (!(s instanceof Y.Item) || s.parent !== log || !(s.content instanceof Y.ContentAny)) continue;
      const arr = s.content.arr;
      const from = Math.max(0, before - s.id.clock);
      for (let j = from; j < arr.length; j++) values.push(arr[j]);
    }
  }
  return values;
}
