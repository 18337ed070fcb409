// The crisis's record on this copy: every verified entry, in arrival order, append-only. It is what
// the table reads; the Yjs document is only how copies exchange entries, so whatever a peer deletes
// there, the record here keeps. Refused entries are kept apart (bounded) for the sync panel.
import type { Envelope } from '../core/records';
import type { JournalRow, RejectedRow, VigieDatabase } from './database';

const MAX_REJECTED = 2000;
/** IndexedDB clones every row on the page's thread as it is added: a few hundred per task. */
const APPEND_SLICE = 250;

export class Journal {
  /** Entries being appended: readable (get) before their write completes. */
  private readonly pending = new Map<string, Envelope>();
  /** Told of each append once it is durable: the entries' signatures and places (hold-pass.ts). */
  onStored: ((rows: { d: string; g: string; seq: number }[]) => void) | null = null;

  constructor(
    private readonly db: VigieDatabase,
    readonly crisisId: string,
  ) {}

  /** Every entry, oldest first. */
  all(): Promise<JournalRow[]> {
    return this.db.journal.where('crisisId').equals(this.crisisId).toArray();
  }

  /** Entries after `afterSeq`, oldest first, `limit` at most: a cold open reads the journal page by page. */
  page(afterSeq: number, limit: number): Promise<JournalRow[]> {
    return this.db.journal
      .where('[crisisId+seq]')
      .between([this.crisisId, afterSeq + 1], [this.crisisId, Infinity])
      .limit(limit)
      .toArray();
  }

  /**
   * Every entry, oldest first, `limit` at a time: the next page is read while the caller works on
   * this one (the disk and the page work together).
   */
  async *pages(limit: number): AsyncGenerator<JournalRow[]> {
    let next = this.page(0, limit);
    for (;;) {
      const page = await next;
      if (!page.length) return;
      next = this.page(page[page.length - 1]!.seq!, limit);
      next.catch(() => undefined); // a caller that stops early never awaits it
      yield page;
    }
  }

  /** Some entries by id, in the order asked (those being appended included); unknown ids are left out. */
  async get(ids: string[]): Promise<Envelope[]> {
    return (await this.entries(ids)).map(({ d, g }) => ({ d, g }));
  }

  /**
   * Entries by their place in the journal (`seq`), in the order asked: what the exchange document
   * holds by reference (held-entries.ts). Undefined where this crisis's journal has no such entry.
   */
  async bySeq(seqs: number[]): Promise<(Envelope | undefined)[]> {
    const rows = await this.db.journal.bulkGet(seqs);
    return rows.map((r) => (r && r.crisisId === this.crisisId ? { d: r.d, g: r.g } : undefined));
  }

  /**
   * As bySeq(), each entry handed to `each` in the task it is read in, through a cursor. What a
   * request returns stays reachable from the browser's side until a full collection (a bulkGet's
   * rows, one request each): streaming 100,000 sightings to a newcomer, 80 MB of rows read outlived
   * the young generation, and V8's full collections then paused the open copy for 50–117 ms
   * (29 Nov., V8's sampling heap profiler). A cursor holds one row at a time.
   */
  async eachBySeq(seqs: number[], each: (seq: number, entry: Envelope) => void): Promise<void> {
    await this.db.journal
      .where(':id')
      .anyOf(seqs)
      .each((r) => void (r.crisisId === this.crisisId && each(r.seq!, { d: r.d, g: r.g })));
  }

  /** As get(), with each entry's id. */
  async entries(ids: string[]): Promise<{ id: string; d: string; g: string }[]> {
    const wanted = ids.filter((id) => !this.pending.has(id));
    const rows = wanted.length ? await this.db.journal.where('[crisisId+id]').anyOf(wanted.map((id) => [this.crisisId, id])).toArray() : [];
    const byId = new Map<string, Envelope>(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = this.pending.get(id) ?? byId.get(id);
      return r ? [{ id, d: r.d, g: r.g }] : [];
    });
  }

  /**
   * The newest `limit` entries (the journal's tail), oldest first: what a cold open with no row cache
   * paints from. Read newest first, `page` at a time: IndexedDB hands a read's rows over (cloned, texts
   * opened) in one task, and 2,000 at once was an 80–100 ms task right after « Ouvrir ».
   */
  async tail(limit: number, page = limit): Promise<JournalRow[]> {
    const out: JournalRow[] = [];
    let below = Infinity;
    while (out.length < limit) {
      const want = Math.min(page, limit - out.length);
      const rows = await this.db.journal
        .where('[crisisId+seq]')
        .between([this.crisisId, -Infinity], [this.crisisId, below], true, false)
        .reverse()
        .limit(want)
        .toArray();
      out.push(...rows);
      if (rows.length < want) break;
      below = rows[rows.length - 1]!.seq!;
    }
    return out.reverse();
  }

  /**
   * Appends entries in one transaction (all or none); resolves once they are durably stored. A large
   * batch goes in slices, each queued when the previous one is written, so the page is never held
   * for the whole of it.
   */
  async append(rows: { id: string; d: string; g: string }[]): Promise<void> {
    if (!rows.length) return;
    this.pend(rows);
    try {
      await this.store(rows);
    } finally {
      for (const { id } of rows) this.pending.delete(id);
    }
  }

  /** Entries about to be appended (queued behind another write): readable from now on. */
  pend(rows: readonly { id: string; d: string; g: string }[]): void {
    for (const { id, d, g } of rows) this.pending.set(id, { d, g });
  }

  private async store(rows: { id: string; d: string; g: string }[]): Promise<void> {
    const stored = (slice: typeof rows) => slice.map(({ id, d, g }) => ({ crisisId: this.crisisId, id, d, g }));
    let seqs: number[];
    if (rows.length <= APPEND_SLICE) seqs = await this.db.journal.bulkAdd(stored(rows), { allKeys: true });
    else
      seqs = await this.db.transaction('rw', this.db.journal, async () => {
        const keys: number[] = [];
        for (let i = 0; i < rows.length; i += APPEND_SLICE) keys.push(...(await this.db.journal.bulkAdd(stored(rows.slice(i, i + APPEND_SLICE)), { allKeys: true })));
        return keys;
      });
    this.onStored?.(rows.map((r, i) => ({ d: r.d, g: r.g, seq: seqs[i]! })));
  }

  async reject(rows: Omit<RejectedRow, 'crisisId' | 'seq'>[]): Promise<void> {
    if (!rows.length) return;
    await this.db.transaction('rw', this.db.rejected, async () => {
      await this.db.rejected.bulkAdd(rows.map((r) => ({ ...r, crisisId: this.crisisId })));
      const all = this.db.rejected.where('crisisId').equals(this.crisisId);
      const extra = (await all.count()) - MAX_REJECTED;
      if (extra > 0) await this.db.rejected.bulkDelete((await all.primaryKeys()).slice(0, extra));
    });
  }

  /** The latest refused entries, newest first. */
  async rejected(limit = 200): Promise<RejectedRow[]> {
    return (await this.db.rejected.where('crisisId').equals(this.crisisId).reverse().limit(limit).toArray());
  }
}
