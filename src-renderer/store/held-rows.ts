// The exchange document's rows on disk, written with references in place of the texts the journal
// holds (a row marked `byRef`, store/persistence.ts). Stored as they came, the rows held every
// entry's text a second time (87 MB at 100,000 sightings), and each open decoded them all only to
// replace them by references again (held-entries.ts): 33 MB of strings that reached V8's old space,
// and the full collections that paused the page while the document loaded (29 Nov., V8's sampling
// heap profiler).
//
// In such a row, each value of the log is either a number, the `seq` of the journal entry it stands
// for, or an array of one, the value itself (an entry the journal does not hold: refused, or not
// stored yet). No value is left as it came, so a number or an array a peer put in the log is told
// apart from a reference. Only rows this copy wrote carry the mark; what a peer sends is stored
// without it, and read as it came.
import * as Y from 'yjs';
import type { Slicer } from '../core/slicer';
import { JournalRef } from './held-entries';
import { mapBetween } from './hold-pass';

/**
 * `Y.encodeStateAsUpdate(doc, since)` with the log's values written by reference (see above). In
 * one task: the log's arrays are swapped for their encoded form, encoded and put back.
 */
export function encodeByRef(doc: Y.Doc, log: Y.Array<unknown>, since?: Uint8Array): Uint8Array {
  const sv = since ? Y.decodeStateVector(since) : new Map<number, number>();
  const swapped: { content: Y.ContentAny; arr: unknown[] }[] = [];
  try {
    for (const [client, structs] of doc.store.clients) {
      const clock = sv.get(client) ?? 0;
      if (clock >= Y.getState(doc.store, client)) continue;
      for (let i = clock ? Y.findIndexSS(structs, clock) : 0; i < structs.length; i++) {
        const s = structs[i];
        if (!(s instanceof Y.Item) || s.parent !== log || !(s.content instanceof Y.ContentAny)) continue;
        const arr = s.content.arr;
        swapped.push({ content: s.content, arr });
        s.content.arr = arr.map((v) => (v instanceof JournalRef ? v.seq : [v]));
      }
    }
    return Y.encodeStateAsUpdate(doc, since);
  } finally {
    for (const { content, arr } of swapped) content.arr = arr;
  }
}

/**
 * After a row written by encodeByRef() was applied: the log values it brought (per client, from the
 * document's state `before` to its state `after`) put back as they were, references as JournalRefs.
 * In slices.
 */
export function unpackByRef(
  doc: Y.Doc,
  log: Y.Array<unknown>,
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
  slicer?: Slicer,
): Promise<void> {
  return mapBetween(doc, log, new Map(before), after, unpackValue, { slicer });
}

function unpackValue(v: unknown): unknown {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return new JournalRef(v);
  if (Array.isArray(v) && v.length === 1) return v[0];
  return v; // not written by encodeByRef (it never is): left as it is
}
