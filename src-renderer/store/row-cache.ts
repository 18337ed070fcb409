// The rows as last materialised on this copy, kept so that a cold open paints the newest sightings
// at once, before the journal (the record) has been read. A cache, not the record: written in the
// background after changes, replaced by the journal's rows as soon as they are read, and never used
// for anything but that first paint.
//
// It keeps the newest KEPT rows only (by creation), five times what the first paint shows. It held
// every row: a newcomer receiving 100,000 sightings cloned all of them into IndexedDB on its page's
// thread (1.4 s of its 20 s), and so did every import, for rows no first paint would ever show.
// Every row it holds is up to date: a changed row is written again if it is among the newest, and
// the older ones are deleted from it.
import type { Sighting } from '../core/sighting';
import type { VigieDatabase } from './database';

/** Written once rows stop changing for this long... */
const FLUSH_AFTER_MS = 400;
/** ...or this long after the first change, while they keep changing (a newcomer receiving a crisis,
 * an import): each write takes the newest rows of that moment, and a newcomer receiving 100k
 * sightings in creation order wrote every one of them, 400 ms at a time. */
const FLUSH_AT_LEAST_EVERY_MS = 5000;
// Small batches: each is sealed (encryption at rest) and cloned into IndexedDB on the page's thread
// in the task that writes it, one transaction at a time. 1,000 rows were a 51–76 ms task each, the
// longest of a usual open at 100k (29 Nov., 12 h 40).
const WRITE_BATCH = 50;
/** Rows kept: the first paint's 200, with room for the newest being deleted (a purge) meanwhile. */
export const KEPT = 1000;
/** Rows read at a time by newest(). */
const READ_PAGE = 40;

export class RowCache {
  private dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** When the first change not yet written came. */
  private since: number | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: VigieDatabase,
    private readonly crisisId: string,
    private readonly rows: () => ReadonlyMap<string, Sighting>,
  ) {}

  /** This crisis's rows created before `upTo` (or at it too, `inclusive`). */
  private range(upTo = Infinity, inclusive = false) {
    return this.db.rows.where('[crisisId+createdAt]').between([this.crisisId, -Infinity], [this.crisisId, upTo], true, inclusive);
  }

  /**
   * The newest rows (by creation), as cached, read `page` at a time. Each read's rows are opened
   * (encryption at rest) in the one task that hands them over, right after « Ouvrir »: 200 at once
   * were a 50 ms task at 100k (29 Nov., 16 h 55).
   */
  async newest(limit: number, page = READ_PAGE): Promise<Sighting[]> {
    const out: Sighting[] = [];
    // The next page starts at the last one's creation time, past the rows of that time already read
    // (in the index, rows of one time are in a fixed order).
    let upTo = Infinity;
    let tied = 0;
    while (out.length < limit) {
      const want = Math.min(page, limit - out.length);
      const cached = await this.range(upTo, true).reverse().offset(tied).limit(want).toArray();
      for (const c of cached) out.push(c.row);
      if (cached.length < want) break;
      const last = cached[cached.length - 1]!.createdAt;
      tied = last === upTo ? tied + cached.length : cached.filter((c) => c.createdAt === last).length;
      upTo = last;
    }
    return out;
  }

  /** Once the journal is read: a cache missing rows (first open since it exists, a crash) is written again. */
  async complete(): Promise<void> {
    const rows = this.rows();
    if ((await this.range().count()) >= Math.min(rows.size, KEPT)) return;
    // The rows it keeps only, in a task of their own: every one of 100,000 ids remembered as changed
    // was 12 ms more in the task that shows the whole crisis.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const floor = newestFloor(rows, KEPT);
    const newest: string[] = [];
    for (const [id, row] of rows) if (row.createdAt >= floor) newest.push(id);
    this.touch(newest);
  }

  /** Remembers which rows changed; they are written a little later, in the background. */
  touch(ids: Iterable<string>): void {
    for (const id of ids) this.dirty.add(id);
    if (!this.dirty.size) return;
    const now = Date.now();
    this.since ??= now;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), Math.max(0, Math.min(FLUSH_AFTER_MS, this.since + FLUSH_AT_LEAST_EVERY_MS - now)));
  }

  /** Writes what changed; resolves once written (a failure only costs a slower next first paint). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.since = null;
    if (!this.dirty.size) return this.writing;
    const rows = this.rows();
    const floor = newestFloor(rows, KEPT);
    // Only what the cache keeps (or drops): after an open with no cache, every row is dirty, and
    // walking 100,000 of them batch by batch between writes was a task of ~50 ms.
    const ids = [...this.dirty].filter((id) => (rows.get(id)?.createdAt ?? Infinity) >= floor);
    this.dirty.clear();
    this.writing = this.writing.then(async () => {
      for (let i = 0; i < ids.length; i += WRITE_BATCH) {
        const put = [];
        const gone = [];
        for (const id of ids.slice(i, i + WRITE_BATCH)) {
          const row = rows.get(id);
          if (!row) gone.push([this.crisisId, id] as [string, string]);
          else if (row.createdAt >= floor) put.push({ crisisId: this.crisisId, id, createdAt: row.createdAt, row });
        }
        if (put.length) await this.db.rows.bulkPut(put).catch((e: Error) => console.warn('Vigie : cache des lignes non écrit', e.message));
        if (gone.length) await this.db.rows.bulkDelete(gone).catch(() => undefined);
      }
      // Whatever is older than the newest KEPT goes, changed or not (one range, nothing cloned).
      if (floor > -Infinity) await this.range(floor).delete().catch(() => undefined);
    });
    return this.writing;
  }
}

/** The creation time of the `k`-th newest row (-Infinity when there are no more than k): a selection, not a sort. */
export function newestFloor(rows: ReadonlyMap<string, Sighting>, k: number): number {
  if (rows.size <= k) return -Infinity;
  const times = new Float64Array(rows.size);
  let n = 0;
  for (const row of rows.values()) times[n++] = row.createdAt;
  // Hoare's selection: the value that would sit at index size − k in ascending order.
  const target = times.length - k;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const pivot = times[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (times[i]! < pivot) i++;
      while (times[j]! > pivot) j--;
      if (i <= j) {
        const t = times[i]!;
        times[i++] = times[j]!;
        times[j--] = t;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return times[target]!;
}
