import * as Y from 'yjs';
import type { CrisisRecord, Identity } from '../../../src-renderer/core/crisis';
import { NO_ADDRESSES, type Invitation } from '../../../src-renderer/core/invitation';
import type { Role } from '../../../src-renderer/core/taxonomy';
import { VigieDatabase } from '../../../src-renderer/store/database';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { encodeWithEntries } from '../../../src-renderer/store/held-entries';
import { Keyring } from '../../../src-renderer/store/encryption/keyring';
import { memoryShelf, type KeyShelf } from '../../../src-renderer/store/encryption/shelf';
import { createCrisis, joinCrisis } from '../../../src-renderer/store/registry';

let dbCount = 0;
const shelves = new Map<string, KeyShelf>();

/** A database as the app opens one: encrypted at rest, its keys on a shelf in memory. */
export function freshDb(): VigieDatabase {
  const name = `test-${process.pid}-${++dbCount}`;
  shelves.set(name, memoryShelf());
  return reopened({ name });
}

/** The same database opened again, as after a restart: its keys read back from its shelf. */
export function reopened(db: { name: string }): VigieDatabase {
  const again = new VigieDatabase(db.name);
  again.encryptAtRest(Keyring.open(shelves.get(db.name)!));
  return again;
}

/** The shelf holding a test database's at-rest keys. */
export const shelfOf = (db: { name: string }) => shelves.get(db.name) as ReturnType<typeof memoryShelf>;

// Ids are replaced by each device's signing key when a store opens (store.me.id).
export const alice: Identity = { id: 'alice', name: 'Alice Martin', organisation: 'VISOV', role: 'coordinateur' };
export const bob: Identity = { id: 'bob', name: 'Bob Durand', organisation: 'Préfecture 82', role: 'cod' };
export const carol: Identity = { id: 'carol', name: 'Carole Petit', organisation: 'VISOV', role: 'veilleur' };

export function crisisIn(db: VigieDatabase, now?: number): Promise<CrisisRecord> {
  return createCrisis(db, { name: 'Crue du Tarn', departement: '82', hazard: 'inondation', startedAt: '2026-11-23T08:00:00Z' }, now);
}

/** The invitation `inviter` would give for `role` (no address: the tests exchange documents by hand). */
export async function invitationFrom(inviter: CrisisStore, role: Role, label?: string): Promise<Invitation> {
  const { id, name, departement, hazard, startedAt, key, epoch } = inviter.crisis;
  return { v: 2, id, name, departement, hazard, startedAt, key, epoch, addresses: NO_ADDRESSES, admission: await inviter.membership.newInvitationAdmission(role, label) };
}

/** A new copy, in its own database, joining through an invitation from `inviter`. */
export async function joined(inviter: CrisisStore, who: Identity, role: Role, now?: () => number, db = freshDb()): Promise<CrisisStore> {
  const record = await joinCrisis(db, await invitationFrom(inviter, role));
  return CrisisStore.open(db, record, who, now);
}

/** Exchanges what each document lacks, as a sync transport would, and waits for both records. */
export async function syncDocs(a: CrisisStore, b: CrisisStore): Promise<void> {
  await Promise.all([a.docReady, b.docReady]);
  // As the transports do: the texts a document holds by reference are read back from its journal.
  const toB = await encodeWithEntries(a.doc, Y.encodeStateVector(b.doc));
  const toA = await encodeWithEntries(b.doc, Y.encodeStateVector(a.doc));
  Y.applyUpdate(b.doc, toB, 'test-peer');
  Y.applyUpdate(a.doc, toA, 'test-peer');
  await Promise.all([a.settled(), b.settled()]);
}

/** Two copies of one crisis, in two databases (two buildings): Alice created it, Bob (COD) joined. */
export async function twoCopies(now?: () => number) {
  const dbA = freshDb();
  const dbB = freshDb();
  const crisis = await crisisIn(dbA, now?.());
  const a = await CrisisStore.open(dbA, crisis, alice, now);
  const b = await joined(a, bob, 'cod', now, dbB);
  await syncDocs(a, b);
  return { a, b, dbA, dbB, crisis: b.crisis };
}
