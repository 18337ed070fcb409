// This device's keys, made here once and never sent anywhere: an Ed25519 pair that signs every
// entry this person writes (the public half is their member id), and an X25519 pair that lets a
// coordinator hand them a new crisis key when the crisis is re-keyed. The private halves are
// non-extractable WebCrypto keys kept in IndexedDB: page code can use them, not read them.
import { fromBase64url, toBase64url } from '../core/base64url';
import { newSigningKeys, signerFrom, type Signer } from '../core/signing';
import type { VigieDatabase } from './database';

const KEYS = 'device-keys';

export interface DeviceKeys {
  signer: Signer;
  /** X25519 public key, base64url of its 32 raw bytes. */
  agreementId: string;
  agreement: CryptoKeyPair;
}

/**
 * As stored: non-extractable key objects (web build: the browser keeps them, page code cannot read
 * them), or, where the vault is the system's keychain (desktop app), the private halves sealed by it.
 */
interface StoredKeys {
  signing?: CryptoKeyPair;
  agreement?: CryptoKeyPair;
  sealed?: { signing: string; signingPublic: string; agreement: string; agreementPublic: string };
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

const usable = (s?: StoredKeys) => !!(s?.sealed || (s?.signing?.privateKey && s.agreement?.privateKey));

async function loadOrCreate(db: VigieDatabase): Promise<DeviceKeys> {
  let stored = (await db.settings.get(KEYS))?.value as StoredKeys | undefined;
  if (!usable(stored)) {
    const fresh = await createKeys(db);
    // Another tab may have made keys meanwhile: the first ones written win.
    stored = await db.transaction('rw', db.settings, async () => {
      const again = (await db.settings.get(KEYS))?.value as StoredKeys | undefined;
      if (usable(again)) return again!;
      await db.settings.put({ key: KEYS, value: fresh });
      return fresh;
    });
  }
  const { signing, agreement } = await openKeys(db, stored!);
  const agreementId = toBase64url(new Uint8Array(await crypto.subtle.exportKey('raw', agreement.publicKey)));
  return { signer: await signerFrom(signing), agreementId, agreement };
}

const X = { name: 'X25519' } as const;
const ED = { name: 'Ed25519' } as const;

async function createKeys(db: VigieDatabase): Promise<StoredKeys> {
  const os = (await db.vault?.protection().catch(() => null)) === 'os';
  // Extractable only for the moment it takes to seal the private halves with the keychain.
  const signing = await newSigningKeys(os);
  const agreement = (await crypto.subtle.generateKey(X, os, ['deriveBits'])) as CryptoKeyPair;
  if (!os) return { signing, agreement };
  const pkcs8 = async (k: CryptoKey) => new Uint8Array(await crypto.subtle.exportKey('pkcs8', k));
  const raw = async (k: CryptoKey) => toBase64url(new Uint8Array(await crypto.subtle.exportKey('raw', k)));
  return {
    sealed: {
      signing: await db.vault!.seal(await pkcs8(signing.privateKey)),
      signingPublic: await raw(signing.publicKey),
      agreement: await db.vault!.seal(await pkcs8(agreement.privateKey)),
      agreementPublic: await raw(agreement.publicKey),
    },
  };
}

async function openKeys(db: VigieDatabase, stored: StoredKeys): Promise<{ signing: CryptoKeyPair; agreement: CryptoKeyPair }> {
  if (!stored.sealed) return { signing: stored.signing!, agreement: stored.agreement! };
  if (!db.vault) throw new Error('Clés de ce poste scellées par le trousseau du système : ouvrez Vigie dans l’application de bureau.');
  const s = stored.sealed;
  const bytes = async (sealed: string) => {
    const v = await db.vault!.open(sealed);
    if (typeof v === 'string') throw new Error('Clé de ce poste illisible.');
    return v as Uint8Array<ArrayBuffer>;
  };
  const pub = (b64: string) => fromBase64url(b64);
  return {
    signing: {
      privateKey: await crypto.subtle.importKey('pkcs8', await bytes(s.signing), ED, false, ['sign']),
      publicKey: await crypto.subtle.importKey('raw', pub(s.signingPublic), ED, true, ['verify']),
    },
    agreement: {
      privateKey: await crypto.subtle.importKey('pkcs8', await bytes(s.agreement), X, false, ['deriveBits']),
      publicKey: await crypto.subtle.importKey('raw', pub(s.agreementPublic), X, true, []),
    },
  };
}
