// The bench page: steps that bench/run.mjs calls through page.evaluate, one per fresh page load
// where a cold read is measured. Times are performance.now() in ms, sizes in bytes.
import Dexie, { type Table } from 'dexie';
import * as Y from 'yjs';
import { parseChange } from '../../src-renderer/core/changes';
import type { CrisisRecord, Identity } from '../../src-renderer/core/crisis';
import type { Sighting } from '../../src-renderer/core/sighting';
import { CrisisStore } from '../../src-renderer/store/crisis-store';
import { VigieDatabase } from '../../src-renderer/store/database';
import { LogMirror } from '../../src-renderer/store/log-mirror';
import { createCrisis, saveIdentity } from '../../src-renderer/store/registry';
import { mapBench } from './map';
import { makeInputs, toRows } from './rows';

/** The IndexedDB floor: the same rows as plain objects in a plain table, strict durability too. */
class RawDatabase extends Dexie {
  rows!: Table<Sighting, string>;
  blobs!: Table<{ key: string; bytes: Uint8Array }, string>;
  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'strict' });
    this.version(1).stores({ rows: 'id', blobs: 'key' });
  }
}

const utf8 = (s: string) => new TextEncoder().encode(s).byteLength;
// What run.mjs measures the heap of, from outside, once the step has returned: a collection
// triggered from inside a running step keeps whatever its async frames still reference.
const keep: Record<string, unknown> = {};
type Model = 'log' | 'logjson' | 'map';
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

const bench = {
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
    const db = new VigieDatabase(dbName);
    const identity = await saveIdentity(db, { name: 'Banc d’essai', organisation: 'VISOV', role: 'veilleur' });
    const crisis = await createCrisis(db, { name: `Crue du Tarn ${n}`, departement: '82', hazard: 'inondation', startedAt: '2026-10-17T04:00:00.000Z' });
    const inputs = makeInputs(n);
    const store = await CrisisStore.open(db, crisis, identity);
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
    // 500 edits: every 200 writes the store schedules a compaction for when the page is idle; the
    // first one after the import rewrites the whole document (the tail outgrew the base).
    for (let i = 0; i < 500; i++) {
      const id = ids[(i * 7919) % ids.length];
      const e0 = performance.now();
      await store.update(id, { priority: store.get(id)!.priority === 'P1' ? 'P2' : 'P1' });
      edits.push(performance.now() - e0);
    }
    const c0 = performance.now();
    await store.settled();
    const settleMs = performance.now() - c0;
    const docBytes = Y.encodeStateAsUpdate(store.doc).byteLength;
    const jsonBytes = utf8(JSON.stringify([...store.rows.values()]));
    const storedUpdates = await db.updates.count();
    await store.close();
    db.close();
    const first50 = edits.slice(0, 50);
    return {
      ...{ crisis, identity, createMs, firstBatchMs: batchMs[0], lastBatchMs: batchMs[batchMs.length - 1] },
      ...{ editMedian: percentile(first50, 0.5), editP95: percentile(first50, 0.95), editMax: Math.max(...edits) },
      ...{ editMedianAll: percentile(edits, 0.5), editP95All: percentile(edits, 0.95), settleMs },
      ...{ docBytes, jsonBytes, storedUpdates },
    };
  },

  /** Copies identity, crisis and its stored updates verbatim into the app's database 'vigie'. */
  async copyToApp(fromName: string, crisis: CrisisRecord, identity: Identity) {
    await Dexie.delete('vigie');
    const from = new VigieDatabase(fromName);
    const to = new VigieDatabase('vigie');
    await to.settings.put({ key: 'identity', value: identity });
    await to.crises.put(crisis);
    await to.updates.bulkAdd(await from.updates.toArray());
    from.close();
    to.close();
  },

  /** CrisisStore.open alone, cold; the store stays in `keep` for the heap measure. */
  async storeOpen(dbName: string, crisis: CrisisRecord, identity: Identity) {
    const db = new VigieDatabase(dbName);
    await db.open();
    const t0 = performance.now();
    const store = await CrisisStore.open(db, crisis, identity);
    const openMs = performance.now() - t0;
    keep.store = store;
    return { openMs, rows: store.rows.size };
  },

  /** The steps of CrisisStore.open one by one (in their own fresh page), to see where the time goes. */
  async storeOpenSteps(dbName: string, crisisId: string) {
    const db = new VigieDatabase(dbName);
    await db.open();
    const s0 = performance.now();
    const stored = await db.updates.where('crisisId').equals(crisisId).toArray();
    const s1 = performance.now();
    const doc = new Y.Doc();
    Y.transact(doc, () => stored.forEach((s) => Y.applyUpdate(doc, s.update)));
    const s2 = performance.now();
    const log = doc.getArray('log').toArray();
    const s3 = performance.now();
    for (const r of log) parseChange(r);
    const s4 = performance.now();
    new LogMirror().reset(log);
    const s5 = performance.now();
    db.close();
    return { readMs: s1 - s0, applyMs: s2 - s1, toArrayMs: s3 - s2, parseMs: s4 - s3, mirrorMs: s5 - s4 };
  },

  /**
   * The models' documents, saved for a cold apply: the current log; the same log with each entry's
   * fields as one JSON string (Yjs decodes every string of an entry separately, JSON.parse is
   * faster); and a Y.Map of plain JSON rows, one key per sighting.
   */
  async buildModels(storeName: string, crisisId: string, modelsName: string, n: number) {
    const from = new VigieDatabase(storeName);
    const logDoc = new Y.Doc();
    for (const s of await from.updates.where('crisisId').equals(crisisId).toArray()) Y.applyUpdate(logDoc, s.update);
    from.close();
    const jsonDoc = new Y.Doc();
    const entries = logDoc.getArray<Record<string, unknown>>('log').toArray();
    for (let i = 0; i < entries.length; i += 5000)
      jsonDoc.transact(() => jsonDoc.getArray('log').push(entries.slice(i, i + 5000).map((e) => ({ ...e, f: JSON.stringify(e.f) }))));
    const logJsonBytes = Y.encodeStateAsUpdate(jsonDoc);
    const rows = toRows(makeInputs(n), 'bench', Date.now());
    const mapDoc = new Y.Doc();
    const map = mapDoc.getMap<Sighting>('rows');
    mapDoc.transact(() => rows.forEach((r) => map.set(r.id, r)));
    const mapBytes = Y.encodeStateAsUpdate(mapDoc);
    const db = new RawDatabase(modelsName);
    await db.blobs.bulkPut([
      { key: 'log', bytes: Y.encodeStateAsUpdate(logDoc) },
      { key: 'logjson', bytes: logJsonBytes },
      { key: 'map', bytes: mapBytes },
    ]);
    db.close();
    return { logJsonBytes: logJsonBytes.byteLength, mapBytes: mapBytes.byteLength, jsonBytes: utf8(JSON.stringify(rows)) };
  },

  /** Cold applyUpdate of one saved model; the document stays in `keep` for the heap measure. */
  async applyModel(modelsName: string, kind: Model) {
    const db = new RawDatabase(modelsName);
    const { bytes } = (await db.blobs.get(kind))!;
    db.close();
    const doc = new Y.Doc();
    const t0 = performance.now();
    Y.applyUpdate(doc, bytes);
    keep.doc = doc;
    return { applyMs: performance.now() - t0 };
  },

  /** The rows a table needs, from the kept document: the log is replayed, the map is read. */
  materialise(kind: Model) {
    const doc = keep.doc as Y.Doc;
    const t0 = performance.now();
    if (kind === 'map') keep.rows = Array.from(doc.getMap<Sighting>('rows').values());
    else {
      const log = doc.getArray<Record<string, unknown>>('log').toArray();
      const mirror = new LogMirror();
      mirror.reset(kind === 'log' ? log : log.map((e) => ({ ...e, f: JSON.parse(e.f as string) })));
      keep.rows = mirror;
    }
    return { ms: performance.now() - t0 };
  },
};

declare global {
  interface Window {
    bench: typeof bench & typeof mapBench;
  }
}
window.bench = { ...bench, ...mapBench };
document.title = 'bench ready';
