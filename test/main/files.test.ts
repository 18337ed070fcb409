import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src-main/services/files';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigie-files-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes text and leaves no temporary file', async () => {
    const path = join(dir, 'main-courante.csv');
    await writeFileAtomic(path, 'heure;message\n10:02;Évacuation école\n');
    expect(await readFile(path, 'utf8')).toBe('heure;message\n10:02;Évacuation école\n');
    expect(await readdir(dir)).toEqual(['main-courante.csv']);
  });

  it('writes bytes and replaces an existing file', async () => {
    const path = join(dir, 'carte.png');
    await writeFile(path, 'old content, longer than the new one');
    await writeFileAtomic(path, new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    expect([...(await readFile(path))]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(await readdir(dir)).toEqual(['carte.png']);
  });

  it('fails without leaving anything behind', async () => {
    const target = join(dir, 'is-a-folder');
    await mkdir(join(target, 'child'), { recursive: true });
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['is-a-folder']);
    await expect(writeFileAtomic(join(dir, 'missing', 'x.txt'), 'x')).rejects.toThrow();
  });
});
