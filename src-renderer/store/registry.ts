// What this copy keeps for itself: the list of crises it takes part in (with their keys) and who
// is using it. Neither is shared through sync.
import { crisisInputSchema, identityInputSchema, type CrisisInput, type CrisisRecord, type Identity, type IdentityInput } from '../core/crisis';
import { newCrisisKey, newId } from '../core/ids';
import { syncAddressesSchema, type Invitation, type SyncAddresses } from '../core/invitation';
import { bindingText, entryText, signedText, type BodyOf } from '../core/records';
import { entryId, signerFromPrivateKey } from '../core/signing';
import type { StoredCrisis, VigieDatabase } from './database';
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

/** The crisis key never rests in clear where the platform has a vault. */
async function sealed(db: VigieDatabase, record: CrisisRecord): Promise<StoredCrisis> {
  if (!db.vault) return record;
  return { ...record, key: '', sealedKey: await db.vault.seal(record.key) };
}

async function opened(db: VigieDatabase, row: StoredCrisis): Promise<CrisisRecord> {
  const { sealedKey, ...record } = row;
  if (!sealedKey || !db.vault) return record;
  return { ...record, key: String(await db.vault.open(sealedKey)) };
}

async function getCrisis(db: VigieDatabase, id: string): Promise<CrisisRecord | undefined> {
  const row = await db.crises.get(id);
  return row && opened(db, row);
}

/** Crises, the most recently opened first. */
export async function listCrises(db: VigieDatabase): Promise<CrisisRecord[]> {
  const rows = await db.crises.orderBy('lastOpenedAt').reverse().toArray();
  return Promise.all(rows.map((r) => opened(db, r)));
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
  const d = entryText(genesis);
  const id = await entryId(d);
  const g = await signer.sign(signedText(id, d));
  const record: CrisisRecord = { ...parsed, id, key: newCrisisKey(), createdAt: now, lastOpenedAt: now, seed: [{ d, g }], epoch: 0 };
  await db.crises.add(await sealed(db, record));
  return record;
}

export async function markOpened(db: VigieDatabase, id: string, now = Date.now()): Promise<void> {
  await db.crises.update(id, { lastOpenedAt: now });
}

/**
 * Joins a crisis from an invitation: this device's key is bound to the invitation's admission by the
 * invitation key's signature (the invitation key signs nothing else); joining again updates the
 * addresses.
 */
export async function joinCrisis(db: VigieDatabase, inv: Invitation, now = Date.now()): Promise<CrisisRecord> {
  const existing = await getCrisis(db, inv.id);
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
  await db.crises.put(await sealed(db, record));
  return record;
}

export async function saveAddresses(db: VigieDatabase, id: string, addresses: SyncAddresses): Promise<CrisisRecord> {
  await db.crises.update(id, { addresses: syncAddressesSchema.parse(addresses) });
  return (await getCrisis(db, id))!;
}

/** The crisis's next key (a new epoch), given by a coordinator: invitations made from now on carry it. */
export async function rekeyCrisis(db: VigieDatabase, id: string, key: string, epoch: number): Promise<CrisisRecord> {
  const existing = await getCrisis(db, id);
  if (!existing) throw new Error('Crise inconnue.');
  if ((existing.epoch ?? 0) >= epoch) return existing;
  await db.crises.put(await sealed(db, { ...existing, key, epoch }));
  return (await getCrisis(db, id))!;
}
