// The vault: secrets sealed before they rest on disk (platform VaultCapability, index-types.ts).
//
// Sealed formats (ASCII, safe in JSON, IndexedDB and files):
//   vigie-vault:1:wc:<k>:<base64url(iv ‖ AES-256-GCM ciphertext ‖ tag)>
//       WebCrypto, with a NON-EXTRACTABLE key generated once per browser profile and kept in IndexedDB
//       (database "vigie-vault", store "keys"): script can use it, never read it. <k> is "t" (text) or
//       "b" (bytes); the whole prefix is the GCM additional data, so it can't be swapped.
//   vigie-vault:1:os:<base64 from Electron safeStorage>
//       Desktop: sealed by the main process with the system's keychain (src-main/vault.ts). The
//       plaintext handed over is "t:<text>" or "b:<base64url bytes>".
// open() reads either format, so a desktop copy that had no keyring and later has one still opens
// what it sealed before.
import { fromBase64url, toBase64url } from '../core/base64url';
import type { VaultBridge, VaultCapability, VaultProtection } from './index-types';

export const VAULT_PREFIX = 'vigie-vault:1:';
/** Keys and tokens are tens of bytes; a cap keeps the vault from becoming a file store. */
export const MAX_SECRET_BYTES = 32 * 1024;
const IV_BYTES = 12;

export const VAULT_DB = 'vigie-vault';
export const VAULT_STORE = 'keys';
export const VAULT_KEY_ID = 'device-key-v1';

export const VAULT_ERRORS = {
  notSealed: 'Secret illisible : ce n’est pas un secret scellé par Vigie.',
  otherDevice: 'Secret illisible : il a été scellé sur un autre poste ou dans un autre profil, ou il a été altéré.',
  desktopOnly: 'Secret illisible : il a été scellé par l’application de bureau, avec le trousseau du système.',
  tooLarge: `Secret trop volumineux pour le coffre (${MAX_SECRET_BYTES / 1024} Ko au plus).`,
  wrongType: 'Le coffre ne scelle que du texte ou des octets.',
  noCrypto: 'Ce navigateur ne permet pas de chiffrer les secrets (WebCrypto ou IndexedDB absents).',
} as const;

type Plain = { kind: 't'; text: string } | { kind: 'b'; bytes: Uint8Array };

function classify(plain: unknown): Plain {
  if (typeof plain === 'string') {
    if (new TextEncoder().encode(plain).byteLength > MAX_SECRET_BYTES) throw new Error(VAULT_ERRORS.tooLarge);
    return { kind: 't', text: plain };
  }
  if (plain instanceof Uint8Array) {
    if (plain.byteLength > MAX_SECRET_BYTES) throw new Error(VAULT_ERRORS.tooLarge);
    return { kind: 'b', bytes: plain };
  }
  throw new Error(VAULT_ERRORS.wrongType);
}

/** Which format a sealed string is in, or null when it is not one of ours. */
export function sealedBackend(sealed: unknown): 'wc' | 'os' | null {
  if (typeof sealed !== 'string' || !sealed.startsWith(VAULT_PREFIX)) return null;
  const backend = sealed.slice(VAULT_PREFIX.length, VAULT_PREFIX.length + 3);
  return backend === 'wc:' ? 'wc' : backend === 'os:' ? 'os' : null;
}

/** A vault over WebCrypto with the key `loadKey` gives (non-extractable AES-GCM, 256 bits). */
export function createWebCryptoVault(loadKey: () => Promise<CryptoKey>, protection: VaultProtection): VaultCapability {
  let key: Promise<CryptoKey> | null = null;
  const getKey = (): Promise<CryptoKey> => {
    key ??= loadKey().catch((error: unknown) => {
      key = null; // retried on the next call
      throw error;
    });
    return key;
  };
  return {
    async seal(plain) {
      const p = classify(plain);
      const bytes = p.kind === 't' ? new TextEncoder().encode(p.text) : new Uint8Array(p.bytes);
      const head = `${VAULT_PREFIX}wc:${p.kind}:`;
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const ciphertext = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(head) }, await getKey(), bytes);
      const out = new Uint8Array(IV_BYTES + ciphertext.byteLength);
      out.set(iv, 0);
      out.set(new Uint8Array(ciphertext), IV_BYTES);
      return head + toBase64url(out);
    },
    async open(sealed) {
      const backend = sealedBackend(sealed);
      if (backend === 'os') throw new Error(VAULT_ERRORS.desktopOnly);
      const match = backend === 'wc' ? /^vigie-vault:1:wc:([tb]):([A-Za-z0-9_-]+)$/.exec(sealed) : null;
      if (!match) throw new Error(VAULT_ERRORS.notSealed);
      const [, kind, body] = match;
      let data: Uint8Array<ArrayBuffer>;
      try {
        data = fromBase64url(body);
      } catch {
        throw new Error(VAULT_ERRORS.notSealed);
      }
      if (data.byteLength < IV_BYTES + 16) throw new Error(VAULT_ERRORS.notSealed);
      const cryptoKey = await getKey();
      let plain: ArrayBuffer;
      try {
        plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: data.slice(0, IV_BYTES), additionalData: new TextEncoder().encode(`${VAULT_PREFIX}wc:${kind}:`) },
          cryptoKey,
          data.slice(IV_BYTES),
        );
      } catch {
        throw new Error(VAULT_ERRORS.otherDevice);
      }
      return kind === 't' ? new TextDecoder().decode(plain) : new Uint8Array(plain);
    },
    protection: async () => protection,
  };
}

function newDeviceKey(): Promise<CryptoKey> {
  // extractable: false — exportKey() refuses it, so no script (nor an XSS) can copy the key out.
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']) as Promise<CryptoKey>;
}

function isAesKey(value: unknown): value is CryptoKey {
  const key = value as CryptoKey | null;
  return !!key && typeof key === 'object' && key.type === 'secret' && key.algorithm?.name === 'AES-GCM' && key.extractable === false;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * The device key of this browser profile: read from IndexedDB, or generated and stored the first
 * time. Read and write happen in one transaction, so two tabs starting together keep one key.
 */
export async function loadDeviceKey(idb: IDBFactory | undefined = globalThis.indexedDB): Promise<CryptoKey> {
  if (!idb || !globalThis.crypto?.subtle) throw new Error(VAULT_ERRORS.noCrypto);
  const fresh = await newDeviceKey();
  const open = idb.open(VAULT_DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(VAULT_STORE);
  const db = await request(open);
  try {
    return await new Promise<CryptoKey>((resolve, reject) => {
      const tx = db.transaction(VAULT_STORE, 'readwrite', { durability: 'strict' });
      const store = tx.objectStore(VAULT_STORE);
      let key = fresh;
      const existing = store.get(VAULT_KEY_ID);
      existing.onsuccess = () => {
        if (isAesKey(existing.result)) key = existing.result;
        else store.put(fresh, VAULT_KEY_ID);
      };
      tx.oncomplete = () => resolve(key);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('transaction abandonnée'));
    });
  } finally {
    db.close();
  }
}

/** Web build (and tests with fake-indexeddb): the device key in IndexedDB. */
export function createBrowserVault(idb?: IDBFactory): VaultCapability {
  return createWebCryptoVault(() => loadDeviceKey(idb ?? globalThis.indexedDB), 'browser');
}

/** Tests: a real key, in memory only. */
export function createMemoryVault(): VaultCapability {
  return createWebCryptoVault(newDeviceKey, 'memory');
}

/**
 * Desktop: the system's keychain through the main process when it offers one, else (Linux without
 * libsecret or KWallet) the browser vault of the app's own profile. Opens both formats.
 */
export function createShellVault(bridge: VaultBridge, fallback: VaultCapability, mainMessage: (error: unknown) => Error): VaultCapability {
  let status: Promise<boolean> | null = null;
  const osAvailable = (): Promise<boolean> => {
    status ??= bridge.status().then(
      (s) => s.available === true,
      () => {
        status = null;
        return false;
      },
    );
    return status;
  };
  return {
    async seal(plain) {
      const p = classify(plain);
      if (!(await osAvailable())) return fallback.seal(plain);
      const text = p.kind === 't' ? `t:${p.text}` : `b:${toBase64url(p.bytes)}`;
      const sealed = await bridge.seal(text).catch((error: unknown) => {
        throw mainMessage(error);
      });
      return `${VAULT_PREFIX}os:${sealed}`;
    },
    async open(sealed) {
      const backend = sealedBackend(sealed);
      if (backend !== 'os') return fallback.open(sealed);
      const text = await bridge.open(sealed.slice(VAULT_PREFIX.length + 3)).catch((error: unknown) => {
        throw mainMessage(error);
      });
      if (text.startsWith('t:')) return text.slice(2);
      if (text.startsWith('b:')) {
        try {
          return fromBase64url(text.slice(2));
        } catch {
          throw new Error(VAULT_ERRORS.otherDevice);
        }
      }
      throw new Error(VAULT_ERRORS.otherDevice);
    },
    protection: async () => ((await osAvailable()) ? 'os' : fallback.protection()),
  };
}
