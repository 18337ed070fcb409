// The relay's answer to a newcomer, streamed. Hocuspocus answers a client's sync step 1 with one
// sync step 2 holding everything the client lacks: for a copy joining a crisis of 100,000 sightings,
// one message of ~90 MB that the newcomer's page decodes and applies in one task (a freeze of
// seconds, and nothing shown until it ends). Here that answer is held back when it is large and
// sent instead as a series of small updates taken from the document itself (the app's own
// stream-state.ts), as the socket drains, then a sync step 2 with only the delete set, which is what
// tells the client it is synced. Updates made to the document meanwhile reach the client through
// Hocuspocus's own broadcast, as for any connected client.
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { readSyncMessage, SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE, syncMessage } from '../../src-renderer/sync/relay-messages';
import { streamState } from '../../src-renderer/sync/stream-state';

/** Answers above this size are streamed; smaller ones go as Hocuspocus wrote them. */
export const STREAM_ABOVE_BYTES = 256 * 1024;
/**
 * Entries per streamed message (~1 MB of signed sightings). With 256, a newcomer's last row came after
 * 131 s instead of 59–65 s at 100k (load ~10): each piece pays the intake's fixed cost.
 */
const MAX_ENTRIES_PER_MESSAGE = 1024;

/**
 * Watches one socket: remembers the state vector each of its sync step 1 messages carries, and
 * replaces a large sync step 2 sent back to it by a stream. `documentOf` finds the relay's document
 * for an address (null when it is not loaded: the answer then goes whole).
 */
export function streamLargeAnswers(socket: WebSocket, documentOf: (address: string) => Y.Doc | null): { received(bytes: Uint8Array): void } {
  const vectors = new Map<string, Map<number, number>>();
  const streams = new Map<string, { cancelled: boolean }>();
  const send = socket.send.bind(socket) as (data: Uint8Array) => void;
  socket.on('close', () => {
    for (const s of streams.values()) s.cancelled = true;
  });
  (socket as unknown as { send: (data: unknown, ...rest: unknown[]) => void }).send = (data, ...rest) => {
    const bytes = data instanceof Uint8Array ? data : null;
    const sync = bytes && bytes.byteLength > STREAM_ABOVE_BYTES ? readSyncMessage(bytes) : null;
    const sv = sync?.step === SYNC_STEP_2 ? vectors.get(sync.address) : undefined;
    const doc = sync && sv ? documentOf(sync.address) : null;
    if (!sync || !sv || !doc) return (send as (...a: unknown[]) => void)(data, ...rest);
    vectors.delete(sync.address);
    const previous = streams.get(sync.address);
    if (previous) previous.cancelled = true;
    const state = { cancelled: false };
    streams.set(sync.address, state);
    void streamState(doc, sv, {
      // Bounded by entries, not by the relay's time: it is the newcomer's page that decodes each one.
      maxBudget: MAX_ENTRIES_PER_MESSAGE,
      cancelled: () => state.cancelled || socket.readyState !== socket.OPEN,
      queued: () => socket.bufferedAmount,
      send: (update, last) => {
        if (state.cancelled || socket.readyState !== socket.OPEN) return false;
        send(syncMessage(sync.address, last ? SYNC_STEP_2 : SYNC_UPDATE, update));
        return true;
      },
    }).finally(() => {
      if (streams.get(sync.address) === state) streams.delete(sync.address);
    });
  };
  return {
    received(bytes) {
      const sync = readSyncMessage(bytes);
      if (sync?.step !== SYNC_STEP_1) return;
      try {
        vectors.set(sync.address, Y.decodeStateVector(sync.payload));
      } catch {
        vectors.delete(sync.address); // unreadable: Hocuspocus answers it (or refuses it) as it does
      }
    },
  };
}
