// Hocuspocus 4 sends each update of a document to every connection on it, the connection it came
// from included (`Document.broadcastUpdate`). The sender already holds it: a copy uploading a crisis
// of 100,000 sightings to an empty relay got its 90 MB back, and its page decoded all of it again and
// handed it to the intake, which found every entry known (the open copy's garbage collections
// during a join: docs/benchmark-log.md, "Measured 28 Nov., 21–22 h UTC"). Here an update goes to
// every connection but the one it came from, when it came from a single connection. Hocuspocus
// merges the updates of one event-loop turn into one broadcast: when they came from several
// connections (or from Redis, or from the relay itself), the merged update goes to every
// connection, as before.
import type { Document } from '@hocuspocus/server';

type Connection = unknown;
type Broadcast = (encode: (address: string) => Uint8Array, filter?: (c: Connection) => boolean) => void;
interface Internals {
  broadcastUpdate(update: Uint8Array): void;
  broadcast: Broadcast;
  emit(name: string, args: unknown[]): void;
}
const SEVERAL = Symbol('several origins');

/** Makes `document` send each update to every connection but the single one it came from. */
export function notBackToSender(document: Document): void {
  const doc = document as unknown as Internals;
  /** Where the updates since the last broadcast came from: one connection, SEVERAL, or none yet. */
  let from: Connection | typeof SEVERAL | undefined;
  // Recorded as Yjs emits the update, before Hocuspocus's own listener (which may broadcast at once).
  const emit = doc.emit.bind(doc);
  doc.emit = (name, args) => {
    if (name === 'update') {
      const origin = args[1] as { source?: string; connection?: Connection } | null;
      const connection = origin?.source === 'connection' ? origin.connection : SEVERAL;
      from = from === undefined || from === connection ? connection : SEVERAL;
    }
    emit(name, args);
  };
  const broadcastUpdate = doc.broadcastUpdate.bind(doc);
  const broadcast = doc.broadcast.bind(doc);
  doc.broadcastUpdate = (update) => {
    const sender = from;
    from = undefined;
    if (sender === undefined || sender === SEVERAL) return broadcastUpdate(update);
    doc.broadcast = (encode, filter) => broadcast(encode, (c) => c !== sender && (!filter || filter(c)));
    try {
      broadcastUpdate(update);
    } finally {
      doc.broadcast = broadcast;
    }
  };
}
