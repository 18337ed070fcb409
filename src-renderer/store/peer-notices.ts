// When listeners (the table, the map, the counts) hear of sightings changed by peers. A peer's edit
// is told FIRST_NOTICE_MS after it arrived, with whatever else came meanwhile. A bulk arrival (a
// newcomer receiving the whole crisis, a peer's import) is told less and less often, up to every
// LONGEST_NOTICE_MS: each notice re-derives the table and redraws it (10–20 ms at 100,000 rows), and
// a newcomer receiving 100,000 sightings in a thousand slices spent over 2 s of its 20 s doing so.
// As soon as a notice is small again, the next one comes at FIRST_NOTICE_MS.

export const FIRST_NOTICE_MS = 100;
export const LONGEST_NOTICE_MS = 800;
/** A notice telling at least this many sightings is a bulk arrival. */
export const BULK_NOTICE = 500;

export class PeerNotices {
  private changes = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private delay = FIRST_NOTICE_MS;

  /** `tell` is called when the delay is over; it tells listeners what `take()` returns. */
  constructor(private readonly tell: () => void) {}

  /** Whether changes are waiting to be told. */
  get waiting(): boolean {
    return this.timer !== null;
  }

  /** How long the next notice waits (tests, diagnostics). */
  get nextDelayMs(): number {
    return this.delay;
  }

  /** Sightings changed by a peer: told once the current delay is over. */
  add(ids: Iterable<string>): void {
    for (const id of ids) this.changes.add(id);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      this.tell();
    }, this.delay);
  }

  /** What a notice told now holds: `changed` and whatever peers changed meanwhile (then no longer waiting). */
  take(changed: ReadonlySet<string>): ReadonlySet<string> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.changes.size) return changed;
    const all = this.changes;
    this.changes = new Set();
    for (const id of changed) all.add(id);
    this.delay = all.size >= BULK_NOTICE ? Math.min(this.delay * 2, LONGEST_NOTICE_MS) : FIRST_NOTICE_MS;
    return all;
  }
}
