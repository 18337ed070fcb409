// Hocuspocus's sync messages as both ends of the relay read and write them when they stream
// (relay-provider.ts in the app, src-main/services/relay-stream.ts in the relay): the address (the
// document's name, optionally "\0sessionId"), message type Sync, then y-protocols' sync step and its
// payload (a state vector for step 1, an update for step 2 and updates).
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { withPayload, type MessageBuffer } from './with-payload';

const MESSAGE_SYNC = 0;
export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/** A Hocuspocus sync message read: its address, step and payload; null for any other message. */
export function readSyncMessage(bytes: Uint8Array): { address: string; step: number; payload: Uint8Array } | null {
  try {
    const d = decoding.createDecoder(bytes);
    const address = decoding.readVarString(d);
    if (decoding.readVarUint(d) !== MESSAGE_SYNC) return null;
    const step = decoding.readVarUint(d);
    return { address, step, payload: decoding.readVarUint8Array(d) };
  } catch {
    return null; // not one we can read: Hocuspocus's own handling decides
  }
}

/** A sync message; in `into` (valid until its next message) for a socket that copies what it sends. */
export function syncMessage(address: string, step: number, payload: Uint8Array, into?: MessageBuffer): Uint8Array {
  return withPayload(
    (e) => {
      encoding.writeVarString(e, address);
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, step);
    },
    payload,
    into,
  );
}
