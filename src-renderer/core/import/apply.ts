// Writing an import: rows already validated whole (analyse.ts), written with store.createMany in chunks
// of 5,000 inside one operation with progress. Each chunk is all-or-nothing in the store; the store has no
// transaction across chunks, so a disk failure in chunk k leaves chunks 1…k−1 written (valid rows, signed
// and shared like any other) and the error says how many — nothing half-written, nothing doubled.
import type { SightingFields } from '../sighting';
import { Slicer, type OnProgress, type Yield } from './scheduler';

export const WRITE_CHUNK = 5000;

export interface ImportTarget {
  createMany(inputs: Partial<SightingFields>[]): Promise<string[]>;
}

export class ImportWriteError extends Error {
  constructor(
    readonly written: number,
    readonly total: number,
    cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      written === 0
        ? `Import refusé, rien n’a été enregistré : ${why}`
        : `Import interrompu : ${written.toLocaleString('fr-FR')} remontées sur ${total.toLocaleString('fr-FR')} ont été enregistrées (par lots entiers de ${WRITE_CHUNK.toLocaleString('fr-FR')}), les suivantes non : ${why}. Réimportez le même fichier : les lignes déjà enregistrées seront reconnues comme doublons (même lien).`,
    );
    this.name = 'ImportWriteError';
  }
}

export async function applyImport(
  target: ImportTarget,
  inputs: readonly Partial<SightingFields>[],
  options: { chunkSize?: number; onProgress?: OnProgress; yieldFn?: Yield } = {},
): Promise<string[]> {
  const size = Math.max(1, options.chunkSize ?? WRITE_CHUNK);
  const slicer = new Slicer(0, options.yieldFn);
  const ids: string[] = [];
  options.onProgress?.({ phase: 'write', done: 0, total: inputs.length });
  for (let at = 0; at < inputs.length; at += size) {
    try {
      ids.push(...(await target.createMany(inputs.slice(at, at + size))));
    } catch (e) {
      throw new ImportWriteError(ids.length, inputs.length, e);
    }
    options.onProgress?.({ phase: 'write', done: ids.length, total: inputs.length });
    await slicer.maybeYield();
  }
  return ids;
}
