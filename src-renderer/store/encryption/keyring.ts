// The keys that encrypt this copy's database at rest (docs/sync.md §1.10). Why: a purge must leave
// no personal value readable in the profile, and Chromium's IndexedDB (a LevelDB) keeps deleted
// values in its table files until a compaction happens to reach them. Encrypted, those leftovers
// are noise once their key is destroyed — and a key is a small file (shelf.ts) that really goes.
//
// A sealed value: key number (u32, big-endian) ‖ nonce (12 random bytes) ‖ ChaCha20 ciphertext
// (RFC 8439, @noble/ciphers). No MAC, on purpose: this layer is for erasure and for a profile copied
// off the machine, not against someone who can write the disk (who could replace the app itself);
// the record's integrity is its signatures. ChaCha20 in JS costs ~5 µs per entry, a MAC 4× more.
import { chacha20 } from '@noble/ciphers/chacha.js';
import { fromBase64url, toBase64url } from '../../core/base64url';
import type { VaultCapability } from '../../platform/index-types';
import type { KeyShelf } from './shelf';

const HEAD = 4 + 12;
const KEY_BYTES = 32;

export const KEYRING_ERRORS = {
  missing: (id: number) => `Donnée chiffrée illisible : la clé n° ${id} de ce poste a été détruite (purge) ou manque.`,
  damaged: 'Donnée chiffrée illisible : elle est tronquée.',
  badKey: (id: number) => `Clé de chiffrement n° ${id} illisible sur ce poste.`,
} as const;

export class Keyring {
  private constructor(
    private readonly shelf: KeyShelf,
    private readonly vault: VaultCapability | undefined,
    private readonly keys: Map<number, Uint8Array>,
    private currentId: number,
  ) {}

  /** Every key on the shelf; the newest seals. The first time, a key is made. */
  static async open(shelf: KeyShelf, vault?: VaultCapability): Promise<Keyring> {
    const keys = new Map<number, Uint8Array>();
    for (const id of await shelf.list()) {
      const stored = await shelf.read(id);
      if (!stored) {
        // A key whose creation was cut short (the file is made empty, then written whole on close):
        // it never sealed anything.
        await shelf.remove(id);
        continue;
      }
      const key = vault ? await vault.open(stored) : fromBase64url(stored);
      if (!(key instanceof Uint8Array) || key.byteLength !== KEY_BYTES) throw new Error(KEYRING_ERRORS.badKey(id));
      keys.set(id, key);
    }
    const ring = new Keyring(shelf, vault, keys, Math.max(0, ...keys.keys()));
    if (!keys.size) await ring.rotate();
    return ring;
  }

  /** Key numbers held, oldest first. */
  get ids(): number[] {
    return [...this.keys.keys()].sort((a, b) => a - b);
  }

  seal(plain: Uint8Array): Uint8Array {
    const out = new Uint8Array(HEAD + plain.byteLength);
    new DataView(out.buffer).setUint32(0, this.currentId);
    const nonce = crypto.getRandomValues(out.subarray(4, HEAD));
    chacha20(this.keys.get(this.currentId)!, nonce, plain, out.subarray(HEAD));
    return out;
  }

  /**
   * The plain bytes; written in `into` when it is large enough (a view of it is returned, valid until
   * `into` is written again): a page reading thousands of rows then makes no buffer per row.
   */
  open(sealed: Uint8Array, into?: Uint8Array): Uint8Array {
    if (sealed.byteLength < HEAD) throw new Error(KEYRING_ERRORS.damaged);
    const id = ((sealed[0]! << 24) | (sealed[1]! << 16) | (sealed[2]! << 8) | sealed[3]!) >>> 0;
    const key = this.keys.get(id);
    if (!key) throw new Error(KEYRING_ERRORS.missing(id));
    const length = sealed.byteLength - HEAD;
    const out = into && into.byteLength >= length ? into.subarray(0, length) : undefined;
    return chacha20(key, sealed.subarray(4, HEAD), sealed.subarray(HEAD), out);
  }

  /** A new key, durably on the shelf before it seals anything. Resolves with its number. */
  async rotate(): Promise<number> {
    const id = this.currentId + 1;
    const key = crypto.getRandomValues(new Uint8Array(KEY_BYTES));
    await this.shelf.write(id, this.vault ? await this.vault.seal(key) : toBase64url(key));
    this.keys.set(id, key);
    this.currentId = id;
    return id;
  }

  /** Destroys every key older than `id`: what they sealed can no longer be read, anywhere. */
  async retireBelow(id: number): Promise<void> {
    for (const old of this.ids) {
      if (old >= id || old === this.currentId) continue;
      await this.shelf.remove(old);
      this.keys.get(old)!.fill(0);
      this.keys.delete(old);
    }
  }
}
