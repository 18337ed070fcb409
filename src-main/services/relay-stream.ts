// The relay's answer to a newcomer, streamed. Hocuspocus answers a client's sync step 1 with one
// sync step 2 holding everything the client lacks: for a copy joining a crisis of 100,000 sightings,
// one message of ~90 MB that the newcomer's page decodes and applies in one task (a freeze of
// seconds, and nothing shown until it ends). Here that answer is held back when it is large and
// sent instead as a series of small updates taken from the document itself (the app's own
// stream-state.ts), as the socket drains, then a sync step 2 with only the delete set, which is what
// tells the client it is synced. Updates made to the document meanwhile reach the client through
// Hocuspocus's own broadcast, as for any connected client.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import { streamState } from '../../src-renderer/sync/stream-state';

const MESSAGE_SYNC = 0;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/** Answers above this size are streamed; smaller ones go as Hocuspocus wrote them. */
export const STREAM_ABOVE_BYTES = 256 * 1024;
/** Entries per streamed message (~250 KB of signed sightings: a few ms of decoding for the newcomer). */
const MAX_ENTRIES_PER_MESSAGE = 256;

/** A Hocuspocus message read as far as its sync part: the address it names and the sync step. */
export function readSync(bytes: Uint8Array): { address: string; step: number; payload: Uint8Array } | null {
  try {
    const d = decoding.createDecoder(bytes);
    const address = decoding.readVarString(d);
    if (decoding.readVarUint(d) !== MESSAGE_SYNC) return null;
    const step = decoding.readVarUint(d);
    return { address, step, payload: decoding.readVarUint8Array(d) };
  } catch {
    return null;
  }
}

function syncMessage(address: string, step: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, address);
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, step);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

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
    const sync = bytes && bytes.byteLength > STREAM_ABOVE_BYTES ? readSync(bytes) : null;
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
      const sync = readSync(bytes);
      if (sync?.step !== SYNC_STEP_1) return;
      try {
        vectors.set(sync.address, Y.decodeStateVector(sync.payload));
      } catch {
        vectors.delete(sync.address); // unreadable: Hocuspocus answers it (or refuses it) as it does
      }
    },
  };
}
