// Applying a purge on this copy (core/purge.ts): the journal's purged entries replaced by their
// redacted text, and everything else that held the values dropped — the row cache, the refused
// entries' excerpts, and every exchange document of the crisis (Yjs keeps every value ever written:
// the new epoch's document is seeded from the purged journal).
//
// Deleting rows is not enough: Chromium's IndexedDB is a LevelDB, where a deleted value stays in the
// log and table files until a compaction reaches it. Deleting a whole DATABASE, though, makes
// Chromium delete its key range with compaction, so the bytes really go. So the purge rebuilds the
// database: its new content is first written whole to a staging database (a crash meanwhile loses
// nothing: the next start finishes the job), then the database is deleted and recreated from it,
// then the staging database is deleted (its values are purged ones).
//
// Even so, LevelDB may keep old table files at deeper levels until it compacts them, so the values
// also rest encrypted (encryption/): the rebuilt database is written under a NEW key, and the old
// key's file is destroyed once it is — whatever bytes LevelDB still holds can no longer be read.
import { redactEntry, type PurgeScope } from '../core/purge';
import { entryId } from '../core/signing';
import { VigieDatabase, type JournalRow } from './database';

type Certificate = { all: boolean; x: readonly string[]; h: Record<string, string> };

const STAGING_SUFFIX = '-purge';
const COMPLETE = 'purge-staging-complete';
/** The oldest at-rest key the database's values may be sealed with (older ones are destroyed). */
const KEY_FLOOR = 'at-rest-key-floor';
const TABLES = ['crises', 'settings', 'updates', 'journal', 'rejected', 'rows'] as const;

/** The crisis's exchange documents of every epoch (`id`, `id@1`, …). */
const ofCrisis = (crisisId: string) => (name: string) => name === crisisId || name.startsWith(`${crisisId}@`);

/**
 * The journal as the certificates say it must be: each listed entry replaced by its redaction when
 * this copy's redaction matches the certified hash, dropped otherwise (the redacted one comes
 * through the new epoch's document, vouched for); entries no certificate names are kept.
 */
export async function purgedJournal(rows: readonly JournalRow[], certificates: readonly Certificate[]): Promise<{ rows: JournalRow[]; replaced: number; dropped: number }> {
  const scope: PurgeScope = { all: certificates.some((c) => c.all), x: certificates.flatMap((c) => c.x) };
  const hashes = new Map<string, string>();
  for (const c of certificates) for (const [id, hash] of Object.entries(c.h)) hashes.set(id, hash);
  const out: JournalRow[] = [];
  let replaced = 0;
  let dropped = 0;
  for (const r of rows) {
    const hash = hashes.get(r.id);
    if (!hash) {
      out.push(r);
      continue;
    }
    const redacted = await redactEntry(r.id, r.d, scope);
    if (redacted && redacted.hash === hash) {
      out.push({ seq: r.seq, crisisId: r.crisisId, id: await entryId(redacted.d), d: redacted.d, g: redacted.g });
      replaced++;
    } else dropped++;
  }
  return { rows: out, replaced, dropped };
}

type Snapshot = Record<(typeof TABLES)[number], unknown[]>;

async function copyInto(target: VigieDatabase, snapshot: Snapshot): Promise<void> {
  await target.transaction('rw', TABLES.map((t) => target.table(t)), async () => {
    for (const t of TABLES) {
      await target.table(t).clear();
      // Auto-incremented keys (seq) are written as they were: the journal's order is its arrival order.
      await target.table(t).bulkAdd(snapshot[t]);
    }
  });
}

async function read(db: VigieDatabase): Promise<Snapshot> {
  const out = {} as Snapshot;
  for (const t of TABLES) out[t] = await db.table(t).toArray();
  return out;
}

/** Rebuilds `db` from `snapshot` through a staging database (see above). `db` is reopened. */
async function rebuild(db: VigieDatabase, snapshot: Snapshot): Promise<void> {
  const staging = stagingOf(db);
  await copyInto(staging, snapshot);
  await staging.settings.put({ key: COMPLETE, value: true });
  await finish(db, staging);
}

async function finish(db: VigieDatabase, staging: VigieDatabase): Promise<void> {
  const snapshot = await read(staging);
  snapshot.settings = snapshot.settings.filter((s) => (s as { key: string }).key !== COMPLETE);
  await db.delete();
  await db.open();
  await copyInto(db, snapshot);
  await staging.delete();
}

/** At start: a purge interrupted after its staging database was complete is finished. */
export async function finishInterruptedPurge(db: VigieDatabase): Promise<boolean> {
  await db.open(); // its keys loaded
  const names = typeof indexedDB !== 'undefined' && indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name) : [db.name + STAGING_SUFFIX];
  let finished = false;
  if (names.includes(db.name + STAGING_SUFFIX)) {
    const staging = stagingOf(db);
    if (await staging.settings.get(COMPLETE)) {
      await finish(db, staging);
      finished = true;
    } else await staging.delete(); // not complete: the original database is still whole
  }
  await destroyOldKeys(db);
  return finished;
}

/** The staging database, sealed with the same keys as `db`. */
function stagingOf(db: VigieDatabase): VigieDatabase {
  const staging = new VigieDatabase(db.name + STAGING_SUFFIX);
  staging.keyring = db.keyring;
  return staging;
}

/** Destroys the at-rest keys older than the database's floor (a crash may have kept one). */
async function destroyOldKeys(db: VigieDatabase): Promise<void> {
  const floor = (await db.settings.get(KEY_FLOOR))?.value;
  if (db.keyring && typeof floor === 'number') await db.keyring.retireBelow(floor);
}

/**
 * Applies the certificates of one purge to this copy's database: purged journal, no row cache, no
 * refused excerpts and no exchange document for the crisis. Close the crisis's store first.
 */
export async function applyPurge(db: VigieDatabase, crisisId: string, certificates: readonly Certificate[]): Promise<{ replaced: number; dropped: number }> {
  const snapshot = await read(db);
  const mine = ofCrisis(crisisId);
  const journal = snapshot.journal as JournalRow[];
  const purged = await purgedJournal(journal.filter((r) => r.crisisId === crisisId), certificates);
  // Every row keeps its sequence number: the journal's order is its arrival order.
  snapshot.journal = [...journal.filter((r) => r.crisisId !== crisisId), ...purged.rows].sort((x, y) => x.seq! - y.seq!);
  snapshot.updates = snapshot.updates.filter((u) => !mine((u as { crisisId: string }).crisisId));
  snapshot.rows = snapshot.rows.filter((r) => (r as { crisisId: string }).crisisId !== crisisId);
  snapshot.rejected = snapshot.rejected.filter((r) => (r as { crisisId: string }).crisisId !== crisisId);
  if (db.keyring) {
    // Everything is rewritten under a new key; the old one goes once the rebuild is done.
    const floor = await db.keyring.rotate();
    snapshot.settings = [...snapshot.settings.filter((s) => (s as { key: string }).key !== KEY_FLOOR), { key: KEY_FLOOR, value: floor }];
  }
  await rebuild(db, snapshot);
  await destroyOldKeys(db);
  return { replaced: purged.replaced, dropped: purged.dropped };
}
