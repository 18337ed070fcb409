// PMTiles archives read with the pmtiles library through Vigie's two sources (a Blob in the web
// build, the main process's range reads in the desktop app), from archives made by the fixture script.
import { describe, expect, it } from 'vitest';
import { BlobSource, describePmtiles, PMTiles, ShellSource } from '../../../src-renderer/map/basemap/pmtiles-source';
import { BasemapDatabase } from '../../../src-renderer/map/basemap/database';
import { loadPmtilesFile, storePmtilesFile } from '../../../src-renderer/map/basemap/pmtiles-store';
import { buildPmtiles, franceTiles, makeRasterPmtiles, makeVectorPmtiles, tilePng } from '../../fixtures/make-pmtiles.mjs';

const raster = makeRasterPmtiles();
const archiveOf = (bytes: Uint8Array, key = 'essai') => new PMTiles(new BlobSource(new Blob([bytes as Uint8Array<ArrayBuffer>]), key));

describe('PMTiles from a Blob (web build)', () => {
  it('describes a raster archive', async () => {
    const info = await describePmtiles(archiveOf(raster));
    expect(info).toMatchObject({ kind: 'raster', mime: 'image/png', minZoom: 0, maxZoom: 3, name: 'Essai raster' });
    expect(info.attribution).toBe('Essai <b>Vigie</b>');
    expect(info.bounds![0]).toBeCloseTo(-5.5, 5);
    expect(info.bounds![3]).toBeCloseTo(51.2, 5);
    expect(info.label).toContain('PNG');
  });

  it('returns the exact bytes of every tile, and nothing outside the archive', async () => {
    const archive = archiveOf(raster);
    const tiles = [0, 1, 2, 3].flatMap((z) => franceTiles(z));
    expect(tiles.length).toBeGreaterThan(4);
    for (const [z, x, y] of tiles) {
      const tile = await archive.getZxy(z, x, y);
      expect(new Uint8Array(tile!.data), `${z}/${x}/${y}`).toEqual(tilePng(z, x, y));
    }
    // Distinct tiles, distinct bytes: a lookup that returned a neighbour would fail above.
    expect(tilePng(3, 4, 2)).not.toEqual(tilePng(3, 3, 2));
    expect(await archive.getZxy(3, 0, 0)).toBeUndefined();
    expect(await archive.getZxy(4, 8, 5)).toBeUndefined();
  });

  it('recognises vector archives and refuses what it cannot draw, in French', async () => {
    expect(await describePmtiles(archiveOf(makeVectorPmtiles()))).toMatchObject({ kind: 'vector', minZoom: 0, maxZoom: 2 });
    const mlt = buildPmtiles([[0, 0, 0, new Uint8Array([1, 2, 3])]], { tileType: 6 });
    const info = await describePmtiles(archiveOf(mlt, 'mlt'));
    expect(info.kind).toBe('unsupported');
    expect(info.label).toMatch(/non prises en charge/);
    await expect(describePmtiles(archiveOf(new TextEncoder().encode('pas une archive'.repeat(20)), 'x'))).rejects.toThrow(
      'Ce fichier n’est pas une archive PMTiles.',
    );
  });

  it('is kept in IndexedDB so the choice survives a reload, one archive at a time', async () => {
    const db = new BasemapDatabase(`vigie-basemaps-test-${crypto.randomUUID()}`);
    try {
      const file = new File([raster as Uint8Array<ArrayBuffer>], 'france.pmtiles');
      const first = await storePmtilesFile(file, { db, estimate: async () => ({ quota: 1e12, usage: 0 }) });
      expect(first).toMatchObject({ name: 'france.pmtiles', size: raster.length, where: 'indexeddb' });
      const second = await storePmtilesFile(file, { db, estimate: async () => ({ quota: 1e12, usage: 0 }) });
      expect(await db.files.count()).toBe(1);
      expect(await loadPmtilesFile(first.id, db)).toBeUndefined();
      expect(await loadPmtilesFile(second.id, db)).toBeDefined();
      await expect(storePmtilesFile(file, { db, estimate: async () => ({ quota: 1000, usage: 0 }) })).rejects.toThrow(/Pas assez de place/);
    } finally {
      await db.delete();
    }
  });
});

describe('PMTiles read through the desktop shell', () => {
  it('reads byte ranges by id, the last one shorter at the end of the file', async () => {
    const reads: { id: string; offset: number; length: number }[] = [];
    const source = new ShellSource('0b8a3c1e-5f1a-4c2e-9a59-2f0e4a1c7d11', async (request) => {
      reads.push(request);
      return raster.slice(request.offset, request.offset + request.length);
    });
    const archive = new PMTiles(source);
    const [z, x, y] = franceTiles(2)[0];
    expect(new Uint8Array((await archive.getZxy(z, x, y))!.data)).toEqual(tilePng(z, x, y));
    // The header read asks for 16 KiB of a 5 KiB file: the shell returns what there is.
    expect(reads[0]).toMatchObject({ id: '0b8a3c1e-5f1a-4c2e-9a59-2f0e4a1c7d11', offset: 0, length: 16384 });
    expect(source.getKey()).toBe('desktop:0b8a3c1e-5f1a-4c2e-9a59-2f0e4a1c7d11');
  });
});
