// This device's keys, made here once and never sent anywhere: an Ed25519 pair that signs every
// entry this person writes (the public half is their member id), and an X25519 pair that lets a
// coordinator hand them a new crisis key when the crisis is re-keyed. The private halves are
// non-extractable WebCrypto keys kept in IndexedDB: page code can use them, not read them.
import { toBase64url } from '../core/base64url';
import { newSigningKeys, signerFrom, type Signer } from '../core/signing';
import type { VigieDatabase } from './database';

const KEYS = 'device-keys';

export interface DeviceKeys {
  signer: Signer;
  /** X25519 public key, base64url of its 32 raw bytes. */
  agreementId: string;
  agreement: CryptoKeyPair;
}

interface StoredKeys {
  signing: CryptoKeyPair;
  agreement: CryptoKeyPair;
}

const cache = new WeakMap<VigieDatabase, Promise<DeviceKeys>>();

export function deviceKeys(db: VigieDatabase): Promise<DeviceKeys> {
  let keys = cache.get(db);
  if (!keys) {
    keys = loadOrCreate(db);
    cache.set(db, keys);
    keys.catch(() => cache.delete(db));
  }
  return keys;
}

async function loadOrCreate(db: VigieDatabase): Promise<DeviceKeys> {
  let stored = (await db.settings.get(KEYS))?.value as StoredKeys | undefined;
  if (!stored?.signing?.privateKey || !stored.agreement?.privateKey) {
    const fresh: StoredKeys = {
      signing: await newSigningKeys(),
      agreement: (await crypto.subtle.generateKey({ name: 'X25519' }, false, ['deriveBits'])) as CryptoKeyPair,
    };
    // Another tab may have made keys meanwhile: the first ones written win.
    stored = await db.transaction('rw', db.settings, async () => {
      const again = (await db.settings.get(KEYS))?.value as StoredKeys | undefined;
      if (again?.signing?.privateKey) return again;
      await db.settings.put({ key: KEYS, value: fresh });
      return fresh;
    });
  }
  const agreementId = toBase64url(new Uint8Array(await crypto.subtle.exportKey('raw', stored.agreement.publicKey)));
  return { signer: await signerFrom(stored.signing), agreementId, agreement: stored.agreement };
}
