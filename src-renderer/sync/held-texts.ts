// The journal's texts a stream's slice needs (the entries the exchange document holds by reference,
// store/held-entries.ts), written as the log's values are on the wire as the journal reads them.
import * as encoding from 'lib0/encoding';
import type { Envelope } from '../core/records';
import type { JournalRef } from '../store/held-entries';
import { writeAny } from './any-writer';

/**
 * Each entry is written (`writeAny`) in the task the journal reads it in: its text is garbage at
 * once, and what waits for the rest of the slice is bytes in one buffer, not 128 strings that
 * outlived the young generation (and, at 100,000 sightings, filled the open copy's old space).
 */
export class HeldTexts {
  private readonly encoder = encoding.createEncoder();
  /** seq → its place in `ends`. */
  private readonly spans = new Map<number, number>();
  private readonly ends: number[] = [];
  private bytes: Uint8Array | null = null;

  add(seq: number, entry: Envelope): void {
    if (this.spans.has(seq)) return;
    writeAny(this.encoder, entry);
    this.spans.set(seq, this.ends.length);
    this.ends.push(encoding.length(this.encoder));
    this.bytes = null;
  }

  has(ref: JournalRef): boolean {
    return this.spans.has(ref.seq);
  }

  /** The bytes `writeAny` writes for the entry `ref` stands for. */
  of(ref: JournalRef): Uint8Array {
    const i = this.spans.get(ref.seq);
    if (i === undefined) throw notReadBack(ref);
    this.bytes ??= encoding.toUint8Array(this.encoder);
    return this.bytes.subarray(i ? this.ends[i - 1] : 0, this.ends[i]);
  }
}

/** A slice's texts: none when it holds no reference. */
export type Held = HeldTexts | undefined;

export function textOf(held: Held, ref: JournalRef): Uint8Array {
  if (!held) throw notReadBack(ref);
  return held.of(ref);
}

const notReadBack = (ref: JournalRef) => new Error(`Vigie : l’entrée n° ${ref.seq} du journal n’a pas été relue avant l’encodage`);
