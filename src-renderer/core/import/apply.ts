// Writing an import: rows already validated whole (analyse.ts), written with ONE store.createMany, which
// signs them in slices (the page stays responsive) and stores them in one journal transaction: the
// import applies whole or not at all, whatever its size.
import type { SightingFields } from '../sighting';
import type { OnProgress } from './scheduler';

export interface ImportTarget {
  createMany(inputs: Partial<SightingFields>[], options?: { onProgress?: (done: number, total: number) => void }): Promise<string[]>;
}

export class ImportWriteError extends Error {
  constructor(cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`Import refusé, rien n’a été enregistré : ${why}`);
    this.name = 'ImportWriteError';
  }
}

export async function applyImport(
  target: ImportTarget,
  inputs: readonly Partial<SightingFields>[],
  options: { onProgress?: OnProgress } = {},
): Promise<string[]> {
  options.onProgress?.({ phase: 'write', done: 0, total: inputs.length });
  try {
    return await target.createMany([...inputs], { onProgress: (done, total) => options.onProgress?.({ phase: 'write', done, total }) });
  } catch (e) {
    throw new ImportWriteError(e);
  }
}
