// What this copy keeps for itself: the list of crises it takes part in (with their keys) and who
// is using it. Neither is shared through sync.
import { crisisInputSchema, identityInputSchema, type CrisisInput, type CrisisRecord, type Identity, type IdentityInput } from '../core/crisis';
import { newCrisisKey, newId } from '../core/ids';
import { syncAddressesSchema, type Invitation, type SyncAddresses } from '../core/invitation';
import type { VigieDatabase } from './database';

const IDENTITY_KEY = 'identity';

export async function loadIdentity(db: VigieDatabase): Promise<Identity | null> {
  const row = await db.settings.get(IDENTITY_KEY);
  return (row?.value as Identity | undefined) ?? null;
}

/** Saves who uses this copy; the actor id stays the same when the name or role changes. */
export async function saveIdentity(db: VigieDatabase, input: IdentityInput): Promise<Identity> {
  const parsed = identityInputSchema.parse(input);
  const previous = await loadIdentity(db);
  const identity: Identity = { ...parsed, id: previous?.id ?? newId() };
  await db.settings.put({ key: IDENTITY_KEY, value: identity });
  return identity;
}

/** Crises, the most recently opened first. */
export async function listCrises(db: VigieDatabase): Promise<CrisisRecord[]> {
  return (await db.crises.orderBy('lastOpenedAt').reverse().toArray());
}

export async function createCrisis(db: VigieDatabase, input: CrisisInput, now = Date.now()): Promise<CrisisRecord> {
  const parsed = crisisInputSchema.parse(input);
  const record: CrisisRecord = { ...parsed, id: newId(), key: newCrisisKey(), createdAt: now, lastOpenedAt: now };
  await db.crises.add(record);
  return record;
}

export async function markOpened(db: VigieDatabase, id: string, now = Date.now()): Promise<void> {
  await db.crises.update(id, { lastOpenedAt: now });
}

/** Closes (clôture) a crisis: it stays in the list, readable, marked closed. */
export async function closeCrisis(db: VigieDatabase, id: string, now = Date.now()): Promise<void> {
  await db.crises.update(id, { closedAt: now });
}

export async function reopenCrisis(db: VigieDatabase, id: string): Promise<void> {
  await db.crises.update(id, { closedAt: undefined });
}

/** Joins a crisis from an invitation; joining again updates its addresses. */
export async function joinCrisis(db: VigieDatabase, inv: Invitation, now = Date.now()): Promise<CrisisRecord> {
  const existing = await db.crises.get(inv.id);
  if (existing && existing.key !== inv.key)
    throw new Error('Cette crise existe déjà ici avec une autre clé : invitation refusée.');
  const { id, name, departement, hazard, startedAt, key, addresses } = inv;
  const record: CrisisRecord = existing
    ? { ...existing, addresses, lastOpenedAt: now }
    : { id, name, departement, hazard, startedAt, key, addresses, createdAt: now, lastOpenedAt: now };
  await db.crises.put(record);
  return record;
}

export async function saveAddresses(db: VigieDatabase, id: string, addresses: SyncAddresses): Promise<CrisisRecord> {
  await db.crises.update(id, { addresses: syncAddressesSchema.parse(addresses) });
  return (await db.crises.get(id))!;
}
