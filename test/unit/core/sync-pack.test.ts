import { createGunzip, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newCrisisKey, newId } from '../../../src-renderer/core/ids';
import {
  inflateAtMost,
  InflateLimitError,
  openPack,
  sealPack,
  SYNC_PACK_LIMITS,
  SyncPackError,
  type SealInput,
  type SyncPackHeader,
} from '../../../src-renderer/core/sync-pack';

const MAGIC = 'VIGIEPK';
const crisisId = newId();
const key = newCrisisKey();

/** Compressible, like a Yjs update of sightings. */
function samplePayload(n = 2000): Uint8Array {
  const text = Array.from({ length: n }, (_, i) => `{"s":"id${i}","f":{"text":"Eau dans les rues de Moissac ${i}"}}`).join('');
  return new TextEncoder().encode(text);
}

function input(over: Partial<SealInput> = {}): SealInput {
  return { crisisId, crisisName: 'Crue du Tarn', key, payload: samplePayload(), createdAt: 1_790_000_000_000, createdBy: 'Alice Martin', ...over };
}

const expected = { crisisId, key };

async function refusal(bytes: Uint8Array, exp = expected): Promise<SyncPackError> {
  try {
    await openPack(bytes, exp);
  } catch (e) {
    expect(e).toBeInstanceOf(SyncPackError);
    return e as SyncPackError;
  }
  throw new Error('pack accepted');
}

function headerEnd(pack: Uint8Array): number {
  return 12 + new DataView(pack.buffer, pack.byteOffset).getUint32(8);
}

function hkdfKey(rawKey: string, info: string, usage: KeyUsage = 'decrypt'): Promise<CryptoKey> {
  const bin = atob(rawKey.replace(/-/g, '+').replace(/_/g, '/') + '=');
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return crypto.subtle
    .importKey('raw', bytes, 'HKDF', false, ['deriveKey'])
    .then((base) =>
      crypto.subtle.deriveKey(
        { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(info) },
        base,
        { name: 'AES-GCM', length: 256 },
        false,
        [usage],
      ),
    );
}

describe('paquet de synchronisation : format', () => {
  it('rend le contenu et l’en-tête scellés', async () => {
    const payload = samplePayload();
    const pack = await sealPack(input({ payload }));
    expect(new TextDecoder().decode(pack.subarray(0, 7))).toBe(MAGIC);
    expect(pack[7]).toBe(1);
    const opened = await openPack(pack, expected);
    expect(opened.payload).toEqual(payload);
    expect(opened.header).toMatchObject({
      version: 1,
      crisisId,
      crisisName: 'Crue du Tarn',
      createdAt: 1_790_000_000_000,
      createdBy: 'Alice Martin',
      payloadBytes: payload.byteLength,
      encoding: 'gzip',
    });
    // Compressed: a log of sightings repeats itself.
    expect(pack.byteLength).toBeLessThan(payload.byteLength / 3);
  });

  it('ne compresse pas ce qui ne gagnerait rien, et le rend intact', async () => {
    const payload = crypto.getRandomValues(new Uint8Array(5000));
    const pack = await sealPack(input({ payload }));
    const opened = await openPack(pack, expected);
    expect(opened.header.encoding).toBe('identity');
    expect(opened.payload).toEqual(payload);
  });

  it('rend un contenu vide', async () => {
    const opened = await openPack(await sealPack(input({ payload: new Uint8Array(0) })), expected);
    expect(opened.payload.byteLength).toBe(0);
  });

  it('tire un vecteur d’initialisation neuf à chaque paquet', async () => {
    const a = await sealPack(input());
    const b = await sealPack(input());
    const end = headerEnd(a);
    expect(a.subarray(0, end)).toEqual(b.subarray(0, end));
    expect(a.subarray(end, end + 12)).not.toEqual(b.subarray(end, end + 12));
    expect(a.subarray(end + 12)).not.toEqual(b.subarray(end + 12));
  });

  it('chiffre avec une clé dérivée (HKDF) et non avec la clé de la crise elle-même', async () => {
    const pack = await sealPack(input({ payload: crypto.getRandomValues(new Uint8Array(100)) }));
    const end = headerEnd(pack);
    const params = { name: 'AES-GCM', iv: pack.slice(end, end + 12), additionalData: pack.slice(0, end) };
    const body = pack.slice(end + 12);
    const bin = atob(key.replace(/-/g, '+').replace(/_/g, '/') + '=');
    const rawKey = await crypto.subtle.importKey('raw', Uint8Array.from(bin, (c) => c.charCodeAt(0)), 'AES-GCM', false, ['decrypt']);
    await expect(crypto.subtle.decrypt(params, rawKey, body)).rejects.toThrow();
    await expect(crypto.subtle.decrypt(params, await hkdfKey(key, 'vigie/webrtc-room/v1'), body)).rejects.toThrow();
    const plain = await crypto.subtle.decrypt(params, await hkdfKey(key, 'vigie/sync-pack/v1'), body);
    expect(plain.byteLength).toBe(100);
  });

  it('garde le nom de la crise lisible sans la clé, dans l’en-tête (et nulle part le contenu)', async () => {
    const pack = await sealPack(input({ payload: new TextEncoder().encode('texte secret '.repeat(50)) }));
    const asText = new TextDecoder('latin1').decode(pack);
    expect(asText).toContain('Crue du Tarn');
    expect(asText).not.toContain('texte secret');
  });
});

describe('paquet de synchronisation : refus', () => {
  it('refuse un fichier tronqué, à toute longueur', async () => {
    const pack = await sealPack(input());
    const end = headerEnd(pack);
    const cuts = new Set([0, 1, 3, 6, 7, 8, 10, 11, 12, 13, end - 1, end, end + 1, end + 11, end + 12, end + 13, end + 100, pack.byteLength - 17, pack.byteLength - 16, pack.byteLength - 1]);
    for (let c = 0; c < pack.byteLength; c += 97) cuts.add(c);
    for (const cut of cuts) {
      const e = await refusal(pack.slice(0, cut));
      expect([cut, e.code]).toEqual([cut, cut === 0 ? 'not-a-pack' : 'truncated']);
    }
    expect((await refusal(pack.slice(0, end))).message).toBe('Fichier tronqué : le paquet de synchronisation est incomplet.');
  });

  it('refuse un paquet dont un seul bit a changé, où que ce soit', async () => {
    const pack = await sealPack(input());
    const end = headerEnd(pack);
    const positions = new Set<number>();
    for (let i = 0; i < end + 12; i++) positions.add(i); // magic, version, length, header, IV: every byte
    for (let i = end + 12; i < pack.byteLength; i += 13) positions.add(i); // ciphertext: a sample
    for (let i = pack.byteLength - 16; i < pack.byteLength; i++) positions.add(i); // the tag
    for (const at of positions) {
      const bad = pack.slice();
      bad[at] ^= 1 << (at % 8);
      const e = await refusal(bad);
      expect(e.message).toMatch(/^(Fichier tronqué|Ce fichier n'est pas|Version de paquet|Ce paquet concerne|Paquet illisible)/);
    }
  });

  it('refuse un en-tête modifié même s’il reste valide (il est authentifié)', async () => {
    const pack = await sealPack(input());
    const end = headerEnd(pack);
    const header = new TextDecoder().decode(pack.subarray(12, end));
    for (const [from, to] of [['Crue du Tarn', 'Crue du Lot!'], ['Alice Martin', 'Mallory Mall'], ['"createdAt":1790', '"createdAt":1890']]) {
      const forged = new TextEncoder().encode(header.replace(from, to));
      expect(forged.byteLength).toBe(end - 12);
      const bad = pack.slice();
      bad.set(forged, 12);
      expect((await refusal(bad)).code).toBe('wrong-key-or-corrupted');
    }
  });

  it('refuse le paquet d’une autre crise, en la nommant', async () => {
    const pack = await sealPack(input({ crisisId: newId(), crisisName: 'Tempête Alex', key: newCrisisKey() }));
    const e = await refusal(pack);
    expect(e.code).toBe('other-crisis');
    expect(e.message).toBe('Ce paquet concerne une autre crise (« Tempête Alex »).');
  });

  it('n’affiche du nom d’une autre crise aucun caractère de contrôle', async () => {
    const pack = await sealPack(input({ crisisId: newId(), crisisName: 'Crue\u202e\ndu Lot' }));
    const e = await refusal(pack);
    expect(e.code).toBe('other-crisis');
    expect(e.message).toBe('Ce paquet concerne une autre crise (« Crue  du Lot »).');
  });

  it('refuse un paquet de la même crise chiffré avec une autre clé', async () => {
    const pack = await sealPack(input({ key: newCrisisKey() }));
    const e = await refusal(pack);
    expect(e.code).toBe('wrong-key-or-corrupted');
    expect(e.message).toBe("Paquet illisible : il est corrompu ou n'a pas été chiffré avec la clé de cette crise.");
  });

  it('refuse un fichier vide, aléatoire, ou d’un autre format', async () => {
    const random = crypto.getRandomValues(new Uint8Array(4096));
    random[0] = 0x00;
    const files = [
      new Uint8Array(0),
      random,
      new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'),
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]),
      new TextEncoder().encode('date;texte\n2026-11-23;Eau dans les rues'),
      new TextEncoder().encode('VIGIE'.padEnd(200, 'x')),
    ];
    for (const f of files) {
      const e = await refusal(f);
      expect(e.code).toBe('not-a-pack');
      expect(e.message).toBe("Ce fichier n'est pas un paquet de synchronisation Vigie.");
    }
  });

  it('refuse une version inconnue', async () => {
    const pack = await sealPack(input());
    pack[7] = 2;
    const e = await refusal(pack);
    expect(e.code).toBe('unsupported-version');
    expect(e.message).toMatch(/^Version de paquet non prise en charge/);
  });

  it('refuse des octets ajoutés à la fin, ou un en-tête démesuré', async () => {
    const pack = await sealPack(input());
    const longer = new Uint8Array(pack.byteLength + 1);
    longer.set(pack);
    expect((await refusal(longer)).code).toBe('wrong-key-or-corrupted');
    const huge = pack.slice();
    new DataView(huge.buffer).setUint32(8, 0x7fffffff);
    expect((await refusal(huge)).code).toBe('wrong-key-or-corrupted');
  });

  it('accepte le paquet dans une copie de la tranche d’un tampon plus grand', async () => {
    const pack = await sealPack(input());
    const big = new Uint8Array(pack.byteLength + 20);
    big.set(pack, 10);
    const opened = await openPack(big.subarray(10, 10 + pack.byteLength), expected);
    expect(opened.header.crisisId).toBe(crisisId);
  });
});

/**
 * A pack exactly as sealPack lays it out, with the header and body chosen by the test: what a member
 * holding the crisis key (or a broken exporter) could write.
 */
async function forgePack(body: Uint8Array, header: Partial<SyncPackHeader>): Promise<Uint8Array> {
  const full: SyncPackHeader = {
    version: 1,
    crisisId,
    crisisName: 'Crue du Tarn',
    createdAt: 1_790_000_000_000,
    createdBy: 'Mallory',
    payloadBytes: body.byteLength,
    encoding: 'gzip',
    bodyBytes: body.byteLength + 16,
    ...header,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(full));
  const aad = new Uint8Array(12 + headerBytes.byteLength);
  aad.set(new TextEncoder().encode(MAGIC), 0);
  aad[7] = 1;
  new DataView(aad.buffer).setUint32(8, headerBytes.byteLength);
  aad.set(headerBytes, 12);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const aesKey = await hkdfKey(key, 'vigie/sync-pack/v1', 'encrypt');
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, aesKey, new Uint8Array(body)));
  const out = new Uint8Array(aad.byteLength + 12 + sealed.byteLength);
  out.set(aad, 0);
  out.set(iv, aad.byteLength);
  out.set(sealed, aad.byteLength + 12);
  return out;
}

/**
 * Replaces DecompressionStream with one that behaves as in browsers (a TransformStream: it inflates
 * an input chunk only when its output has been read) and counts what goes in and what the inflater
 * PRODUCES, read or not. Node's own DecompressionStream swallows its input eagerly, which would hide
 * how much work was done.
 */
function countInflation(): { streams: number; bytesIn: number; bytesOut: number } {
  const seen = { streams: 0, bytesIn: 0, bytesOut: 0 };
  class BrowserLikeInflater extends TransformStream<Uint8Array, Uint8Array> {
    constructor(format: CompressionFormat) {
      expect(format).toBe('gzip');
      seen.streams++;
      const gunzip = createGunzip();
      let out: Uint8Array[] = [];
      gunzip.on('data', (chunk: Buffer) => {
        seen.bytesOut += chunk.byteLength;
        out.push(new Uint8Array(chunk));
      });
      const drain = (controller: TransformStreamDefaultController<Uint8Array>) => {
        for (const chunk of out) controller.enqueue(chunk);
        out = [];
      };
      super({
        async transform(chunk, controller) {
          seen.bytesIn += chunk.byteLength;
          await new Promise<void>((resolve, reject) => gunzip.write(chunk, (error) => (error ? reject(error) : resolve())));
          drain(controller);
        },
        async flush(controller) {
          await new Promise<void>((resolve, reject) => {
            gunzip.once('end', resolve);
            gunzip.once('error', reject);
            gunzip.end();
          });
          drain(controller);
        },
      });
    }
  }
  vi.stubGlobal('DecompressionStream', BrowserLikeInflater);
  return seen;
}

const MiB = 1024 * 1024;
/** 64 MiB of zeros in ≈ 64 KB of gzip, the shape of a decompression bomb. */
const bomb = new Uint8Array(gzipSync(new Uint8Array(64 * MiB), { level: 9 }));
/** 1 GiB in ≈ 1 MB: sixteen gzip members one after the other (a valid gzip stream). */
const bigBomb = new Uint8Array(Buffer.concat(Array.from({ length: 16 }, () => bomb)));

describe('paquet de synchronisation : bombes de décompression', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('annonce ses plafonds', () => {
    expect(SYNC_PACK_LIMITS).toEqual({
      maxPackBytes: 200 * MiB,
      maxPayloadBytes: 512 * MiB,
      maxInflateRatio: 100,
      ratioFreeBytes: MiB,
    });
    expect(Object.isFrozen(SYNC_PACK_LIMITS)).toBe(true);
  });

  it('refuse un paquet qui annonce 3 Go de contenu sans rien décompresser', async () => {
    const seen = countInflation();
    const pack = await forgePack(bomb, { payloadBytes: 3 * 1024 * MiB });
    const e = await refusal(pack);
    expect(e.code).toBe('inflate-limit');
    expect(e.message).toBe(
      "Paquet refusé : une fois décompressé il dépasserait 512 Mo (ou plus de 100 fois sa taille compressée). Rien n'a été importé.",
    );
    expect(seen).toEqual({ streams: 0, bytesIn: 0, bytesOut: 0 });
  });

  it('refuse un taux de compression anormal, même sous le plafond absolu', async () => {
    expect(bomb.byteLength * 100).toBeLessThan(64 * MiB);
    const seen = countInflation();
    const e = await refusal(await forgePack(bomb, { payloadBytes: 64 * MiB }));
    expect(e.code).toBe('inflate-limit');
    expect(seen.streams).toBe(0);
  });

  it('arrête la décompression en flux dès que l’en-tête ment sur la taille', async () => {
    // Declares 2 MiB (ratio ≈ 2, allowed) but inflates to 1 GiB.
    const seen = countInflation();
    const e = await refusal(await forgePack(bigBomb, { payloadBytes: 2 * MiB }));
    expect(e.code).toBe('wrong-key-or-corrupted');
    expect(seen.streams).toBe(1);
    expect(seen.bytesOut).toBeGreaterThan(2 * MiB);
    // Stopped near the announced size: the inflater produced a few MiB (one 8 KiB slice of this gzip
    // is ≈ 8 MiB), not the 1 GiB the stream holds, and most of the gzip never reached it.
    expect(seen.bytesOut).toBeLessThan(16 * MiB);
    expect(seen.bytesIn).toBeLessThan(64 * 1024);
  });

  it('inflateAtMost rend le contenu sous le plafond et abandonne au-delà', async () => {
    const text = samplePayload(500);
    const gz = new Uint8Array(gzipSync(text));
    await expect(inflateAtMost(gz, text.byteLength)).resolves.toEqual(text);
    await expect(inflateAtMost(gz, text.byteLength - 1)).rejects.toBeInstanceOf(InflateLimitError);
    const seen = countInflation();
    await expect(inflateAtMost(bigBomb, MiB)).rejects.toThrow(InflateLimitError);
    expect(seen.bytesOut).toBeLessThan(16 * MiB);
    expect(seen.bytesIn).toBeLessThan(64 * 1024);
    // The same stand-in inflates a sound stream whole.
    const again = countInflation();
    await expect(inflateAtMost(gz, text.byteLength)).resolves.toEqual(text);
    expect(again.bytesOut).toBe(text.byteLength);
  });

  it('refuse un fichier plus gros que le plafond avant de le lire', async () => {
    const pack = await sealPack(input());
    const limits = { ...SYNC_PACK_LIMITS, maxPackBytes: pack.byteLength - 1 };
    let e: unknown;
    await openPack(pack, expected, limits).catch((err: unknown) => (e = err));
    expect(e).toBeInstanceOf(SyncPackError);
    expect((e as SyncPackError).code).toBe('too-large');
    await expect(openPack(pack, expected, { ...limits, maxPackBytes: pack.byteLength })).resolves.toMatchObject({ header: { crisisId } });
    const huge = new Uint8Array(SYNC_PACK_LIMITS.maxPackBytes + 1);
    huge.set(pack);
    const tooBig = await refusal(huge);
    expect(tooBig.code).toBe('too-large');
    expect(tooBig.message).toBe("Paquet refusé : le fichier dépasse 200 Mo, la taille maximale d'un paquet de synchronisation.");
  });

  it('n’écrit jamais un paquet que l’autre côté refuserait', async () => {
    // 4 MiB of zeros: gzip would shrink it ≈ 1,000×, over the ratio cap, so it is sealed uncompressed.
    const zeros = new Uint8Array(4 * MiB);
    const pack = await sealPack(input({ payload: zeros }));
    const opened = await openPack(pack, expected);
    expect(opened.header.encoding).toBe('identity');
    expect(opened.payload.byteLength).toBe(zeros.byteLength);
    expect(opened.payload.every((b) => b === 0)).toBe(true);
    const small = { ...SYNC_PACK_LIMITS, maxPayloadBytes: 1000 };
    await expect(sealPack(input({ payload: new Uint8Array(1001) }), small)).rejects.toMatchObject({ code: 'inflate-limit' });
  });
});
