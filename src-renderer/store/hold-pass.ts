// What reaches the exchange document after it is loaded (a crisis streamed to a newcomer, a day of
// edits on an open copy) is held by reference too, once the journal has it (held-entries.ts): a
// copy that received 100,000 sightings would otherwise keep all their texts twice until it reopens.
//
// The journal tells which entries it stored and where (`stored`). A pass, a little after, waits until
// the intake is idle: then every value the document held when the pass began has been decided and
// stored (the exchange submits what arrives as it arrives; local writes are stored before they are
// shared). It walks only what arrived since the last pass, client by client, and holds each value the
// journal stored. What the journal did not take (a refused entry, anything not an envelope) stays
// whole, and so does a repeat of an entry the journal already had (a newcomer sharing the crisis's
// first entries again): the journal says nothing of what it does not store.
import * as Y from 'yjs';
import { Slicer } from '../core/slicer';
import { isPlainEnvelope, JournalRef } from './held-entries';

/** A pass waits this long after the first entry stored since the last one (entries come in bursts). */
const PASS_AFTER_MS = 2000;

export class HoldPass {
  /** Signature → entries stored and not yet looked for in the document (`pass`: when noted). */
  private stored = new Map<string, { seq: number; d: string; pass: number }>();
  /** Per client, the clock up to which the document's values were looked at. */
  private seen = new Map<number, number>();
  private passes = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** A pass is under way (waiting for the intake, or walking): the next one starts after it. */
  private running = false;
  private again = false;
  private started = false;
  private closed = false;

  constructor(
    private readonly doc: Y.Doc,
    private readonly log: Y.Array<unknown>,
    /** Resolves once everything submitted to the intake so far is decided and stored. */
    private readonly idle: () => Promise<void>,
    /** After each pass (the document's rows on disk may then be written by reference). */
    private readonly passed: () => void = () => undefined,
  ) {}

  /** The document is loaded and every value in it was looked at (the exchange's load). */
  start(): void {
    this.seen = stateOf(this.doc);
    this.started = true;
    if (this.stored.size) this.schedule();
  }

  /** Entries the journal stored (or, shared again from it, already had), with their places. */
  note(rows: readonly { d: string; g: string; seq: number }[]): void {
    if (this.closed || !rows.length) return;
    for (const { d, g, seq } of rows) this.stored.set(g, { seq, d, pass: this.passes });
    if (this.started) this.schedule();
  }

  /** Every value the document holds was looked at, and no pass is due. */
  caughtUp(): boolean {
    if (!this.started || this.running || this.timer) return false;
    for (const client of this.doc.store.clients.keys()) if (Y.getState(this.doc.store, client) > (this.seen.get(client) ?? 0)) return false;
    return true;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    // One pass at a time: while a crisis streams in, a pass waits for the intake for as long as it
    // lasts, and passes started every 2 s meanwhile would all walk the same values together.
    if (this.running) return void (this.again = true);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = true;
      void this.run()
        .catch((e: Error) => console.warn('Vigie : mise en référence reportée', e))
        .finally(() => {
          this.running = false;
          if (this.again) {
            this.again = false;
            this.schedule();
          } else if (!this.closed) this.passed();
        });
    }, PASS_AFTER_MS);
  }

  /** Holds what arrived since the last pass. */
  private async run(): Promise<void> {
    const upTo = stateOf(this.doc);
    // Entries noted from here on get this pass's number: while the intake gets idle, it may store
    // entries whose values came after `upTo` (a crisis streaming in), which the next pass holds.
    const pass = ++this.passes;
    await this.idle();
    if (this.closed) return;
    await holdBetween(this.doc, this.log, this.seen, upTo, (v) => {
      if (!isPlainEnvelope(v)) return undefined;
      const at = this.stored.get(v.g);
      // (The same text too: a peer's value reusing a signature with another text stays as it came.)
      return at && at.d === v.d ? new JournalRef(at.seq) : undefined;
    }, { slicer: new Slicer(), stopped: () => this.closed });
    // Entries noted before this pass began were for values the document held when it began: done.
    // (Those noted since may be for values that came after: kept for the next pass.)
    for (const [g, at] of this.stored) if (at.pass < pass) this.stored.delete(g);
  }
}

/**
 * Replaces each value of the log between two states (per client: from `seen`, up to `upTo`) by what
 * `refFor` gives, if anything; `seen` moves on as it goes (see mapBetween).
 */
export function holdBetween(
  doc: Y.Doc,
  log: Y.Array<unknown>,
  seen: Map<number, number>,
  upTo: ReadonlyMap<number, number>,
  refFor: (v: unknown) => JournalRef | undefined,
  o: { slicer?: Slicer; stopped?: () => boolean } = {},
): Promise<void> {
  return mapBetween(doc, log, seen, upTo, (v) => refFor(v) ?? v, o);
}

/**
 * Puts `f(value)` in place of each value of the log between two states (per client: from `seen`, up
 * to `upTo`); `seen` moves on as it goes.
 * With a slicer it yields between structs, finding its place again after each yield (other
 * transactions may split the structs meanwhile).
 */
export async function mapBetween(
  doc: Y.Doc,
  log: Y.Array<unknown>,
  seen: Map<number, number>,
  upTo: ReadonlyMap<number, number>,
  f: (v: unknown) => unknown,
  o: { slicer?: Slicer; stopped?: () => boolean } = {},
): Promise<void> {
  const clients = doc.store.clients as Map<number, (Y.Item | Y.GC)[]>;
  for (const [client, end] of upTo) {
    const structs = clients.get(client);
    let clock = seen.get(client) ?? 0;
    if (!structs?.length || clock >= end) continue;
    clock = Math.max(clock, structs[0]!.id.clock);
    while (clock < end) {
      const s = structs[Y.findIndexSS(structs as never, clock)]!;
      if (s instanceof Y.Item && s.parent === log && s.content instanceof Y.ContentAny) {
        const arr = s.content.arr;
        for (let i = clock - s.id.clock, to = Math.min(arr.length, end - s.id.clock); i < to; i++) arr[i] = f(arr[i]);
      }
      clock = s.id.clock + s.length;
      seen.set(client, Math.min(clock, end));
      if (o.slicer?.due()) await o.slicer.yieldNow();
      if (o.stopped?.()) return;
    }
  }
}

/** Per client, the clock the document has reached. */
export function stateOf(doc: Y.Doc): Map<number, number> {
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}
