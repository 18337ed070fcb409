// What this copy keeps for itself: the list of crises it takes part in (with their keys) and who
// is using it. Neither is shared through sync.
import { crisisInputSchema, identityInputSchema, type CrisisInput, type CrisisRecord, type Identity, type IdentityInput } from '../core/crisis';
import { newCrisisKey, newId } from '../core/ids';
import { syncAddressesSchema, type Invitation, type SyncAddresses } from '../core/invitation';
import { bindingText, signedText, type BodyOf } from '../core/records';
import { entryId, signerFromPrivateKey } from '../core/signing';
import type { VigieDatabase } from './database';
import { deviceKeys } from './device-keys';

const IDENTITY_KEY = 'identity';

/** Who uses this copy; their id is always this device's signing key. */
export async function loadIdentity(db: VigieDatabase): Promise<Identity | null> {
  const row = await db.settings.get(IDENTITY_KEY);
  const identity = row?.value as Identity | undefined;
  if (!identity) return null;
  const { signer } = await deviceKeys(db);
  return { ...identity, id: signer.id };
}

export async function saveIdentity(db: VigieDatabase, input: IdentityInput): Promise<Identity> {
  const parsed = identityInputSchema.parse(input);
  const { signer } = await deviceKeys(db);
  const identity: Identity = { ...parsed, id: signer.id };
  await db.settings.put({ key: IDENTITY_KEY, value: identity });
  return identity;
}

/** Crises, the most recently opened first. */
export async function listCrises(db: VigieDatabase): Promise<CrisisRecord[]> {
  return await db.crises.orderBy('lastOpenedAt').reverse().toArray();
}

/**
 * Creates a crisis: its first entry, signed by this device, names the creator and the crisis; the
 * crisis's id is that entry's id, so no copy can be told another creator.
 */
export async function createCrisis(db: VigieDatabase, input: CrisisInput, now = Date.now()): Promise<CrisisRecord> {
  const parsed = crisisInputSchema.parse(input);
  const { signer } = await deviceKeys(db);
  const { name, departement, hazard, startedAt } = parsed;
  const genesis: BodyOf<'x'> = { k: 'x', a: signer.id, t: now, n: newId(), name, departement, hazard, startedAt };
  const d = JSON.stringify(genesis);
  const id = await entryId(d);
  const g = await signer.sign(signedText(id, d));
  const record: CrisisRecord = { ...parsed, id, key: newCrisisKey(), createdAt: now, lastOpenedAt: now, seed: [{ d, g }], epoch: 0 };
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

/**
 * Joins a crisis from an invitation: this device's key is bound to the invitation's admission by the
 * invitation key's signature (the invitation key signs nothing else); joining again updates the
 * addresses.
 */
export async function joinCrisis(db: VigieDatabase, inv: Invitation, now = Date.now()): Promise<CrisisRecord> {
  const existing = await db.crises.get(inv.id);
  if (existing && existing.key !== inv.key && (existing.epoch ?? 0) >= (inv.epoch ?? 0))
    throw new Error('Cette crise existe déjà ici avec une autre clé : invitation refusée.');
  const { signer } = await deviceKeys(db);
  const invitationKey = await signerFromPrivateKey(inv.admission.key, inv.admission.id);
  const binding = { i: inv.admission.id, w: await invitationKey.sign(bindingText(inv.id, signer.id)) };
  const { id, name, departement, hazard, startedAt, key, addresses } = inv;
  const seed = [...(existing?.seed ?? []), ...inv.admission.chain];
  const record: CrisisRecord = existing
    ? { ...existing, key, epoch: inv.epoch ?? existing.epoch, addresses, seed, binding: existing.binding ?? binding, lastOpenedAt: now }
    : { id, name, departement, hazard, startedAt, key, addresses, createdAt: now, lastOpenedAt: now, seed, binding, epoch: inv.epoch ?? 0 };
  await db.crises.put(record);
  return record;
}

export async function saveAddresses(db: VigieDatabase, id: string, addresses: SyncAddresses): Promise<CrisisRecord> {
  await db.crises.update(id, { addresses: syncAddressesSchema.parse(addresses) });
  return (await db.crises.get(id))!;
}

/** The crisis's next key (a new epoch), given by a coordinator: invitations made from now on carry it. */
export async function rekeyCrisis(db: VigieDatabase, id: string, key: string, epoch: number): Promise<CrisisRecord> {
  const existing = await db.crises.get(id);
  if (!existing) throw new Error('Crise inconnue.');
  if ((existing.epoch ?? 0) >= epoch) return existing;
  await db.crises.update(id, { key, epoch });
  return (await db.crises.get(id))!;
}
