// The bench page: steps that bench/run.mjs calls through page.evaluate, one per fresh page load
// where a cold read is measured. Times are performance.now() in ms, sizes in bytes.
import Dexie, { type Table } from 'dexie';
import * as Y from 'yjs';
import { creationBody } from '../../src-renderer/core/changes';
import { makeEdits } from './rows';
import type { CrisisRecord, Identity } from '../../src-renderer/core/crisis';
import { CrisisState } from '../../src-renderer/core/crisis-state';
import { newId } from '../../src-renderer/core/ids';
import { entryText, isEnvelope, parseBody, signedText, type Body, type Envelope } from '../../src-renderer/core/records';
import { DEFAULT_FIELDS, type Sighting } from '../../src-renderer/core/sighting';
import { entryId, newSigningKeys, signerFrom, verifySignature } from '../../src-renderer/core/signing';
import { CrisisStore } from '../../src-renderer/store/crisis-store';
import { VigieDatabase } from '../../src-renderer/store/database';
import { deviceKeyring } from '../../src-renderer/store/encryption/device-keyring';
import { createBrowserVault } from '../../src-renderer/platform/vault';
import { encodeWithEntries } from '../../src-renderer/store/held-entries';
import { Journal } from '../../src-renderer/store/journal';
import { KEPT } from '../../src-renderer/store/row-cache';
import { createCrisis, saveIdentity } from '../../src-renderer/store/registry';
import { mapBench } from './map';
import './import'; // window.benchImport (bench/page/import.ts)
import './export'; // window.benchExport (bench/page/export.ts)
import { repostOf } from './duplicates'; // and window.benchDuplicates
import './search'; // window.benchSearch (bench/page/search.ts)
import { normalise } from '../../src-renderer/core/search';
import { makeInputs, toRows } from './rows';

/** The IndexedDB floor: the same rows as plain objects in a plain table, strict durability too. */
class RawDatabase extends Dexie {
  rows!: Table<Sighting, string>;
  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ rows: 'id' });
  }
}

const utf8 = (s: string) => new TextEncoder().encode(s).byteLength;
// What run.mjs measures the heap of, from outside, once the step has returned: a collection
// triggered from inside a running step keeps whatever its async frames still reference.
const keep: Record<string, unknown> = {};
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
/** What store/intake.ts verifies at once (its VERIFY_BATCH). */
const VERIFY_BATCH = 2000;
/** In batches of VERIFY_BATCH, each batch's promises together (as the intake does). */
async function batched<T, R>(items: readonly T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += VERIFY_BATCH) out.push(...(await Promise.all(items.slice(i, i + VERIFY_BATCH).map(f))));
  return out;
}
/** The exchange document's name in `updates` (store/crisis-store.ts docName). */
const docName = (crisis: Pick<CrisisRecord, 'id' | 'epoch'>) => (crisis.epoch ? `${crisis.id}@${crisis.epoch}` : crisis.id);

/**
 * The crisis as a copy that has been open a while leaves it on disk: opened until its exchange
 * document's rows are all written by reference to the journal (store/held-rows.ts; the first open
 * after they were written as they came does it, once every value is held), then closed. Returns how
 * long that took and the rows' bytes.
 */
async function leftOnDisk(db: VigieDatabase, crisis: CrisisRecord, identity: Identity) {
  const t0 = performance.now();
  const store = await CrisisStore.open(db, crisis, identity);
  await store.docReady;
  const rows = () => db.updates.where('crisisId').equals(docName(crisis)).toArray();
  while (!(await rows()).every((r) => r.byRef)) {
    if (performance.now() - t0 > 300_000) throw new Error('leftOnDisk: the document was not written by reference in 5 min');
    await new Promise((r) => setTimeout(r, 250));
  }
  await store.close();
  return { ms: performance.now() - t0, bytes: (await rows()).reduce((sum, r) => sum + r.update.byteLength, 0) };
}
/** As crisis-store.ts forEachLogValue (not exported): every value ever inserted in the log. */
function forEachLogValue(log: Y.Array<unknown>, f: (v: unknown, deleted: boolean) => void): void {
  for (let item = log._start; item; item = item.right) {
    if (item.content instanceof Y.ContentAny) for (const v of item.content.arr) f(v, item.deleted);
  }
}
/** The whole exchange document of a crisis as one update, from its stored rows. */
async function storedDoc(db: VigieDatabase, crisis: CrisisRecord): Promise<Uint8Array> {
  const rows = await db.updates.where('crisisId').equals(docName(crisis)).toArray();
  return rows.length === 1 ? rows[0]!.update : Y.mergeUpdates(rows.map((r) => r.update));
}
/** Resolves once the store holds at least n rows. */
function rowsAtLeast(store: CrisisStore, n: number): Promise<number> {
  if (store.rows.size >= n) return Promise.resolve(performance.now());
  return new Promise((resolve) => {
    const off = store.subscribe(() => {
      if (store.rows.size < n) return;
      off();
      resolve(performance.now());
    });
  });
}

// The store's databases encrypted at rest as the app's are, with the same keys (this origin's key
// files and device vault): what the app opens from them costs what a real copy's would.
const keyring = deviceKeyring(createBrowserVault());
function benchDb(name: string): VigieDatabase {
  const db = new VigieDatabase(name);
  db.encryptAtRest(keyring);
  return db;
}

const bench = {
  /** What the capture-form bench types (bench/page/duplicates.ts). */
  duplicatesRepost: (n: number) => repostOf(n),
  async rawWrite(dbName: string, n: number) {
    const rows = toRows(makeInputs(n), 'bench', Date.now());
    const db = new RawDatabase(dbName);
    const t0 = performance.now();
    await db.rows.bulkPut(rows); // one call, one transaction
    const ms = performance.now() - t0;
    db.close();
    return { ms, jsonBytes: utf8(JSON.stringify(rows)), perRow: utf8(JSON.stringify(rows)) / n };
  },

  async rawToArray(dbName: string) {
    const db = new RawDatabase(dbName);
    await db.open();
    const t0 = performance.now();
    keep.rows = await db.rows.toArray();
    return { ms: performance.now() - t0, count: (keep.rows as unknown[]).length };
  },

  async rawBulkGet(dbName: string) {
    const db = new RawDatabase(dbName);
    const keys = await db.rows.toCollection().primaryKeys(); // not timed: the keys a store would hold
    const t0 = performance.now();
    const rows = await db.rows.bulkGet(keys);
    return { ms: performance.now() - t0, count: rows.length };
  },

  /** Creates the crisis through the real store, in batches, then times single durable edits. */
  async storeCreate(dbName: string, n: number, batch: number) {
    const db = benchDb(dbName);
    const identity = await saveIdentity(db, { name: 'Banc d’essai', organisation: 'VISOV', role: 'veilleur' });
    const crisis = await createCrisis(db, { name: `Crue du Tarn ${n}`, departement: '82', hazard: 'inondation', startedAt: '2026-10-17T04:00:00.000Z' });
    const inputs = makeInputs(n);
    const store = await CrisisStore.open(db, crisis, identity);
    await store.docReady; // as in the app: nobody types before the (empty) document is loaded
    const batchMs: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < n; i += batch) {
      const b0 = performance.now();
      await store.createMany(inputs.slice(i, i + batch));
      batchMs.push(performance.now() - b0);
    }
    const createMs = performance.now() - t0;
    const ids = [...store.rows.keys()];
    const edits: number[] = [];
    // 500 edits: every 200 writes the store schedules a compaction of the document for when the
    // page is idle; the first one after the import rewrites the whole document (the tail outgrew the base).
    for (let i = 0; i < 500; i++) {
      const id = ids[(i * 7919) % ids.length]!;
      const e0 = performance.now();
      await store.update(id, { priority: store.get(id)!.priority === 'P1' ? 'P2' : 'P1' });
      edits.push(performance.now() - e0);
    }
    const c0 = performance.now();
    await store.settled();
    const settleMs = performance.now() - c0;
    const docBytes = (await encodeWithEntries(store.doc)).byteLength;
    const logEntries = store.doc.getArray('log').length;
    const jsonBytes = utf8(JSON.stringify([...store.rows.values()]));
    const stored = await db.updates.where('crisisId').equals(docName(crisis)).toArray();
    const journal = await db.journal.where('crisisId').equals(crisis.id).toArray();
    // What the journal's rows hold: the signed text, the signature, the id (UTF-8, as IndexedDB keeps strings roughly).
    const journalBytes = journal.reduce((sum, r) => sum + utf8(r.d) + r.g.length + r.id.length + r.crisisId.length, 0);
    await store.close();
    const onDisk = await leftOnDisk(db, crisis, identity);
    db.close();
    const first50 = edits.slice(0, 50);
    return {
      ...{ byRefMs: onDisk.ms, byRefBytes: onDisk.bytes },
      ...{ crisis, identity, createMs, firstBatchMs: batchMs[0], lastBatchMs: batchMs[batchMs.length - 1] },
      ...{ editMedian: percentile(first50, 0.5), editP95: percentile(first50, 0.95), editMax: Math.max(...edits) },
      ...{ editMedianAll: percentile(edits, 0.5), editP95All: percentile(edits, 0.95), settleMs },
      ...{ docBytes, jsonBytes, logEntries, journalRows: journal.length, journalBytes },
      ...{ storedUpdates: stored.length, storedUpdateBytes: stored.reduce((sum, u) => sum + u.update.byteLength, 0) },
    };
  },

  /**
   * Copies the crisis verbatim into the app's database 'vigie': settings (identity, this device's
   * keys, its Yjs client ids), the crisis, its stored document and its journal.
   */
  async copyToApp(fromName: string) {
    await Dexie.delete('vigie');
    const from = benchDb(fromName);
    const to = benchDb('vigie');
    await to.settings.bulkPut(await from.settings.toArray());
    await to.crises.bulkPut(await from.crises.toArray());
    await to.updates.bulkAdd(await from.updates.toArray());
    await to.journal.bulkAdd(await from.journal.toArray());
    const rows = await to.journal.count();
    from.close();
    to.close();
    return { journalRows: rows };
  },

  /**
   * The row cache (`rows`: what a progressive open paints first) as the store left it on close,
   * copied into 'vigie' in place of whatever is there; returns how many rows the app had cached by
   * itself (during the previous open, until its page was closed) and how many are copied.
   */
  async copyRowCacheToApp(fromName: string) {
    const from = benchDb(fromName);
    const to = benchDb('vigie');
    const appCached = await to.rows.count();
    await to.rows.clear();
    const cache = await from.rows.toArray();
    for (let i = 0; i < cache.length; i += 10_000) await to.rows.bulkPut(cache.slice(i, i + 10_000));
    const rows = await to.rows.count();
    from.close();
    to.close();
    // The row cache holds the newest KEPT rows (more when creation times tie), not every row.
    return { appCached, rows, kept: KEPT };
  },

  /**
   * The same crisis with a history (issue #12's "100k + history"): `fromName`'s database copied to
   * `toName`, `editors` members admitted as coordinators, then about `perRow` signed edits per
   * sighting by them (status moves along the allowed transitions, priority, notes, assignee: see
   * rows.ts makeEdits), in rounds over every sighting, as a copy that received them would hold them:
   * appended to the journal and pushed into the exchange document (as verified entries already are).
   * The row cache is rebuilt by a store open (so that the usual open paints current rows).
   */
  async storeHistory(fromName: string, toName: string, crisis: CrisisRecord, identity: Identity, perRow: number, editors: number) {
    await Dexie.delete(toName);
    const from = benchDb(fromName);
    const to = benchDb(toName);
    for (const table of ['settings', 'crises', 'updates', 'journal'] as const) {
      const rows = await (from[table] as Table<unknown>).toArray();
      for (let i = 0; i < rows.length; i += 20_000) await (to[table] as Table<unknown>).bulkAdd(rows.slice(i, i + 20_000));
    }
    from.close();
    const t0 = performance.now();
    const store = await CrisisStore.open(to, crisis, identity);
    await store.docReady;
    const signers = await Promise.all(Array.from({ length: editors }, async () => signerFrom(await newSigningKeys())));
    for (const s of signers) await store.membership.admit(s.id, 'coordinateur');
    const rows = [...store.rows.values()];
    let t = Math.max(Date.now(), ...rows.map((r) => r.updatedAt)) + 1;
    const journal = new Journal(to, crisis.id);
    const log = store.doc.getArray<Envelope>('log');
    let count = 0;
    for (const slice of makeEdits(rows, perRow, 5000)) {
      const entries = await batched(slice, async ({ editor, body }) => {
        const signer = signers[editor % signers.length]!;
        const d = entryText({ ...body, a: signer.id, t: t++ } as Body);
        const [g, id] = await Promise.all([signer.sign(signedText(crisis.id, d)), entryId(d)]);
        return { id, d, g };
      });
      await journal.append(entries);
      store.doc.transact(() => log.push(entries.map(({ d, g }) => ({ d, g }))));
      count += entries.length;
    }
    await store.settled();
    await store.close();
    const writeMs = performance.now() - t0;
    // The row cache as a store leaves it after reading this history (current rows).
    await to.rows.clear();
    const again = await CrisisStore.open(to, crisis, identity);
    await again.settled();
    const changed = [...again.rows.values()].filter((r) => r.updatedAt > r.createdAt).length;
    await again.close();
    await leftOnDisk(to, crisis, identity);
    const journalRows = await to.journal.where('crisisId').equals(crisis.id).count();
    to.close();
    return { edits: count, writeMs, journalRows, changed, rows: rows.length };
  },

  /** A letter that about half of the n seeded rows contain in their search text (query.ts): one keystroke that filters. */
  searchLetter(n: number) {
    const rows = toRows(makeInputs(n), 'bench', 0);
    const hay = rows.map((s) => normalise([s.text, s.authorHandle, s.placeText, s.communeName, s.url, s.publicTitle].join(' ')));
    let best = { letter: 'e', share: 1 };
    for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
      const share = hay.filter((h) => h.includes(letter)).length / n;
      if (Math.abs(share - 0.5) < Math.abs(best.share - 0.5)) best = { letter, share };
    }
    return best;
  },

  /**
   * CrisisStore.open alone, cold (journal read and state built), then until its exchange document
   * is loaded in the background (`docReady`); the store stays in `keep` for the heap measure.
   */
  async storeOpen(dbName: string, crisis: CrisisRecord, identity: Identity) {
    const db = benchDb(dbName);
    await db.open();
    const tasks: { start: number; end: number }[] = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => ({ start: e.startTime, end: e.startTime + e.duration }))));
    observer.observe({ type: 'longtask' });
    const t0 = performance.now();
    const store = await CrisisStore.open(db, crisis, identity);
    const t1 = performance.now();
    await store.docReady;
    const t2 = performance.now();
    await store.settled();
    await new Promise((r) => setTimeout(r, 100)); // long-task entries are delivered a little later
    observer.disconnect();
    const blocked = (from: number, to: number) => tasks.reduce((sum, t) => sum + Math.max(0, Math.min(t.end, to) - Math.max(t.start, from)), 0);
    keep.store = store;
    return {
      ...{ openMs: t1 - t0, docReadyMs: t2 - t0, blockedBeforeOpenMs: blocked(t0, t1), blockedAfterOpenMs: blocked(t1, t2) },
      // A reopen should find nothing to take in or put back: anything here is the store repairing itself.
      ...{ rows: store.rows.size, deletionsUndone: store.deletionsUndone, rejected: store.rejectedCount, waiting: store.waitingCount },
    };
  },

  /**
   * The steps of CrisisStore.open and of its background document load, one by one (in their own
   * fresh page), as crisis-store.ts does them: journal read; JSON.parse of every body; the state
   * built (CrisisState.apply of every entry); then the stored document read and applied; the scan
   * of every value in the document against the journal's signatures.
   */
  async storeOpenSteps(dbName: string, crisis: CrisisRecord) {
    const db = benchDb(dbName);
    await db.open();
    const s0 = performance.now();
    const rows = await new Journal(db, crisis.id).all();
    const s1 = performance.now();
    const entries = rows.map((r) => ({ id: r.id, d: r.d, g: r.g, body: JSON.parse(r.d) as Body }));
    const s2 = performance.now();
    const state = new CrisisState(crisis.id);
    const signatures = new Map<string, string>();
    for (const e of entries) {
      signatures.set(e.g, e.id);
      state.apply(e);
    }
    const s3 = performance.now();
    const stored = await db.updates.where('crisisId').equals(docName(crisis)).toArray();
    const s4 = performance.now();
    const doc = new Y.Doc({ gc: false });
    Y.transact(doc, () => stored.forEach((s) => Y.applyUpdate(doc, s.update)));
    const s5 = performance.now();
    const live = new Set<string>();
    const unknown: unknown[] = [];
    forEachLogValue(doc.getArray('log'), (v, deleted) => {
      if (!isEnvelope(v)) return;
      if (!deleted) live.add(v.g);
      if (!signatures.has(v.g)) unknown.push(v);
    });
    const missing = [...signatures].filter(([g]) => !live.has(g)).length;
    const s6 = performance.now();
    db.close();
    // The same reads through a plain Dexie (no middleware: the sealed fields as stored): the
    // difference is what encryption at rest costs an open.
    const sealed = new Dexie(dbName);
    await sealed.open();
    const r0 = performance.now();
    await sealed.table('journal').where('crisisId').equals(crisis.id).toArray();
    const r1 = performance.now();
    await sealed.table('updates').where('crisisId').equals(docName(crisis)).toArray();
    const r2 = performance.now();
    sealed.close();
    return {
      ...{ journalMs: s1 - s0, parseMs: s2 - s1, stateMs: s3 - s2, readUpdatesMs: s4 - s3, applyMs: s5 - s4, scanMs: s6 - s5 },
      ...{ journalSealedMs: r1 - r0, updatesSealedMs: r2 - r1 },
      ...{ rows: state.rows.size, entries: entries.length, docValues: live.size, unknown: unknown.length, missing },
    };
  },

  /**
   * Signature throughput, no store: n creation entries of the bench's sightings, signed as
   * CrisisStore.write signs them (one author); then each thing the intake does to an entry that
   * arrives, alone: its id (SHA-256), its body (parseBody: JSON + zod), its signature
   * (verifySignature); all in batches of 2,000 promises as store/intake.ts does.
   */
  async signatures(n: number) {
    const signer = await signerFrom(await newSigningKeys());
    const crisisId = await entryId(`bench-crisis-${n}`);
    const t = Date.now();
    const ds = makeInputs(n).map((input, i) => JSON.stringify({ ...creationBody(newId(), { ...DEFAULT_FIELDS, ...input }), a: signer.id, t: t + i }));
    const t0 = performance.now();
    const gs = await batched(ds, (d) => signer.sign(signedText(crisisId, d)));
    const t1 = performance.now();
    await batched(ds, (d) => entryId(d));
    const t2 = performance.now();
    const parsed = ds.map((d) => parseBody(d));
    const t3 = performance.now();
    const ok = await batched(
      ds.map((d, i) => [d, gs[i]!] as const),
      ([d, g]) => verifySignature(signer.id, signedText(crisisId, d), g),
    );
    const t4 = performance.now();
    if (ok.some((v) => !v) || parsed.some((p) => !p.ok)) throw new Error('signatures: an entry did not verify');
    // The same, against a forged signature each (what a hostile peer costs): must all be refused.
    const forged = await batched(
      ds.slice(0, Math.min(n, 2000)).map((d, i) => [d, gs[(i + 1) % n]!] as const),
      ([d, g]) => verifySignature(signer.id, signedText(crisisId, d), g),
    );
    if (forged.some((v) => v)) throw new Error('signatures: a forged signature verified');
    const perSecond = (ms: number) => (n / ms) * 1000;
    return {
      ...{ signPerS: perSecond(t1 - t0), idPerS: perSecond(t2 - t1), parsePerS: perSecond(t3 - t2), verifyPerS: perSecond(t4 - t3) },
      ...{ signMs: t1 - t0, idMs: t2 - t1, parseMs: t3 - t2, verifyMs: t4 - t3, bodyBytes: ds.reduce((s, d) => s + utf8(d), 0) / n },
    };
  },

  /**
   * The intake path: a fresh store (another device, new keys, an empty database), with the crisis
   * as an invitation would give it (its first entry), receives one Yjs update holding the whole
   * crisis of another store (n signed sightings, 500 edits, the author's admission), as from a
   * peer. Times: the synchronous applyUpdate (Yjs decode + the store's look at what it inserted),
   * until every row is in the table (ids, bodies, signatures, rules, state), until settled (the
   * journal and the document are on disk).
   */
  async intake(fromName: string, crisis: CrisisRecord, toName: string, n: number) {
    await Dexie.delete(toName);
    const from = benchDb(fromName);
    const update = await storedDoc(from, crisis);
    from.close();
    const db = benchDb(toName);
    const identity = await saveIdentity(db, { name: 'Nouveau venu', organisation: 'SDIS 82', role: 'veilleur' });
    const { id, name, departement, hazard, startedAt, key, seed } = crisis;
    const record: CrisisRecord = { id, name, departement, hazard, startedAt, key, seed, createdAt: Date.now(), lastOpenedAt: Date.now(), epoch: 0 };
    await db.crises.put(record);
    const store = await CrisisStore.open(db, record, identity);
    await store.settled();
    // The page's longest task meanwhile: what a user of the newcomer's window feels.
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({ type: 'longtask' });
    const t0 = performance.now();
    Y.applyUpdate(store.doc, update, 'bench-peer');
    const t1 = performance.now();
    const t2 = await rowsAtLeast(store, n);
    await store.settled();
    const t3 = performance.now();
    await new Promise((r) => setTimeout(r, 100)); // long-task entries are delivered a little later
    observer.disconnect();
    const blocks = { longestTaskMs: Math.max(0, ...tasks), blockedMs: tasks.reduce((a, b) => a + b, 0) };
    const result = { applyMs: t1 - t0, rowsMs: t2 - t0, settledMs: t3 - t0, rows: store.rows.size, rejected: store.rejectedCount, waiting: store.waitingCount, ...blocks };
    const entries = store.doc.getArray('log').length;
    await store.close();
    db.close();
    await Dexie.delete(toName);
    return { ...result, entries, updateBytes: update.byteLength };
  },
};

declare global {
  interface Window {
    bench: typeof bench & typeof mapBench;
  }
}
window.bench = { ...bench, ...mapBench };
document.title = 'bench ready';
