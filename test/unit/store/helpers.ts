import * as Y from 'yjs';
import type { CrisisRecord, Identity } from '../../../src-renderer/core/crisis';
import { VigieDatabase } from '../../../src-renderer/store/database';
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
