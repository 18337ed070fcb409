// The "paquet de synchronisation": a crisis's updates in one file, carried on a USB key between
// buildings when no network joins them. Encrypted and authenticated with a key derived from the
// crisis key; whatever is wrong with a file (cut short, altered, another crisis, another key, not a
// pack at all) is refused here, with a French message, before anything else reads it.
//
// Byte layout (all integers big-endian):
//   0   7  magic, ASCII "VIGIEPK"
//   7   1  format version (1)
//   8   4  H, byte length of the header
//   12  H  header, UTF-8 JSON (SyncPackHeader), readable without the key
//   12+H 12 AES-GCM IV (random)
//   24+H B  AES-256-GCM ciphertext of the body followed by its 16-byte tag (B = header.bodyBytes)
// Bytes 0 … 12+H (magic, version, length, header) are the AES-GCM additional data: altering any of
// them makes decryption fail. The body is the payload, gzip-compressed when header.encoding is
// 'gzip'. The AES key is HKDF-SHA-256(crisis key, info "vigie/sync-pack/v1"): distinct from the
// WebRTC password and the relay token derived from the same crisis key.
import { fromBase64url } from './base64url';
import { CRISIS_KEY_PATTERN } from './ids';

export const SYNC_PACK_VERSION = 1;
export const SYNC_PACK_EXTENSION = '.vigiesync';
const MAGIC = new TextEncoder().encode('VIGIEPK');
const PREFIX_BYTES = MAGIC.length + 1 + 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A real header is a few hundred bytes; anything far larger is not ours. */
const MAX_HEADER_BYTES = 16 * 1024;
const HKDF_INFO = 'vigie/sync-pack/v1';

/**
 * Caps on what a pack may make this copy read and hold, so that a file built to exhaust memory (a few
 * MB of gzip inflating to gigabytes: a "zip bomb") is refused at once instead of freezing the app.
 * 10,000 sightings are a 7.1 MB payload sealed in ≈ 1 MB; 100,000 a ≈ 70 MB payload (docs/sync.md §7).
 */
export const SYNC_PACK_LIMITS = Object.freeze({
  /** The file itself (also the most the desktop app writes in one save). */
  maxPackBytes: 200 * 1024 * 1024,
  /** The payload once decrypted and inflated. */
  maxPayloadBytes: 512 * 1024 * 1024,
  /** Inflated ÷ compressed: Yjs updates of sightings compress ≈ 7×; gzip tops out near 1,032×. */
  maxInflateRatio: 100,
  /** Below this payload size the ratio is not checked (a small, very repetitive crisis is harmless). */
  ratioFreeBytes: 1024 * 1024,
});

export type SyncPackLimits = typeof SYNC_PACK_LIMITS;

export type SyncPackErrorCode =
  | 'truncated'
  | 'not-a-pack'
  | 'unsupported-version'
  | 'other-crisis'
  | 'wrong-key-or-corrupted'
  | 'too-large'
  | 'inflate-limit'
  // raised by the store when it checks the payload (store/sync-pack.ts)
  | 'invalid-content'
  | 'missing-history';

export class SyncPackError extends Error {
  constructor(
    readonly code: SyncPackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SyncPackError';
  }
}

const MESSAGES: Record<Exclude<SyncPackErrorCode, 'other-crisis'>, string> = {
  truncated: 'Fichier tronqué : le paquet de synchronisation est incomplet.',
  'not-a-pack': "Ce fichier n'est pas un paquet de synchronisation Vigie.",
  'unsupported-version': 'Version de paquet non prise en charge : mettez Vigie à jour sur cet ordinateur.',
  'wrong-key-or-corrupted': "Paquet illisible : il est corrompu ou n'a pas été chiffré avec la clé de cette crise.",
  'too-large': `Paquet refusé : le fichier dépasse ${mib(SYNC_PACK_LIMITS.maxPackBytes)} Mo, la taille maximale d'un paquet de synchronisation.`,
  'inflate-limit':
    `Paquet refusé : une fois décompressé il dépasserait ${mib(SYNC_PACK_LIMITS.maxPayloadBytes)} Mo ` +
    `(ou plus de ${SYNC_PACK_LIMITS.maxInflateRatio} fois sa taille compressée). Rien n'a été importé.`,
  'invalid-content': "Paquet refusé : son contenu n'est pas celui d'une crise Vigie.",
  'missing-history':
    "Paquet refusé : il complète des mises à jour que cet ordinateur n'a pas encore reçues. Demandez un paquet complet.",
};

function mib(bytes: number): number {
  return Math.round(bytes / (1024 * 1024));
}

export function syncPackError(code: Exclude<SyncPackErrorCode, 'other-crisis'>): SyncPackError {
  return new SyncPackError(code, MESSAGES[code]);
}

/** What a pack says about itself; readable without the key, authenticated with it. */
export interface SyncPackHeader {
  version: number;
  crisisId: string;
  crisisName: string;
  /** ms since epoch, sender's clock */
  createdAt: number;
  /** who exported it, as the sender typed it */
  createdBy: string;
  /** byte length of the payload once decrypted and decompressed */
  payloadBytes: number;
  /** how the payload was encoded before encryption */
  encoding: 'gzip' | 'identity';
  /** byte length of the ciphertext, tag included */
  bodyBytes: number;
}

export interface SealInput {
  crisisId: string;
  crisisName: string;
  /** the crisis key (base64url, 256 bits) */
  key: string;
  payload: Uint8Array;
  createdAt: number;
  createdBy: string;
}

export async function sealPack(input: SealInput, limits: SyncPackLimits = SYNC_PACK_LIMITS): Promise<Uint8Array> {
  // Never write a pack that the other side would refuse.
  if (input.payload.byteLength > limits.maxPayloadBytes) throw syncPackError('inflate-limit');
  const aesKey = await packKey(input.key);
  // Compress when it helps: a Yjs update of 10k sightings, 7.1 MB, seals to 0.98 MB (random data would not shrink).
  const gz = await gzip(input.payload);
  const useGzip = gz !== null && gz.byteLength < input.payload.byteLength && !overInflateRatio(input.payload.byteLength, gz.byteLength + TAG_BYTES, limits);
  const body = useGzip ? gz : input.payload;
  const header: SyncPackHeader = {
    version: SYNC_PACK_VERSION,
    crisisId: input.crisisId,
    crisisName: input.crisisName,
    createdAt: input.createdAt,
    createdBy: input.createdBy,
    payloadBytes: input.payload.byteLength,
    encoding: useGzip ? 'gzip' : 'identity',
    bodyBytes: body.byteLength + TAG_BYTES,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  if (headerBytes.byteLength > MAX_HEADER_BYTES) throw new Error('en-tête de paquet trop long');

  const aad = new Uint8Array(PREFIX_BYTES + headerBytes.byteLength);
  aad.set(MAGIC, 0);
  aad[MAGIC.length] = SYNC_PACK_VERSION;
  new DataView(aad.buffer).setUint32(MAGIC.length + 1, headerBytes.byteLength);
  aad.set(headerBytes, PREFIX_BYTES);

  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ciphertext = new Uint8Array(
    await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, aesKey, ab(body)),
  );

  if (aad.byteLength + IV_BYTES + ciphertext.byteLength > limits.maxPackBytes) throw syncPackError('too-large');
  const out = new Uint8Array(aad.byteLength + IV_BYTES + ciphertext.byteLength);
  out.set(aad, 0);
  out.set(iv, aad.byteLength);
  out.set(ciphertext, aad.byteLength + IV_BYTES);
  return out;
}

/**
 * Checks and decrypts a pack for the given crisis. Throws SyncPackError (French message) for a file
 * that is cut short, altered, of another crisis or key, or not a pack.
 */
export async function openPack(
  bytes: Uint8Array,
  expected: { crisisId: string; key: string },
  limits: SyncPackLimits = SYNC_PACK_LIMITS,
): Promise<{ payload: Uint8Array; header: SyncPackHeader }> {
  if (bytes.byteLength === 0) throw syncPackError('not-a-pack');
  if (bytes.byteLength > limits.maxPackBytes) throw syncPackError('too-large');
  const magicSeen = Math.min(bytes.byteLength, MAGIC.length);
  for (let i = 0; i < magicSeen; i++) if (bytes[i] !== MAGIC[i]) throw syncPackError('not-a-pack');
  if (bytes.byteLength <= MAGIC.length) throw syncPackError('truncated');
  if (bytes[MAGIC.length] !== SYNC_PACK_VERSION) throw syncPackError('unsupported-version');
  if (bytes.byteLength < PREFIX_BYTES) throw syncPackError('truncated');

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(MAGIC.length + 1);
  if (headerLength === 0 || headerLength > MAX_HEADER_BYTES) throw syncPackError('wrong-key-or-corrupted');
  const ivAt = PREFIX_BYTES + headerLength;
  if (bytes.byteLength < ivAt) throw syncPackError('truncated');

  const header = parseHeader(bytes.subarray(PREFIX_BYTES, ivAt));
  if (!header) throw syncPackError('wrong-key-or-corrupted');
  const end = ivAt + IV_BYTES + header.bodyBytes;
  if (bytes.byteLength < end) throw syncPackError('truncated');
  if (bytes.byteLength > end) throw syncPackError('wrong-key-or-corrupted');
  // Not yet authenticated (another crisis's key is not ours), so only shown, as text, by the UI.
  if (header.crisisId !== expected.crisisId)
    throw new SyncPackError('other-crisis', `Ce paquet concerne une autre crise (« ${header.crisisName} »).`);
  // What the header announces is checked before any work: a declared 3 GB is refused here, unread.
  if (header.payloadBytes > limits.maxPayloadBytes) throw syncPackError('inflate-limit');
  if (header.encoding === 'gzip' && overInflateRatio(header.payloadBytes, header.bodyBytes, limits)) throw syncPackError('inflate-limit');
  if (header.encoding === 'identity' && header.payloadBytes !== header.bodyBytes - TAG_BYTES) throw syncPackError('wrong-key-or-corrupted');

  const aesKey = await packKey(expected.key);
  let body: Uint8Array;
  try {
    body = new Uint8Array(
      await globalThis.crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: ab(bytes.subarray(ivAt, ivAt + IV_BYTES)), additionalData: ab(bytes.subarray(0, ivAt)) },
        aesKey,
        ab(bytes.subarray(ivAt + IV_BYTES, end)),
      ),
    );
  } catch {
    throw syncPackError('wrong-key-or-corrupted');
  }

  // From here the header is authentic: only a faulty sender could make what follows fail.
  let payload: Uint8Array = body;
  if (header.encoding === 'gzip') {
    // Streamed, and stopped as soon as the output passes what the header announced (itself within
    // the caps): a header that lies about the size costs no more than the size it claims, and the
    // pack is refused as corrupted.
    const unzipped = await inflateAtMost(body, header.payloadBytes).catch(() => null);
    if (!unzipped || unzipped.byteLength !== header.payloadBytes) throw syncPackError('wrong-key-or-corrupted');
    payload = unzipped;
  }
  if (payload.byteLength !== header.payloadBytes) throw syncPackError('wrong-key-or-corrupted');
  return { payload, header };
}

/** The header as written by sealPack, or null for anything else. */
function parseHeader(bytes: Uint8Array): SyncPackHeader | null {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const h = raw as Record<string, unknown>;
  const count = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (h.version !== SYNC_PACK_VERSION) return null;
  if (typeof h.crisisId !== 'string' || !h.crisisId) return null;
  if (typeof h.crisisName !== 'string' || typeof h.createdBy !== 'string') return null;
  if (typeof h.createdAt !== 'number' || !Number.isFinite(h.createdAt)) return null;
  if (h.encoding !== 'gzip' && h.encoding !== 'identity') return null;
  if (!count(h.payloadBytes) || !count(h.bodyBytes) || (h.bodyBytes as number) < TAG_BYTES) return null;
  return {
    version: h.version,
    crisisId: h.crisisId,
    // Shown to the user before the header is authenticated (another crisis): keep it printable.
    crisisName: printable(h.crisisName, 120),
    createdAt: h.createdAt,
    createdBy: printable(h.createdBy, 120),
    payloadBytes: h.payloadBytes as number,
    encoding: h.encoding,
    bodyBytes: h.bodyBytes as number,
  };
}

function printable(s: string, max: number): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').slice(0, max);
}

function decodeKey(key: string): Uint8Array<ArrayBuffer> {
  if (!CRISIS_KEY_PATTERN.test(key)) throw new Error('clé de crise invalide');
  return fromBase64url(key);
}

async function packKey(crisisKey: string): Promise<CryptoKey> {
  const base = await globalThis.crypto.subtle.importKey('raw', decodeKey(crisisKey), 'HKDF', false, ['deriveKey']);
  return globalThis.crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(HKDF_INFO) },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** A copy backed by a plain ArrayBuffer, as WebCrypto and Blob want it (no copy when it already is). */
function ab(u: Uint8Array): Uint8Array<ArrayBuffer> {
  return u.buffer instanceof ArrayBuffer ? (u as Uint8Array<ArrayBuffer>) : new Uint8Array(u);
}

async function gzip(data: Uint8Array): Promise<Uint8Array | null> {
  if (typeof globalThis.CompressionStream !== 'function') return null;
  const stream = new Blob([ab(data)]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const INFLATE_SLICE_BYTES = 8 * 1024;

function overInflateRatio(payloadBytes: number, bodyBytes: number, limits: SyncPackLimits): boolean {
  return payloadBytes > limits.ratioFreeBytes && payloadBytes > bodyBytes * limits.maxInflateRatio;
}

export class InflateLimitError extends Error {
  constructor(readonly maxBytes: number) {
    super(`inflated past ${maxBytes} bytes`);
    this.name = 'InflateLimitError';
  }
}

/**
 * Gunzips `data` chunk by chunk (DecompressionStream) and gives up — cancelling the stream, so no
 * more is inflated — as soon as the output passes `maxBytes`. Memory grows with what actually comes
 * out, never with a size announced in advance. Rejects with InflateLimitError past the cap, and with
 * the stream's own error for a broken gzip stream.
 */
export async function inflateAtMost(data: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  // Fed in small slices, one per pull: an inflater turns each input chunk into all of its output at
  // once, so a 64 KiB chunk of a bomb would already be 64 MiB. 8 KiB bounds the overshoot to ≈ 8 MiB.
  let offset = 0;
  const input = new ReadableStream<Uint8Array<ArrayBuffer>>(
    {
      pull(controller) {
        if (offset >= data.byteLength) return controller.close();
        controller.enqueue(data.slice(offset, offset + INFLATE_SLICE_BYTES));
        offset += INFLATE_SLICE_BYTES;
      },
    },
    { highWaterMark: 0 },
  );
  const stream = input.pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new InflateLimitError(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(n);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
