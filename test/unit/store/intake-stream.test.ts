// The intake when a whole crisis streams in (store/intake.ts with store/verifier.ts): ids and
// signatures checked by workers that answer in any order, slices decided in the order they arrived.
// A forged entry in the middle of the stream is still refused; the record does not depend on the
// order the slices came in; a worker that fails leaves the page to do the checks, nothing skipped.
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { checkEntries, entryIds } from '../../../src-renderer/core/check-entry';
import { signedText } from '../../../src-renderer/core/records';
import { newSigningKeys, signerFrom } from '../../../src-renderer/core/signing';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import type { VerifyRequest, VerifyResponse } from '../../../src-renderer/store/verifier';
import { nextSlice, missingRanges } from '../../../src-renderer/sync/stream-state';
import type { JournalRow } from '../../../src-renderer/store/database';
import { bob, carol, joined, reopened, twoCopies } from './helpers';

/** A Worker that runs the worker's checks in this process and answers after a random delay (any order). */
class ShuffledWorker {
  static made = 0;
  static failing = false;
  onmessage: ((e: { data: VerifyResponse }) => void) | null = null;
  onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
  constructor() {
    ShuffledWorker.made++;
  }
  postMessage(m: VerifyRequest) {
    if (ShuffledWorker.failing) return void setTimeout(() => this.onerror?.({ message: 'module introuvable', preventDefault() {} }), 1);
    const copy = structuredClone(m);
    setTimeout(
      async () => {
        const data: VerifyResponse = copy.op === 'ids' ? { seq: copy.seq, ids: await entryIds(copy.texts) } : { seq: copy.seq, results: await checkEntries(copy.crisisId, copy.envelopes, copy.ids) };
        this.onmessage?.({ data: structuredClone(data) });
      },
      Math.random() * 8,
    );
  }
  terminate() {}
}

const realWorker = (globalThis as { Worker?: unknown }).Worker;
afterEach(() => {
  (globalThis as { Worker?: unknown }).Worker = realWorker;
  ShuffledWorker.failing = false;
});
function withWorkers(failing = false) {
  (globalThis as { Worker?: unknown }).Worker = ShuffledWorker;
  ShuffledWorker.failing = failing;
}

/** The document as a streaming peer sends it: valid Yjs updates of a few hundred entries each. */
function streamed(doc: Y.Doc, budget = 300): Uint8Array[] {
  const ranges = missingRanges(doc, new Map());
  const out: Uint8Array[] = [];
  for (let u = nextSlice(doc, ranges, budget); u; u = nextSlice(doc, ranges, budget)) out.push(u.slice()); // a view: kept, so copied
  return out;
}

const sorted = (s: CrisisStore) => [...s.rows.values()].sort((x, y) => (x.id < y.id ? -1 : 1));

async function crisisWithForgery(n: number) {
  const { a } = await twoCopies();
  const inputs = Array.from({ length: n }, (_, i) => ({ text: `Remontée n° ${i} : eau dans la rue`, priority: (['P1', 'P2', 'P3', 'P4'] as const)[i % 4] }));
  await a.createMany(inputs);
  await a.settled();
  // A hostile key holder slips a forged entry (Alice named as author, another key's signature) into
  // the middle of the log, between real entries.
  const evil = new Y.Doc();
  Y.applyUpdate(evil, Y.encodeStateAsUpdate(a.doc));
  const mallory = await signerFrom(await newSigningKeys());
  const d = JSON.stringify({ k: 'c', s: 'faux1', f: { text: 'Évacuez le quartier Sapiac', priority: 'P1' }, t: Date.now(), a: a.me.id });
  const forged = { d, g: await mallory.sign(signedText(a.crisis.id, d)) };
  evil.getArray('log').insert(Math.floor(evil.getArray('log').length / 2), [forged]);
  return { a, evil, slices: streamed(evil), streamedMembers: new Set(a.members().map((m) => m.id)) };
}

/** Alice's crisis with a forgery, and Bob joined and settled, with his database's journal table. */
async function newcomer(n: number) {
  const { a, evil } = await crisisWithForgery(n);
  const b = await joined(a, bob, 'cod');
  await b.docReady;
  await b.settled();
  const db = (b as unknown as { db: { journal: { bulkAdd(rows: JournalRow[]): Promise<unknown> } } }).db;
  return { evil, b, db };
}

async function receive(store: CrisisStore, slices: Uint8Array[]) {
  await store.docReady;
  for (const u of slices) Y.applyUpdate(store.doc, u, 'test-peer');
  await store.settled();
}

describe('a whole crisis streamed to a newcomer', () => {
  it('verified by workers answering in any order: every real entry taken, the forged one refused', { timeout: 60_000 }, async () => {
    withWorkers();
    const { a, slices } = await crisisWithForgery(2_500);
    expect(slices.length).toBeGreaterThan(5);
    const made = ShuffledWorker.made;
    const b = await joined(a, bob, 'cod');
    await receive(b, slices);
    expect(ShuffledWorker.made).toBeGreaterThan(made); // the checks went through the workers
    expect(b.rows.size).toBe(2_500);
    expect(b.rows.has('faux1')).toBe(false);
    expect(sorted(b)).toEqual(sorted(a));
    const refused = await b.rejections();
    expect(refused.map((r) => r.reason)).toEqual(['signature invalide']);
    // Nothing unverified in the journal: exactly Alice's record plus Bob's own profile.
    const journal = await (b as unknown as { journal: { all(): Promise<{ id: string }[]> } }).journal.all();
    const aIds = new Set((await (a as unknown as { journal: { all(): Promise<{ id: string }[]> } }).journal.all()).map((r) => r.id));
    expect(journal.filter((r) => !aIds.has(r.id))).toHaveLength(1);
    expect(journal.length).toBe(new Set(journal.map((r) => r.id)).size);
  });

  it('the same record whatever order the slices arrive in', { timeout: 60_000 }, async () => {
    withWorkers();
    const { a, slices, streamedMembers } = await crisisWithForgery(1_500);
    const inOrder = await joined(a, bob, 'cod');
    const reversed = await joined(a, carol, 'veilleur');
    await receive(inOrder, slices);
    await receive(reversed, [...slices].reverse());
    expect(sorted(reversed)).toEqual(sorted(inOrder));
    expect(reversed.rows.size).toBe(1_500);
    expect((await reversed.rejections()).map((r) => r.reason)).toEqual(['signature invalide']);
    // The members the stream carried (each newcomer also knows itself and its invitation).
    const alicesMembers = (s: CrisisStore) => s.members().filter((m) => streamedMembers.has(m.id)).map((m) => [m.id, m.role, m.name]).sort();
    expect(alicesMembers(reversed)).toEqual(alicesMembers(inOrder));
  });

  it('decides each message without waiting for the previous one’s disk write, then stores what waited together, in order', { timeout: 60_000 }, async () => {
    const { evil, b, db } = await newcomer(900);
    // The first journal write of what arrives is held (a slow disk); the later ones are not.
    const add = db.journal.bulkAdd.bind(db.journal) as (rows: JournalRow[], options?: { allKeys: true }) => Promise<unknown>;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const spy = vi.spyOn(db.journal, 'bulkAdd').mockImplementation(((rows: JournalRow[], options: { allKeys: true }) => {
      const first = order.length === 0;
      order.push(rows[0]!.id);
      // Started now (IndexedDB keeps the order writes were started in), acknowledged late.
      const written = add(rows, options);
      return first ? gate.then(() => written) : written;
    }) as never);
    const journal = (b as unknown as { journal: { append(rows: unknown[]): Promise<void>; all(): Promise<{ id: string }[]> } }).journal;
    const appends = vi.spyOn(journal, 'append');
    let settled = false;
    const settling = (async () => {
      // Messages of at most 200 entries: each written in one call.
      for (const u of streamed(evil, 200)) Y.applyUpdate(b.doc, u, 'test-peer');
      await b.settled();
      settled = true;
    })();
    // Every message was decided (rows shown) while the first write still waits…
    await vi.waitFor(() => expect(b.rows.size).toBe(900), { timeout: 20_000 });
    expect(appends).toHaveBeenCalledTimes(1);
    // …and nothing counts as stored before it is.
    expect(settled).toBe(false);
    release();
    await settling;
    spy.mockRestore();
    // What was decided meanwhile went to disk together, after the first write.
    expect(appends).toHaveBeenCalledTimes(2);
    const ids = (await journal.all()).map((r) => r.id);
    // Written in the order they were decided: each write's first entry after the previous one's.
    const at = order.map((id) => ids.indexOf(id));
    expect(at.every((x, i) => x >= 0 && (i === 0 || x > at[i - 1]!))).toBe(true);
    // Reopened from disk: the whole record is there.
    const again = await CrisisStore.open(reopened(db as never), b.crisis, bob);
    expect(again.rows.size).toBe(900);
  });

  it('a received write that fails is reported, not lost: the next write takes it in, then all of it reopens', { timeout: 60_000 }, async () => {
    const { evil, b, db } = await newcomer(600);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    // The disk refuses the first write of what arrives (a full disk, a quota).
    const add = vi.spyOn(db.journal, 'bulkAdd').mockRejectedValueOnce(new Error('QuotaExceededError'));
    const [first, ...rest] = streamed(evil, 200);
    Y.applyUpdate(b.doc, first!, 'test-peer'); // the exchange submits it and does not wait
    await expect(b.settled()).rejects.toThrow("Échec de l'enregistrement sur le disque : QuotaExceededError");
    add.mockRestore();
    // Still failed: nothing since has taken in what the failed write left out.
    await expect(b.settled()).rejects.toThrow(/QuotaExceededError/);
    for (const u of rest) Y.applyUpdate(b.doc, u, 'test-peer');
    await b.settled();
    await new Promise((r) => setTimeout(r, 10));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
    const again = await CrisisStore.open(reopened(db as never), b.crisis, bob);
    expect(again.rows.size).toBe(600);
  });

  it('a worker that cannot load: the page checks instead, and still refuses the forgery', { timeout: 60_000 }, async () => {
    withWorkers(true);
    const { a, slices } = await crisisWithForgery(1_200);
    const b = await joined(a, bob, 'cod');
    await receive(b, slices);
    expect(b.rows.size).toBe(1_200);
    expect(b.rows.has('faux1')).toBe(false);
    expect((await b.rejections()).map((r) => r.reason)).toEqual(['signature invalide']);
  });
});
