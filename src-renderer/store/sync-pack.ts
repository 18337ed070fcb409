// Sync by file: a crisis's updates sealed in a "paquet de synchronisation" (core/sync-pack.ts),
// carried on a USB key, merged on the other side. Importing is idempotent (Yjs): the same pack, or an
// older one, changes nothing. A pack is checked whole before the crisis document is touched: the
// file (core), then its Yjs update, applied first to a scratch copy of the document.
import * as Y from 'yjs';
import { openPack, sealPack, syncPackError, SYNC_PACK_EXTENSION, type SyncPackHeader } from '../core/sync-pack';
import type { CrisisStore } from './crisis-store';
import { encodeWithEntries } from './held-entries';

/** Origin of the updates applied from a pack (the persistence stores them, as any non-load origin). */
export const SYNC_PACK_ORIGIN = 'sync-pack';


export interface ExportOptions {
  /** A peer's state vector (Y.encodeStateVector): the pack then holds only what that peer lacks. */
  since?: Uint8Array;
  /** Who exports, as shown to whoever imports the pack. */
  by: string;
  /** ms since epoch; defaults to now. */
  now?: number;
}

export async function exportSyncPack(
  store: CrisisStore,
  { since, by, now = Date.now() }: ExportOptions,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  // The texts the document holds by reference are read back from the journal (held-entries.ts).
  const payload = await encodeWithEntries(store.doc, since);
  const { id, name, key } = store.crisis;
  const bytes = await sealPack({ crisisId: id, crisisName: name, key, payload, createdAt: now, createdBy: by });
  return { bytes, fileName: syncPackFileName(name, now) };
}

export interface ImportResult {
  /** Verified entries this copy did not have. */
  newEntries: number;
  /** True when the pack brought nothing new (already imported, or older than this copy). */
  alreadyKnown: boolean;
  header: SyncPackHeader;
}

/**
 * Checks a pack and merges it into the crisis; resolves once the merge is durably stored. Throws
 * SyncPackError (French message) and leaves the crisis untouched when the pack is refused.
 */
export async function importSyncPack(store: CrisisStore, bytes: Uint8Array): Promise<ImportResult> {
  const { payload, header } = await openPack(bytes, { crisisId: store.crisis.id, key: store.crisis.key });

  // Dry run on a scratch copy: Yjs throws on garbage, and only there can we see what the update
  // would create (unknown types, updates this copy lacks) before the real document holds it.
  const scratch = new Y.Doc();
  try {
    // (What the log's values say does not matter here, only what the update builds on.)
    Y.applyUpdate(scratch, await encodeWithEntries(store.doc, undefined, true));
    const hadPending = hasPending(scratch);
    const kinds = sharedKinds(store.doc);
    const wrongBefore = foreignTypes(scratch, kinds);
    let changed = false;
    scratch.on('update', () => (changed = true));
    try {
      Y.applyUpdate(scratch, payload);
    } catch {
      throw syncPackError('invalid-content');
    }
    // (A type already wrong here came from elsewhere: it must not block every later pack.)
    if ([...foreignTypes(scratch, kinds)].some((name) => !wrongBefore.has(name))) throw syncPackError('invalid-content');
    // What a partial pack holds depends on updates this copy lacks: Yjs would keep it aside, in
    // memory only. Refuse rather than report a merge that is not one.
    if (!hadPending && hasPending(scratch)) throw syncPackError('missing-history');
    if (!changed) return { newEntries: 0, alreadyKnown: true, header };
  } finally {
    scratch.destroy();
  }

  // Entries are counted in the record, not in the document: what a pack deletes is never taken.
  await store.docReady;
  const before = store.state.ids.size;
  Y.applyUpdate(store.doc, payload, SYNC_PACK_ORIGIN);
  await store.settled();
  return { newEntries: store.state.ids.size - before, alreadyKnown: false, header };
}

/** e.g. vigie-crue-du-tarn-20261123-1405.vigiesync (local time). */
export function syncPackFileName(crisisName: string, at: number): string {
  const slug =
    crisisName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'crise';
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}`;
  return `vigie-${slug}-${stamp}${SYNC_PACK_EXTENSION}`;
}

/** Whether Yjs holds something back until what it builds on arrives (structs, deletions). */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

type Kind = 'array' | 'map';

/**
 * The shared types of a crisis document, as the store declares them (`log` a list, `members`,
 * `meta`… maps): read from the store's own document, so a type added to the store is accepted here.
 */
function sharedKinds(doc: Y.Doc): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  for (const [name, type] of doc.share) {
    if (type instanceof Y.Array) kinds.set(name, 'array');
    else if (type instanceof Y.Map) kinds.set(name, 'map');
  }
  return kinds;
}

/**
 * The shared types that are not the crisis's, or not used as what they are. Read before any
 * getArray/getMap, which would silently reinterpret them.
 */
function foreignTypes(doc: Y.Doc, kinds: Map<string, Kind>): Set<string> {
  const wrong = new Set<string>();
  for (const [name, type] of doc.share) {
    const kind = kinds.get(name);
    const hasKeys = type._map.size > 0;
    const hasItems = type._start !== null;
    if (!kind || (kind === 'array' ? hasKeys : hasItems)) wrong.add(name);
  }
  return wrong;
}
