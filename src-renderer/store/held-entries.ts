// The exchange document's log keeps every value ever shared (no garbage collection, exchange.ts), and
// each of them is an entry the journal also keeps: at 100,000 sightings with their history, those
// texts held twice were half the page's heap (536 MB, 289 MB without them). Once the document is
// loaded, each log value the journal holds is replaced, in the Yjs item itself, by a JournalRef: the
// entry's place in the journal. The texts come back from the journal only to be encoded (a peer
// joining, a sync package, a rewrite of the document on disk), a slice at a time.
//
// A JournalRef is an instance of a class no update decodes to: a value from a peer can never pass
// for one. Only values shaped exactly as the log's envelopes (`d` then `g`, nothing else) become
// one, so that writing the journal's `{ d, g }` back gives the bytes the document received. And
// Yjs's own writer refuses a JournalRef (it would write the stand-in, not the entry): a path that
// forgets to bring the texts back fails loudly rather than send or store a corrupt update.
import * as Y from 'yjs';
import type { Envelope } from '../core/records';

/** Stands in the exchange document for an entry the journal holds. */
export class JournalRef {
  constructor(readonly seq: number) {}
}

/**
 * Reads entries back from the journal by `seq`, handing each to `each` as it is read (an entry no
 * longer there is not handed over).
 */
export type JournalReader = (seqs: number[], each: (seq: number, entry: Envelope) => void) => Promise<void>;

/**
 * Entries per journal read, and per slice of a stream (stream-state.ts), where each entry is written
 * out in the task it is read in (Journal.eachBySeq). Read several pages ahead, then a page at a time
 * but kept whole until the slice was encoded, they outlived the young generation's collections: the
 * open copy then paused 50–121 ms in full collections while it streamed 100k sightings to a newcomer
 * (29 Nov., V8's --trace-gc and sampling heap profiler).
 */
export const READ_PAGE = 128;

const readers = new WeakMap<Y.Doc, JournalReader>();

/** Lets `doc` hold entries by reference, read back through `read`. */
export function holdEntries(doc: Y.Doc, read: JournalReader): void {
  guardYjsWriter();
  readers.set(doc, read);
}

/** An envelope exactly as the log carries it: its own `{ d, g }` re-encodes to the same bytes. */
export function isPlainEnvelope(v: unknown): v is Envelope {
  if (v === null || typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype) return false;
  let n = 0;
  for (const k in v) if ((n === 0 && k !== 'd') || (n === 1 && k !== 'g') || ++n > 2) return false;
  const { d, g } = v as Record<string, unknown>;
  return n === 2 && typeof d === 'string' && typeof g === 'string';
}

/**
 * Hands `each` the entries these references stand for, as the journal reads them, a page at a time
 * (an entry several references stand for, once). Throws if one is no longer there (nothing may be
 * encoded without it).
 */
export async function visitHeld(doc: Y.Doc, refs: readonly JournalRef[], each: (seq: number, entry: Envelope) => void): Promise<void> {
  if (!refs.length) return;
  const read = readers.get(doc);
  if (!read) throw new Error('Vigie : ce document ne lit pas ses entrées dans un journal');
  const seen = new Set<number>();
  const pages: Promise<void>[] = [];
  for (let i = 0; i < refs.length; i += READ_PAGE) {
    const seqs = refs.slice(i, i + READ_PAGE).map((r) => r.seq);
    pages.push(read(seqs, (seq, e) => void (seen.has(seq) || (seen.add(seq), each(seq, e)))));
  }
  await Promise.all(pages);
  for (const ref of refs) if (!seen.has(ref.seq)) throw new Error(`Vigie : l’entrée n° ${ref.seq} du journal manque, le document ne peut être encodé`);
}

/** The entries these references stand for, by `seq` (see visitHeld). */
async function readHeld(doc: Y.Doc, refs: readonly JournalRef[]): Promise<Map<number, Envelope>> {
  const bySeq = new Map<number, Envelope>();
  await visitHeld(doc, refs, (seq, e) => bySeq.set(seq, e));
  return bySeq;
}

/** The references among `arr[from..to)`, added to `out`. */
export function collectHeld(arr: readonly unknown[], from: number, to: number, out: JournalRef[]): void {
  for (let i = from; i < to; i++) {
    const v = arr[i];
    if (v instanceof JournalRef) out.push(v);
  }
}

/**
 * `Y.encodeStateAsUpdate(doc, since)`, the held entries' texts read back from the journal first
 * (`placeholders`: written as null instead, for a copy whose values nobody reads: a dry run).
 * Resolves with the update; the document keeps holding its entries by reference.
 */
export async function encodeWithEntries(doc: Y.Doc, since?: Uint8Array, placeholders = false): Promise<Uint8Array> {
  const sv = since ? Y.decodeStateVector(since) : new Map<number, number>();
  for (;;) {
    const refs: JournalRef[] = [];
    forEachAny(doc, sv, (arr, from) => collectHeld(arr, from, arr.length, refs));
    const held = placeholders ? null : await readHeld(doc, refs);
    // From here on, nothing awaits: the values are put in, encoded and taken out in one task.
    const swapped: { arr: unknown[]; i: number; ref: JournalRef }[] = [];
    let complete = true;
    forEachAny(doc, sv, (arr, from) => {
      for (let i = from; i < arr.length; i++) {
        const ref = arr[i];
        if (!(ref instanceof JournalRef)) continue;
        const value = held ? held.get(ref.seq) : null;
        if (value === undefined) complete = false; // a reference made while the journal was read
        else {
          swapped.push({ arr: arr as unknown[], i, ref });
          (arr as unknown[])[i] = value;
        }
      }
    });
    try {
      if (complete) return Y.encodeStateAsUpdate(doc, since);
    } finally {
      for (const { arr, i, ref } of swapped) arr[i] = ref;
    }
  }
}

/** Every ContentAny of the document, with the first index of it beyond `sv`. */
function forEachAny(doc: Y.Doc, sv: Map<number, number>, f: (arr: readonly unknown[], from: number) => void): void {
  for (const [client, structs] of doc.store.clients) {
    const clock = sv.get(client) ?? 0;
    for (const s of structs) {
      if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) continue;
      if (s.id.clock + s.length <= clock) continue;
      f(s.content.arr, Math.max(0, clock - s.id.clock));
    }
  }
}

let guarded = false;

/** Yjs's writer of list values throws on a JournalRef (see the top of this file). */
function guardYjsWriter(): void {
  if (guarded) return;
  guarded = true;
  const proto = Y.ContentAny.prototype as unknown as { write(encoder: unknown, offset: number): void; arr: unknown[] };
  const write = proto.write;
  proto.write = function (this: { arr: unknown[] }, encoder: unknown, offset: number) {
    const arr = this.arr;
    for (let i = offset; i < arr.length; i++)
      if (arr[i] instanceof JournalRef) throw new Error('Vigie : une entrée tenue par le journal allait être encodée sans son texte');
    write.call(this, encoder, offset);
  };
}
