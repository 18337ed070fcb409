import { describe, expect, it } from 'vitest';
import { createMemoryVault } from '../../../src-renderer/platform/vault';
import { CrisisStore } from '../../../src-renderer/store/crisis-store';
import { VigieDatabase } from '../../../src-renderer/store/database';
import { deviceKeys } from '../../../src-renderer/store/device-keys';
import { listCrises } from '../../../src-renderer/store/registry';
import { alice, crisisIn, freshDb } from './helpers';

describe('secrets au repos', () => {
  it('ne laisse jamais la clé d’une crise en clair sur le disque quand la plateforme a un coffre', async () => {
    const db = freshDb();
    db.vault = createMemoryVault();
    const crisis = await crisisIn(db);
    const row = await db.crises.get(crisis.id);
    expect(row?.key).toBe('');
    expect(row?.sealedKey).toMatch(/^vigie-vault:1:/);
    expect(JSON.stringify(row)).not.toContain(crisis.key);
    expect((await listCrises(db))[0]!.key).toBe(crisis.key);
    // Another device (another vault) cannot open it.
    const thief = new VigieDatabase(db.name);
    thief.vault = createMemoryVault();
    await expect(listCrises(thief)).rejects.toThrow(/autre poste|altéré/);
  });

  it('scelle les clés de signature par le trousseau du système dans l’application de bureau', async () => {
    const db = freshDb();
    const vault = createMemoryVault();
    db.vault = { ...vault, protection: async () => 'os' as const };
    const keys = await deviceKeys(db);
    const stored = (await db.settings.get('device-keys'))?.value as { sealed?: Record<string, string>; signing?: unknown };
    expect(stored.signing).toBeUndefined();
    expect(stored.sealed?.signing).toMatch(/^vigie-vault:1:/);
    // A fresh start on the same device opens them: same member id, still able to sign.
    const again = new VigieDatabase(db.name);
    again.vault = db.vault;
    const reopened = await deviceKeys(again);
    expect(reopened.signer.id).toBe(keys.signer.id);
    const store = await CrisisStore.open(again, await crisisIn(again), alice);
    expect(store.me.id).toBe(keys.signer.id);
    expect((await store.create({ text: 'signé par une clé scellée' })).createdBy).toBe(keys.signer.id);
  });

  it('garde dans le navigateur des clés de signature non extractibles', async () => {
    const db = freshDb();
    db.vault = createMemoryVault();
    await deviceKeys(db);
    const stored = (await db.settings.get('device-keys'))?.value as { signing: CryptoKeyPair };
    expect(stored.signing.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('pkcs8', stored.signing.privateKey)).rejects.toThrow();
  });
});
