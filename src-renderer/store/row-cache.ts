// The rows as last materialised on this copy, kept so that a cold open paints the newest sightings
// at once, before the journal (the record) has been read. A cache, not the record: written in the
// background after changes, replaced by the journal's rows as soon as they are read, and never used
// for anything but that first paint.
import type { Sighting } from '../core/sighting';
import type { VigieDatabase } from './database';

const FLUSH_AFTER_MS = 400;
// Small batches: each is cloned into IndexedDB on the page's thread, one transaction at a time.
const WRITE_BATCH = 1000;

export class RowCache {
  private dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: VigieDatabase,
    private readonly crisisId: string,
    private readonly rows: () => ReadonlyMap<string, Sighting>,
  ) {}

  /** The newest rows (by creation), as cached. */
  async newest(limit: number): Promise<Sighting[]> {
    const cached = await this.db.rows
      .where('[crisisId+createdAt]')
      .between([this.crisisId, -Infinity], [this.crisisId, Infinity])
      .reverse()
      .limit(limit)
      .toArray();
    return cached.map((c) => c.row);
  }

  /** Remembers which rows changed; they are written a little later, in the background. */
  touch(ids: Iterable<string>): void {
    for (const id of ids) this.dirty.add(id);
    if (!this.timer && this.dirty.size) this.timer = setTimeout(() => void this.flush(), FLUSH_AFTER_MS);
  }

  /** Writes what changed; resolves once written (a failure only costs a slower next first paint). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ids = [...this.dirty];
    this.dirty.clear();
    const rows = this.rows();
    this.writing = this.writing.then(async () => {
      for (let i = 0; i < ids.length; i += WRITE_BATCH) {
        const put = [];
        const gone = [];
        for (const id of ids.slice(i, i + WRITE_BATCH)) {
          const row = rows.get(id);
          if (row) put.push({ crisisId: this.crisisId, id, createdAt: row.createdAt, row });
          else gone.push([this.crisisId, id] as [string, string]);
        }
        await this.db.rows.bulkPut(put).catch((e: Error) => console.warn('Vigie : cache des lignes non écrit', e.message));
        if (gone.length) await this.db.rows.bulkDelete(gone).catch(() => undefined);
      }
    });
    return this.writing;
  }
}
