// Where entries from elsewhere (a peer, a relay, a sync package, the invitation) enter the record:
// shape, then signature, then the rules; only then applied and appended to the journal. Entries
// whose author is not admitted yet (their admission travels separately) wait aside and are tried
// again when members change; entries dated in the future wait for their time. Everything refused
// is counted and kept (bounded) with who sent it and why. Each entry is checked once: a cold open
// reads the journal and does not verify again.
import type { Applied, CrisisState } from '../core/crisis-state';
import { bindingText, compareEntries, isEnvelope, parseBody, signedText, type Entry, type Envelope } from '../core/records';
import { entryId, verifySignature } from '../core/signing';
import type { RejectedRow } from './database';
import type { Journal } from './journal';

export type SignedEntry = Entry & Envelope;
export type Rejection = Omit<RejectedRow, 'crisisId' | 'seq'>;

/** An entry dated further ahead than this waits (a clock set wrong, or a hostile one). */
export const MAX_CLOCK_SKEW_MS = 10 * 60_000;
const MAX_WAITING = 50_000;
const VERIFY_BATCH = 2000;
const MEMBER_KINDS = new Set(['x', 'm', 'p', 'r', 'v']);

export interface IntakeOptions {
  crisisId: string;
  state: CrisisState;
  journal: Journal;
  now: () => number;
  onApplied(applied: Applied, entries: SignedEntry[]): void;
  onRejected(rows: Rejection[]): void;
}

export class Intake {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly waiting = new Map<string, SignedEntry>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failure: Error | null = null;
  private unstored: SignedEntry[] = [];

  constructor(private readonly o: IntakeOptions) {}

  /** Entries verified but not yet acceptable (author not admitted yet, or dated in the future). */
  get waitingCount(): number {
    return this.waiting.size;
  }

  /** Queues values; resolves with the number of entries accepted once they are stored. */
  submit(values: readonly unknown[]): Promise<number> {
    const run = this.chain.then(() => this.process(values));
    this.chain = run.catch((e: Error) => {
      this.failure = e;
      console.warn('Vigie : entrées reçues non enregistrées', e);
    });
    return run;
  }

  /** Resolves once everything submitted so far is processed; rejects if storing failed. */
  async idle(): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  /**
   * Slice by slice, so that a newcomer receiving a whole crisis sees rows arrive as they are
   * verified, and no slice keeps the page busy for long.
   */
  private async process(values: readonly unknown[]): Promise<number> {
    let accepted = 0;
    // The journal write of one slice overlaps the verification of the next.
    const writes: Promise<void>[] = [];
    for (let start = 0; start < values.length || (start === 0 && this.retryDue); start += VERIFY_BATCH) {
      const { count, stored } = await this.processSlice(values.slice(start, start + VERIFY_BATCH));
      accepted += count;
      stored.catch(() => undefined); // looked at below, once every slice is queued
      writes.push(stored);
      if (!values.length) break;
    }
    const failed = (await Promise.allSettled(writes)).find((r) => r.status === 'rejected');
    if (failed) throw new Error(`Échec de l'enregistrement sur le disque : ${(failed.reason as Error).message}`);
    this.failure = null;
    return accepted;
  }

  private async processSlice(values: readonly unknown[]): Promise<{ count: number; stored: Promise<void> }> {
    const refused: Rejection[] = [];
    const fresh = await this.verified(values, refused);
    const accepted = this.decide(fresh, refused);
    if (refused.length) this.o.onRejected(refused);
    // Accepted entries a failed write left out go with the next write.
    const batch = this.unstored.concat(accepted);
    this.unstored = [];
    const stored = Promise.all([this.o.journal.append(batch), this.o.journal.reject(refused)]).then(
      () => undefined,
      (e: Error) => {
        this.unstored = batch.concat(this.unstored);
        throw e;
      },
    );
    return { count: accepted.length, stored };
  }

  /** Shape, dedup, body and signatures; what passes comes back with its id and body. */
  private async verified(values: readonly unknown[], refused: Rejection[]): Promise<SignedEntry[]> {
    const { crisisId, state } = this.o;
    const out: SignedEntry[] = [];
    const seen = new Set<string>();
    for (let start = 0; start < values.length; start += VERIFY_BATCH) {
      const slice = values.slice(start, start + VERIFY_BATCH);
      const checked = await Promise.all(
        slice.map(async (v): Promise<SignedEntry | null> => {
          if (!isEnvelope(v)) {
            refused.push(rejection(v, 'entrée mal formée', this.o.now()));
            return null;
          }
          const id = await entryId(v.d);
          if (state.ids.has(id) || this.waiting.has(id) || seen.has(id)) return null;
          seen.add(id);
          const parsed = parseBody(v.d);
          if (!parsed.ok) {
            refused.push(rejection(v, parsed.reason, this.o.now()));
            return null;
          }
          const body = parsed.body;
          const signed = await verifySignature(body.a, signedText(crisisId, v.d), v.g);
          const bound = body.k === 'p' && body.i && body.w ? await verifySignature(body.i, bindingText(crisisId, body.a), body.w) : true;
          if (!signed || !bound) {
            // Not remembered: the genuine entry with this id may still come.
            seen.delete(id);
            refused.push(rejection(v, signed ? "liaison d'invitation invalide" : 'signature invalide', this.o.now(), body));
            return null;
          }
          return { id, d: v.d, g: v.g, body };
        }),
      );
      for (const e of checked) if (e) out.push(e);
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
    excerpt = (typeof d === 'string' ? d : JSON.stringify(v) ?? String(v)).slice(0, 300);
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
