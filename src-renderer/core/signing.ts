// Who wrote an entry: every member signs with an Ed25519 key made on their device (WebCrypto: the
// browser, Electron and Node ≥ 20 alike). A member's id *is* their public key (base64url of its 32
// raw bytes), so an entry names its author by the very key that must verify it: nobody can write
// in someone else's name, and no unsigned directory can be rewritten to change who wrote what.
import { fromBase64url, toBase64url } from './base64url';
import { encodeUtf8 } from './utf8'; // not TextEncoder: the texts signed and hashed are the envelopes kept (core/utf8.ts)

const subtle = () => globalThis.crypto.subtle;
const ED = { name: 'Ed25519' } as const;

export const ACTOR_ID = /^[A-Za-z0-9_-]{43}$/;
export const SIGNATURE = /^[A-Za-z0-9_-]{86}$/;

export interface Signer {
  /** The member id: base64url of the raw public key. */
  id: string;
  sign(text: string): Promise<string>;
}

/** A device's signing key pair; the private key is not extractable unless asked (invitations). */
export async function newSigningKeys(extractable = false): Promise<CryptoKeyPair> {
  return (await subtle().generateKey(ED, extractable, ['sign', 'verify'])) as CryptoKeyPair;
}

export async function signerFrom(keys: { publicKey: CryptoKey; privateKey: CryptoKey }): Promise<Signer> {
  const id = toBase64url(new Uint8Array(await subtle().exportKey('raw', keys.publicKey)));
  return {
    id,
    async sign(text) {
      return toBase64url(new Uint8Array(await subtle().sign(ED, keys.privateKey, encodeUtf8(text))));
    },
  };
}

/** An invitation's one-purpose key travels as PKCS#8; it only ever signs the joiner's binding. */
export async function exportPrivateKey(key: CryptoKey): Promise<string> {
  return toBase64url(new Uint8Array(await subtle().exportKey('pkcs8', key)));
}

export async function signerFromPrivateKey(pkcs8: string, id: string): Promise<Signer> {
  const privateKey = await subtle().importKey('pkcs8', fromBase64url(pkcs8), ED, false, ['sign']);
  return {
    id,
    async sign(text) {
      return toBase64url(new Uint8Array(await subtle().sign(ED, privateKey, encodeUtf8(text))));
    },
  };
}

const publicKeys = new Map<string, Promise<CryptoKey | null>>();

function publicKey(actor: string): Promise<CryptoKey | null> {
  let key = publicKeys.get(actor);
  if (!key) {
    key = subtle()
      .importKey('raw', fromBase64url(actor), ED, false, ['verify'])
      .catch(() => null);
    if (publicKeys.size > 10_000) publicKeys.clear();
    publicKeys.set(actor, key);
  }
  return key;
}

/** True only when `signature` is `actor`'s Ed25519 signature of `text`; never throws. */
export async function verifySignature(actor: string, text: string, signature: string): Promise<boolean> {
  if (!ACTOR_ID.test(actor) || !SIGNATURE.test(signature)) return false;
  const key = await publicKey(actor);
  if (!key) return false;
  try {
    return await subtle().verify(ED, key, fromBase64url(signature), encodeUtf8(text));
  } catch {
    return false;
  }
}

/** An entry's id: the first 128 bits of SHA-256 of its signed text (the same entry has one id everywhere). */
export async function entryId(text: string): Promise<string> {
  const digest = await subtle().digest('SHA-256', encodeUtf8(text));
  return toBase64url(new Uint8Array(digest).subarray(0, 16));
}
