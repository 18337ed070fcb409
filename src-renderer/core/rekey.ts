// Handing a new crisis key to each remaining member, inside a signed entry everyone can see but only
// they can open: X25519 between a throwaway key and the member's published key, HKDF-SHA-256, then
// AES-256-GCM. A removed member gets no copy, so nothing sealed after the change reaches them.
import { fromBase64url, toBase64url } from './base64url';

const subtle = () => globalThis.crypto.subtle;
const X = { name: 'X25519' } as const;

async function wrappingKey(privateKey: CryptoKey, publicRaw: Uint8Array<ArrayBuffer>, info: string): Promise<CryptoKey> {
  const peer = await subtle().importKey('raw', publicRaw, X, false, []);
  const shared = await subtle().deriveBits({ name: 'X25519', public: peer }, privateKey, 256);
  const hkdf = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(info) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

const label = (crisisId: string, epoch: number, member: string) => `vigie/rekey/v1:${crisisId}:${epoch}:${member}`;

/** Seals `secret` for the member whose X25519 public key (base64url) is `recipient`. */
export async function sealFor(secret: string, recipient: string, crisisId: string, epoch: number, member: string): Promise<string> {
  const eph = (await subtle().generateKey(X, true, ['deriveBits'])) as CryptoKeyPair;
  const ephRaw = new Uint8Array(await subtle().exportKey('raw', eph.publicKey));
  const key = await wrappingKey(eph.privateKey, fromBase64url(recipient), label(crisisId, epoch, member));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(secret)));
  const out = new Uint8Array(32 + 12 + ct.byteLength);
  out.set(ephRaw, 0);
  out.set(iv, 32);
  out.set(ct, 44);
  return toBase64url(out);
}

/** Opens what `sealFor` sealed for this member; null when it is not theirs or was altered. */
export async function openSealed(sealed: string, privateKey: CryptoKey, crisisId: string, epoch: number, member: string): Promise<string | null> {
  try {
    const bytes = fromBase64url(sealed);
    if (bytes.byteLength < 32 + 12 + 16) return null;
    const key = await wrappingKey(privateKey, bytes.slice(0, 32), label(crisisId, epoch, member));
    const plain = await subtle().decrypt({ name: 'AES-GCM', iv: bytes.slice(32, 44) }, key, bytes.slice(44));
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}
