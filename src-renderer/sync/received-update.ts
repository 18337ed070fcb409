// An update received from a peer is applied by the transport's library (y-webrtc, Hocuspocus), and
// Yjs then encodes it again, from the document, for every 'update' listener: the document's rows on
// disk (store/persistence.ts) and the transports that pass it on. A newcomer receiving 100,000
// sightings spent a tenth of its main thread (2 s in 20) encoding back the 40 MB it had just been
// sent. Here the listeners get the received bytes themselves: Yjs finds no 'update' listener while
// it cleans up the transaction that applied them, and they are called once it is done. (A listener
// removed during that transaction would come back: none is, the transports leave between messages.)
//
// The received bytes are a superset of what Yjs would have encoded (they may repeat what the
// document already held), and both listeners take updates as they come: the disk keeps them in
// order of arrival and Yjs accepts a repeat. What Yjs would encode that the bytes do not hold is
// what an earlier update left pending and this one completes: an update that leaves something
// pending is passed on whole (Yjs would say nothing of that part yet), so the completing one can
// be passed on as received too. Only while something pending came another way (rows read back from
// disk, which hold it already) does Yjs encode what completes it, as before. (Streamed slices of a
// crisis written by several copies leave something pending most of the time.)
import * as Y from 'yjs';
import { hasPending } from '../store/sync-pack';

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, tr: Y.Transaction) => void;
/** lib0's Observable keeps its listeners here (yjs 13.x): the only way to make 'update' silent for one transaction. */
type Observers = Map<string, Set<UpdateListener>>;

/** Whether a transaction changed the document (Yjs's own test before it encodes an update). */
function changed(tr: Y.Transaction): boolean {
  if (tr.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of tr.afterState) if (tr.beforeState.get(client) !== clock) return true;
  return false;
}

/** Documents whose pending structs all came in updates passed on whole by applyReceived. */
const passedOnWhole = new WeakSet<Y.Doc>();

/** A valid Yjs update that changes nothing: what the library is handed once the real one is applied. */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

/**
 * Applies an update received from a peer, as the transports' libraries would (`origin`: the
 * provider, or y-webrtc's room), and gives the document's 'update' listeners the received bytes
 * rather than Yjs's encoding of them. Applied here, not by the library, because y-protocols
 * swallows an error half-way through an update: bytes that did not apply whole are never passed on
 * (the listeners get Yjs's encoding of what did apply, and the error is thrown). Any other
 * transaction run meanwhile (an observer writing) is encoded by Yjs as usual.
 */
export function applyReceived(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const observers = (doc as unknown as { _observers: Observers })._observers;
  const waited = hasPending(doc);
  // Something pending that came another way (read back from disk): Yjs's encoding holds it once this
  // update completes it, so that encoding goes to the listeners.
  if (!observers.get('update')?.size || doc._transaction || (waited && !passedOnWhole.has(doc))) {
    Y.applyUpdate(doc, update, origin);
    if (!hasPending(doc)) passedOnWhole.delete(doc);
    return;
  }
  let first: Y.Transaction | null = null;
  let silenced: Set<UpdateListener> | null = null;
  const restore = () => {
    if (!silenced) return;
    // Listeners added meanwhile (a transport connecting) are kept too.
    const added = observers.get('update');
    if (added) for (const f of added) silenced.add(f);
    observers.set('update', silenced);
  };
  // Called right before Yjs looks for 'update' listeners, for each transaction in turn: only the
  // first one (the update's own) finds none.
  const onCleanup = (tr: Y.Transaction) => {
    restore();
    if (first) return;
    first = tr;
    silenced = observers.get('update') ?? null;
    observers.delete('update');
  };
  doc.on('afterTransactionCleanup', onCleanup);
  let failed: { error: unknown } | null = null;
  try {
    Y.applyUpdate(doc, update, origin);
  } catch (error) {
    failed = { error };
  } finally {
    doc.off('afterTransactionCleanup', onCleanup);
    restore();
  }
  const waiting = hasPending(doc);
  const tr = first as Y.Transaction | null;
  if (tr && silenced) {
    const listeners = [...(silenced as Set<UpdateListener>)];
    if (failed) {
      // Unreadable past some point: what it did change, encoded from the document (a superset).
      const applied = changed(tr) ? Y.encodeStateAsUpdate(doc, Y.encodeStateVector(tr.beforeState)) : null;
      if (applied) for (const f of listeners) f(applied, tr.origin, doc, tr);
    } else if (changed(tr) || waiting) {
      for (const f of listeners) f(update, tr.origin, doc, tr);
    }
    // (Otherwise nothing was new, and Yjs would have said nothing either.)
  }
  // (Yjs's encoding in the failed case holds what is pending too.)
  if (!waiting) passedOnWhole.delete(doc);
  else if (!waited) passedOnWhole.add(doc);
  if (failed) throw failed.error;
}
