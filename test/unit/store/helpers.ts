import * as Y from 'yjs';
import type { CrisisRecord, Identity } from '../../../src-renderer/core/crisis';
import { VigieDatabase } from '../../../src-renderer/store/database';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { createCrisis } from '../../../src-renderer/store/registry';

let dbCount = 0;
export function freshDb(): VigieDatabase {
  return new VigieDatabase(`test-${process.pid}-${++dbCount}`);
}

export const alice: Identity = { id: 'alice', name: 'Alice Martin', organisation: 'VISOV', role: 'veilleur' };
export const bob: Identity = { id: 'bob', name: 'Bob Durand', organisation: 'Préfecture 82', role: 'cod' };

export function crisisIn(db: VigieDatabase): Promise<CrisisRecord> {
  return createCrisis(db, { name: 'Crue du Tarn', departement: '82', hazard: 'inondation', startedAt: '2026-11-23T08:00:00Z' });
}

/** Exchanges what each document lacks, as a sync transport would. */
export function syncDocs(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Two copies of one crisis, in two databases (two buildings), never connected. */
export async function twoCopies(now?: () => number) {
  const dbA = freshDb();
  const dbB = freshDb();
  const crisis = await crisisIn(dbA);
  await dbB.crises.add(crisis);
  const a = await CrisisStore.open(dbA, crisis, alice, now);
  const b = await CrisisStore.open(dbB, crisis, bob, now);
  return { a, b, dbA, dbB, crisis };
}
