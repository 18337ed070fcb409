// Where entries from elsewhere (a peer, a relay, a sync package, the invitation) enter the record:
// shape, then signature, then the rules; only then applied and appended to the journal. Entries
// whose author is not admitted yet (their admission travels separately) wait aside and are tried
// again when members change; entries dated in the future wait for their time. Everything refused
// is counted and kept (bounded) with who sent it and why. Each entry is checked once: a cold open
// reads the journal and does not verify again.
import type { Applied, CrisisState } from '../core/crisis-state';
import type { Checked } from '../core/check-entry';
import { compareEntries, isEnvelope, type Entry, type Envelope } from '../core/records';
import type { RejectedRow } from './database';
import type { Journal } from './journal';
import { Slicer } from '../core/slicer';
import { PURGED_REASON } from '../core/purge';
import { createVerifier, inPageVerifier, type Verifier } from './verifier';
import { JournalWrites } from './journal-writes';

export type SignedEntry = Entry & Envelope;
export type Rejection = Omit<RejectedRow, 'crisisId' | 'seq'>;

/** An entry dated further ahead than this waits (a clock set wrong, or a hostile one). */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;
const MAX_WAITING = 50_000;
/** Entries checked, decided and written together: also how often rows appear on a newcomer. */
const SLICE = 1000;
/** Slices being verified (in the workers) ahead of the one being decided. */
const AHEAD = 4;
// (and purge certificates: redacted entries wait for theirs)
const MEMBER_KINDS = new Set(['x', 'm', 'p', 'r', 'v', 's']);

export interface IntakeOptions {
  crisisId: string;
  state: CrisisState;
  journal: Journal;
  now: () => number;
  onApplied(applied: Applied, entries: SignedEntry[]): void;
  onRejected(rows: Rejection[]): void;
  /** Where ids and signatures are checked (default: workers when the platform has them). */
  verifier?: Verifier;
}

/** One value as the verifier left it: not an envelope, already known when looked up, or checked. */
type Looked = { v: unknown; malformed: true } | { v: Envelope; known: true } | { v: Envelope; checked: Checked };

export class Intake {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly writes: JournalWrites;
  private readonly waiting = new Map<string, SignedEntry>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private verifierInstance: Verifier | null;
  private inFlight = 0;
  private readonly backlog: (() => void)[] = [];

  constructor(private readonly o: IntakeOptions) {
    this.verifierInstance = o.verifier ?? null;
    this.writes = new JournalWrites(o.journal);
  }

  /** Created on first use: a copy that never receives anything starts no worker. */
  private get verifier(): Verifier {
    return (this.verifierInstance ??= createVerifier());
  }

  /** Entries verified but not yet acceptable (author not admitted yet, or dated in the future). */
  get waitingCount(): number {
    return this.waiting.size;
  }

  /**
   * Queues values; resolves with the number of entries accepted once they are stored. Their ids and
   * signatures are checked from now on (off the page when workers are available), while what came
   * before is still being decided; decisions are taken in the order values arrived.
   */
  submit(values: readonly unknown[]): Promise<number> {
    const slices: Promise<Looked[]>[] = [];
    for (let start = 0; start < values.length; start += SLICE) {
      const slice = values.slice(start, start + SLICE);
      slices.push(this.scheduled(() => this.look(slice)));
    }
    for (const p of slices) p.catch(() => undefined); // awaited in order by process()
    // Decisions are taken one submit after the other; their journal writes are queued (in order) and
    // not waited for before the next submit's decisions.
    const decided = this.chain.then(() => this.process(slices));
    this.chain = decided.then(
      () => undefined,
      (e: Error) => console.warn('Vigie : entrées reçues non décidées', e),
    );
    const done = decided.then(async ({ accepted, written }) => {
      await written;
      return accepted;
    });
    // Some callers (the exchange) do not wait for the answer: a failure is logged by the writes and
    // reported by idle(), and must not also surface as an unhandled rejection.
    done.catch(() => undefined);
    return done;
  }

  /** Resolves once everything submitted so far is decided and stored; rejects if storing failed. */
  async idle(): Promise<void> {
    await this.chain;
    await this.writes.idle();
  }

  /** Stops retrying; the workers stop once what was submitted is done (later values: in the page). */
  destroy(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const used = this.verifierInstance;
    this.verifierInstance = inPageVerifier;
    if (used) void this.chain.then(() => used.destroy());
  }

  /** At most AHEAD slices in the verifier at once, in order: a whole crisis is not copied to the workers at once. */
  private scheduled<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.inFlight++;
        task()
          .then(resolve, reject)
          .finally(() => {
            this.inFlight--;
            this.backlog.shift()?.();
          });
      };
      if (this.inFlight < AHEAD) start();
      else this.backlog.push(start);
    });
  }

  /**
   * Ids first; entries already in the record (or waiting) are not verified again; the others get
   * their body and signature checked. Nothing is decided here.
   */
  private async look(values: readonly unknown[]): Promise<Looked[]> {
    const envelopes = values.filter(isEnvelope);
    const ids = envelopes.length ? await this.verifier.ids(envelopes.map((v) => v.d)) : [];
    const fresh = envelopes.flatMap((v, i) => (this.known(ids[i]!) ? [] : [i]));
    const checked = fresh.length ? await this.verifier.check(this.o.crisisId, fresh.map((i) => ({ d: envelopes[i]!.d, g: envelopes[i]!.g })), fresh.map((i) => ids[i]!)) : [];
    const byIndex = new Map(fresh.map((i, j) => [i, checked[j]!]));
    let next = 0;
    return values.map((v): Looked => {
      if (!isEnvelope(v)) return { v, malformed: true };
      const i = next++;
      const c = byIndex.get(i);
      return c ? { v, checked: c } : { v, known: true };
    });
  }

  private known(id: string): boolean {
    return this.o.state.ids.has(id) || this.waiting.has(id);
  }

  /**
   * Slice by slice, in order, so that a newcomer receiving a whole crisis sees rows arrive as they
   * are verified; the journal write of one slice overlaps the decisions on the next.
   */
  private async process(slices: Promise<Looked[]>[]): Promise<{ accepted: number; written: Promise<void> }> {
    let accepted = 0;
    const writes: Promise<void>[] = [];
    const seen = new Set<string>();
    const slicer = new Slicer();
    if (!slices.length) slices = this.retryDue ? [Promise.resolve([])] : [];
    for (const slice of slices) {
      // Verified slices are often ready at once: give the page a turn between them.
      await slicer.maybeYield();
      const { count, stored } = this.processSlice(await slice, seen);
      accepted += count;
      stored.catch(() => undefined); // looked at below, once every slice is queued
      writes.push(stored);
    }
    const written = Promise.allSettled(writes).then((results) => {
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    });
    written.catch(() => undefined); // the submit's caller and idle() hear of it
    return { accepted, written };
  }

  private processSlice(looked: Looked[], seen: Set<string>): { count: number; stored: Promise<void> } {
    const refused: Rejection[] = [];
    const fresh = this.verified(looked, seen, refused);
    const accepted = this.decide(fresh, refused);
    if (refused.length) this.o.onRejected(refused);
    return { count: accepted.length, stored: this.writes.add(accepted, refused) };
  }

  /** What passed the checks and is new (not in the record, not waiting, not seen in this batch). */
  private verified(looked: Looked[], seen: Set<string>, refused: Rejection[]): SignedEntry[] {
    const out: SignedEntry[] = [];
    for (const l of looked) {
      if ('malformed' in l) {
        refused.push(rejection(l.v, 'entrée mal formée', this.o.now()));
        continue;
      }
      if ('known' in l) continue;
      const { id, body, reason } = l.checked;
      // Looked up again now: earlier slices may have brought the same entry meanwhile.
      if (this.known(id) || seen.has(id)) continue;
      if (reason === undefined) {
        seen.add(id);
        out.push({ id, d: l.v.d, g: l.v.g, body });
      } else {
        // A bad signature is not remembered: the genuine entry with this id may still come.
        if (!body) seen.add(id);
        refused.push(rejection(l.v, reason, this.o.now(), body));
      }
    }
    return out;
  }

  /** Applies what the rules accept, in the entries' order, until nothing more becomes acceptable. */
  private decide(fresh: SignedEntry[], refused: Rejection[]): SignedEntry[] {
    const { state } = this.o;
    const membersChange = fresh.some((e) => MEMBER_KINDS.has(e.body.k));
    let queue = fresh;
    if (membersChange || this.retryDue) {
      queue = queue.concat([...this.waiting.values()]);
      this.waiting.clear();
      this.retryDue = false;
    }
    queue.sort(compareEntries);
    const accepted: SignedEntry[] = [];
    const applied = { sightings: new Set<string>(), other: false };
    const horizon = this.o.now() + MAX_CLOCK_SKEW_MS;
    let progress = true;
    while (progress && queue.length) {
      progress = false;
      const next: SignedEntry[] = [];
      for (const e of queue) {
        if (e.body.t > horizon) {
          next.push(e);
          continue;
        }
        const verdict = state.check(e);
        if (verdict.ok) {
          const a = state.apply(e);
          for (const s of a.sightings) applied.sightings.add(s);
          applied.other ||= a.other;
          accepted.push(e);
          if (MEMBER_KINDS.has(e.body.k)) progress = true;
        } else if (verdict.pending) next.push(e);
        else refused.push(rejection(e, verdict.reason, this.o.now(), e.body));
      }
      queue = next;
    }
    for (const e of queue) if (this.waiting.size < MAX_WAITING) this.waiting.set(e.id, e);
    if (queue.some((e) => e.body.t > horizon)) this.scheduleRetry();
    if (accepted.length) this.o.onApplied(applied, accepted);
    return accepted;
  }

  private retryDue = false;
  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryDue = true;
      void this.submit([]);
    }, 60_000);
  }

  /** Local entries also count as a members change for those waiting (an admission written here). */
  recheckWaiting(): void {
    if (!this.waiting.size) return;
    this.retryDue = true;
    void this.submit([]);
  }
}

function rejection(v: unknown, reason: string, at: number, body?: { a?: string; k?: string }): Rejection {
  let author = body?.a ?? '';
  let kind = body?.k ?? '';
  let excerpt = '';
  try {
    const d = (v as Envelope | null)?.d;
    // A purged original is not kept, not even in part: it holds the personal data the purge removed.
    excerpt = reason === PURGED_REASON ? '' : (typeof d === 'string' ? d : JSON.stringify(v) ?? String(v)).slice(0, 300);
    if (!body && typeof d === 'string') {
      const m = /"a":"([A-Za-z0-9_-]{1,64})"/.exec(d);
      author = m?.[1] ?? '';
      kind = /"k":"(\w)"/.exec(d)?.[1] ?? '';
    }
  } catch {
    excerpt = '(illisible)';
  }
  return { at, author, kind, reason, excerpt };
}
