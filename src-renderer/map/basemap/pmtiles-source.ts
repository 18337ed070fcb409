// Where a PMTiles archive's bytes come from. The pmtiles library reads an archive by byte ranges
// through a Source; Vigie has two:
// - BlobSource: a File the user picked in the web build, or the copy of it kept in IndexedDB;
// - ShellSource: a file on disk the user picked in the desktop app's own dialog, read by the main
//   process (src-main/basemaps.ts), which only ever opens files picked that way.
import { PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';

export class BlobSource implements Source {
  constructor(
    private readonly blob: Blob,
    private readonly key: string,
  ) {}
  getKey(): string {
    return this.key;
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    return { data: await this.blob.slice(offset, offset + length).arrayBuffer() };
  }
}

export type RangeReader = (request: { id: string; offset: number; length: number }) => Promise<Uint8Array>;

export class ShellSource implements Source {
  constructor(
    private readonly id: string,
    private readonly read: RangeReader,
  ) {}
  getKey(): string {
    return `desktop:${this.id}`;
  }
  async getBytes(offset: number, length: number, signal?: AbortSignal): Promise<RangeResponse> {
    signal?.throwIfAborted();
    const bytes = await this.read({ id: this.id, offset, length });
    const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return { data };
  }
}

export type PmtilesKind = 'raster' | 'vector' | 'unsupported';

export interface PmtilesInfo {
  kind: PmtilesKind;
  /** MIME type of raster tiles. */
  mime?: string;
  /** French, for the panel: what the archive holds. */
  label: string;
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees, when the header has valid bounds. */
  bounds?: [number, number, number, number];
  attribution?: string;
  name?: string;
}

const RASTER_MIME: Partial<Record<TileType, string>> = {
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
  [TileType.Avif]: 'image/avif',
};

/** Reads the header (and metadata, for the name and attribution); rejects in French if it isn't a PMTiles v3 archive. */
export async function describePmtiles(archive: PMTiles): Promise<PmtilesInfo> {
  let header;
  try {
    header = await archive.getHeader();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      /magic number/i.test(reason)
        ? 'Ce fichier n’est pas une archive PMTiles.'
        : /spec version/i.test(reason)
          ? 'Version de PMTiles non prise en charge (seule la version 3 est lue).'
          : `Lecture de l’archive PMTiles impossible : ${reason}`,
    );
  }
  let metadata: Record<string, unknown> = {};
  try {
    const value = await archive.getMetadata();
    if (value && typeof value === 'object') metadata = value as Record<string, unknown>;
  } catch {
    /* metadata is optional */
  }
  const text = (key: string) => (typeof metadata[key] === 'string' ? (metadata[key] as string).slice(0, 300) : undefined);
  const validBounds = header.minLon < header.maxLon && header.minLat < header.maxLat;
  const base = {
    minZoom: header.minZoom,
    maxZoom: header.maxZoom,
    bounds: validBounds ? ([header.minLon, header.minLat, header.maxLon, header.maxLat] as [number, number, number, number]) : undefined,
    attribution: text('attribution'),
    name: text('name'),
  };
  const mime = RASTER_MIME[header.tileType as TileType];
  if (mime) return { ...base, kind: 'raster', mime, label: `tuiles image (${mime.slice(6).toUpperCase()})` };
  if (header.tileType === TileType.Mvt) return { ...base, kind: 'vector', label: 'tuiles vectorielles (MVT)' };
  return {
    ...base,
    kind: 'unsupported',
    label:
      header.tileType === TileType.Mlt
        ? 'tuiles vectorielles MLT, non prises en charge : utilisez une archive MVT ou image'
        : 'type de tuiles inconnu, non pris en charge',
  };
}

export { PMTiles };
