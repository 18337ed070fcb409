// What a document holds beyond a peer's state vector, encoded as a series of small, valid Yjs updates
// instead of one `Y.encodeStateAsUpdate(doc, sv)` of the whole crisis (≈ 1 s of main thread at 100k
// sightings, and 70–90 MB in one buffer). Each slice holds, for every client, the next stretch of its
// clock range, in proportion to what is left of it, so that items mostly arrive after the items they
// were inserted next to (whatever does not is held by Yjs as pending and integrated when its
// neighbour arrives). The last message carries the delete set.
//
// Yjs has no public API for "the structs of client c between clocks a and b": this reuses its own
// writers (`Item.prototype.write`, `UpdateEncoderV1`) and cuts only the content it knows how to cut
// (ContentAny, ContentDeleted, GC, the whole of Vigie's log); any other struct is sent whole. The
// wire format is the one `Y.encodeStateAsUpdate` writes (docs.yjs.dev, "Document Updates"). The
// entries the document holds by reference (store/held-entries.ts) are read back from the journal
// slice by slice and written as the text they stand for.
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { yieldToEventLoop } from '../core/slicer';
import { collectHeld, JournalRef, READ_PAGE, visitHeld } from '../store/held-entries';
import { writeAny } from './any-writer';
import { type Held, HeldTexts, textOf } from './held-texts';

type Struct = Y.Item | Y.GC;
type StructList = Struct[];

interface Cursor {
  client: number;
  /** Next clock to send. */
  from: number;
  /** The end of what is sent (the client's clock when streaming started). */
  to: number;
}

/** Where the document's structs live (Yjs internals, stable across 13.x). */
function clientsOf(doc: Y.Doc): Map<number, StructList> {
  return (doc.store as unknown as { clients: Map<number, StructList> }).clients;
}

/** The clock ranges `doc` holds beyond the peer's state vector. */
export function missingRanges(doc: Y.Doc, peerSv: Map<number, number>): Cursor[] {
  const ranges: Cursor[] = [];
  for (const [client, structs] of clientsOf(doc)) {
    if (!structs.length) continue;
    const last = structs[structs.length - 1];
    const to = last.id.clock + last.length;
    const from = Math.max(peerSv.get(client) ?? 0, structs[0].id.clock);
    if (from < to) ranges.push({ client, from, to });
  }
  // Deterministic order (as Yjs: higher client ids first).
  return ranges.sort((a, b) => b.client - a.client);
}

/** Can this struct be cut at any clock inside it? */
function cuttable(s: Struct): boolean {
  if (s instanceof Y.GC) return true;
  const content = (s as Y.Item).content;
  return content instanceof Y.ContentAny || content instanceof Y.ContentDeleted;
}

/**
 * Writes `s` from `offset` to `end` (both relative to its first clock), with Yjs's own writer; the
 * values of the log (ContentAny) with the faster `writeAny` of any-writer.ts, whole or cut, each
 * entry the document holds by reference written as the journal's text (`held`).
 */
function writePart(encoder: Y.UpdateEncoderV1, s: Struct, offset: number, end: number, held: Held): void {
  const content = s instanceof Y.Item ? s.content : null;
  if (end >= s.length && !(content instanceof Y.ContentAny)) return s.write(encoder, offset);
  end = Math.min(end, s.length);
  if (s instanceof Y.GC) {
    encoder.writeInfo(0);
    encoder.writeLen(end - offset);
    return;
  }
  const item = s as Y.Item;
  const ref = content!.getRef();
  const part =
    content instanceof Y.ContentAny
      ? {
          getRef: () => ref,
          write: (e: Y.UpdateEncoderV1, off: number) => {
            e.writeLen(end - off);
            for (let i = off; i < end; i++) {
              const v = content.arr[i];
              if (v instanceof JournalRef) encoding.writeUint8Array(e.restEncoder, textOf(held, v));
              else writeAny(e.restEncoder, v);
            }
          },
        }
      : { getRef: () => ref, write: (e: Y.UpdateEncoderV1, off: number) => e.writeLen(end - off) };
  // The item seen through a view whose content stops at `end`: same id, origins and parent, so the
  // receiver rebuilds exactly the item a Yjs split at `end` would give.
  const view = Object.create(item, { content: { value: part } }) as Y.Item;
  Y.Item.prototype.write.call(view, encoder, offset);
}

/**
 * The buffer slices are encoded in, kept from one slice to the next: a fresh encoder grows from 100
 * bytes by doubling, a megabyte of garbage per megabyte encoded. Grown to the largest slice seen,
 * up to KEPT_SCRATCH.
 */
let scratch = new Uint8Array(64 * 1024);
const KEPT_SCRATCH = 8 * 1024 * 1024;

/** One range's part of a slice: its clocks up to `stop`. */
interface Part {
  range: Cursor;
  stop: number;
}

/**
 * The next slice: up to `budget` clock units (entries of the log), taken from each range in
 * proportion to what is left of it. Null when everything is sent. The cursors move on only once
 * the slice is encoded (encodeSlice).
 */
function planSlice(doc: Y.Doc, ranges: Cursor[], budget: number): Part[] | null {
  const open = ranges.filter((r) => r.from < r.to);
  if (!open.length) return null;
  const left = open.reduce((n, r) => n + (r.to - r.from), 0);
  const clients = clientsOf(doc);
  return open.map((range) => {
    const share = Math.max(1, Math.ceil((budget * (range.to - range.from)) / left));
    return { range, stop: stopAt(clients.get(range.client)!, range, Math.min(range.to, range.from + share)) };
  });
}

/** Never cut a struct Yjs's writers cannot cut: it goes whole. */
function stopAt(structs: StructList, range: Cursor, stop: number): number {
  const last = structs[Y.findIndexSS(structs as never, stop - 1)];
  return cuttable(last) ? stop : Math.max(stop, Math.min(range.to, last.id.clock + last.length));
}

/** The references to journal entries among a slice's values. */
function heldIn(doc: Y.Doc, parts: Part[]): JournalRef[] {
  const refs: JournalRef[] = [];
  const clients = clientsOf(doc);
  for (const { range, stop } of parts) {
    const structs = clients.get(range.client)!;
    for (let i = Y.findIndexSS(structs as never, range.from); i < structs.length; i++) {
      const s = structs[i];
      if (s.id.clock >= stop) break;
      if (s instanceof Y.Item && s.content instanceof Y.ContentAny) collectHeld(s.content.arr, Math.max(0, range.from - s.id.clock), Math.min(s.length, stop - s.id.clock), refs);
    }
  }
  return refs;
}

/**
 * Encodes a planned slice as one update and moves the cursors on.
 *
 * Usually a view of the scratch buffer, valid until the next slice is encoded: copy it to keep it.
 * The stream hands it to a sender that copies it at once (into its sync message). A copy of each
 * slice was half the array buffers the open copy made while streaming a crisis; freed only by a
 * collection, they filled V8's allowance for memory outside its heap, and each time it forced a full
 * collection of the 250 MB heap (70–230 ms pauses on a 2-core laptop).
 */
function encodeSlice(doc: Y.Doc, parts: Part[], held: Held): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const rest = encoder.restEncoder;
  rest.cbuf = scratch;
  const clients = clientsOf(doc);
  encoding.writeVarUint(rest, parts.length);
  for (const { range: r, stop: planned } of parts) {
    const structs = clients.get(r.client)!;
    // (Again: the document may have changed since the slice was planned, while the journal was read.)
    const stop = stopAt(structs, r, planned);
    const start = Y.findIndexSS(structs as never, r.from);
    const end = Y.findIndexSS(structs as never, stop - 1);
    // Header (number of structs, client, first clock), then the structs, straight into the update: a
    // client's structs cover its clocks without a gap (Yjs keeps them so), so their count is known
    // before they are written, and no per-client buffer is copied in.
    encoding.writeVarUint(rest, end - start + 1);
    encoding.writeVarUint(rest, r.client);
    encoding.writeVarUint(rest, r.from);
    for (let i = start; i <= end; i++) {
      const s = structs[i];
      writePart(encoder, s, Math.max(0, r.from - s.id.clock), stop - s.id.clock, held);
    }
    r.from = stop;
  }
  encoding.writeVarUint(rest, 0); // empty delete set
  if (!rest.bufs.length) return scratch.subarray(0, rest.cpos);
  const update = encoder.toUint8Array();
  if (update.length <= KEPT_SCRATCH) scratch = new Uint8Array(Math.min(KEPT_SCRATCH, update.length * 2));
  return update;
}

/**
 * One update with up to `budget` clock units (see planSlice), in one go: for a document that holds
 * no entry by reference (it throws on one). A view of the scratch buffer (see encodeSlice). Returns
 * null when everything is sent.
 */
export function nextSlice(doc: Y.Doc, ranges: Cursor[], budget: number): Uint8Array | null {
  const parts = planSlice(doc, ranges, budget);
  return parts && encodeSlice(doc, parts, undefined);
}

/** An update holding only the document's delete set (what was deleted, by clock ranges). */
export function deleteSetUpdate(doc: Y.Doc): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, 0); // no structs
  const ds = Y.createDeleteSetFromStructStore(doc.store) as unknown as { clients: Map<number, { clock: number; len: number }[]> };
  encoding.writeVarUint(encoder.restEncoder, ds.clients.size);
  for (const [client, items] of [...ds.clients].sort((a, b) => b[0] - a[0])) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, items.length);
    for (const item of items) {
      encoder.writeDsClock(item.clock);
      encoder.writeDsLen(item.len);
    }
  }
  return encoder.toUint8Array();
}

export interface StreamOptions {
  /** Longest stretch of main-thread work per slice, in ms (default 8). */
  sliceMs?: number;
  /** Most log entries (clock units) per slice, whatever the time it takes to encode them (default 4096). */
  maxBudget?: number;
  /**
   * Sends one update; the last one is sync step 2. Throws or returns false when the peer is gone.
   * `update` may be a view of a buffer the next slice reuses: copy it to keep it.
   */
  send(update: Uint8Array, last: boolean): boolean;
  /** Bytes sent but not yet out on the wire: the stream waits while above `highWater`. */
  queued?(): number;
  highWater?: number;
  /**
   * Whether the transport still holds part of the last message itself (not yet handed to the
   * browser, which copies what it is given): the next slice waits for it, so that the sender can
   * write each message in the same array (quiet-provider.ts).
   */
  holding?(): boolean;
  cancelled?(): boolean;
}

/**
 * Streams what `doc` holds beyond `peerSv`: slices of about `sliceMs` of encoding each, the next one
 * after other tasks had their turn and the channel drained, then the delete set as the last message.
 * Updates applied to `doc` meanwhile reach the peer through the provider's own broadcast.
 */
export async function streamState(doc: Y.Doc, peerSv: Map<number, number>, o: StreamOptions): Promise<{ slices: number; bytes: number; longestMs: number }> {
  const sliceMs = o.sliceMs ?? 8;
  const highWater = o.highWater ?? 4 * 1024 * 1024;
  const maxBudget = o.maxBudget ?? 4096;
  const ranges = missingRanges(doc, peerSv);
  let budget = 32; // clock units (log entries) per slice, adjusted to the time it takes
  let cap = maxBudget;
  let slices = 0;
  let bytes = 0;
  let longestMs = 0;
  for (;;) {
    if (o.cancelled?.()) return { slices, bytes, longestMs };
    const parts = planSlice(doc, ranges, budget);
    if (!parts) break;
    // The entries the document holds by reference are read from the journal first (a few ms of
    // IndexedDB per slice), not counted in the slice's time: the page is free meanwhile.
    let held: Held;
    let refs = heldIn(doc, parts);
    // A document holding entries by reference: slices no larger than one journal read (READ_PAGE).
    if (refs.length) cap = Math.min(cap, READ_PAGE);
    // Again until none is missing: values held by reference while the journal was read (hold-pass.ts).
    for (; refs.length; refs = heldIn(doc, parts).filter((r) => !held!.has(r))) {
      const texts = (held ??= new HeldTexts());
      await visitHeld(doc, refs, (seq, entry) => texts.add(seq, entry));
      if (o.cancelled?.()) return { slices, bytes, longestMs };
    }
    const started = performance.now();
    const update = encodeSlice(doc, parts, held);
    const sent = o.send(update, false);
    // Encoding and sending both count: cutting 4 MB into WebRTC frames and handing them to the
    // channel cost more than encoding them, and slices timed on the encoding alone reached 150–300 ms.
    const took = performance.now() - started;
    longestMs = Math.max(longestMs, took);
    // Aim at sliceMs: grow slowly (a garbage collection in a slice must not look like spare time),
    // shrink fast.
    budget = Math.max(16, Math.min(cap, Math.round(budget * Math.min(1.25, Math.max(0.25, sliceMs / Math.max(took, 0.1))))));
    if (!sent) return { slices, bytes, longestMs };
    slices++;
    bytes += update.byteLength;
    await yieldToEventLoop();
    while (o.queued && o.queued() > highWater && !o.cancelled?.()) await new Promise((resolve) => setTimeout(resolve, 20));
    // A data channel's queue goes on in its next task (chunked-channel.ts): a few milliseconds.
    while (o.holding?.() && !o.cancelled?.()) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  const started = performance.now();
  const ds = deleteSetUpdate(doc);
  longestMs = Math.max(longestMs, performance.now() - started);
  if (o.send(ds, true)) {
    slices++;
    bytes += ds.byteLength;
  }
  return { slices, bytes, longestMs };
}
