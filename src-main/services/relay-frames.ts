// What the relay reads of a frame before Hocuspocus does: whether it names a Vigie document, how
// large an update it carries, and a client's request to forget a document after a purge. Bytes only,
// no socket: relay-sync.ts decides what to do with the answers.
import { RELAY_DOCUMENT_NAME } from './relay-store';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Every Hocuspocus message starts with its document name (a lib0 varString, optionally followed by
 * "\0sessionId"). A frame that does not name a Vigie document this way is not from a Vigie client:
 * it is refused here, before Hocuspocus would print a decoding stack trace for it or open a pending
 * document under an arbitrary name.
 */
export function namesVigieDocument(bytes: Uint8Array): boolean {
  const read = readVarUint(bytes, 0);
  if (!read) return false;
  const [length, pos] = read;
  // The name, and at least the message type after it.
  if (length > 128 || pos + length >= bytes.length) return false;
  try {
    const address = utf8.decode(bytes.subarray(pos, pos + length));
    return RELAY_DOCUMENT_NAME.test(address.split('\0')[0]);
  } catch {
    return false;
  }
}

/**
 * A client's request to forget a document after a purge: `{ "vigie": "forget", "keep": [{ d, g }] }`
 * (at most 10,000 envelopes of the record's shape). Null for anything else.
 */
export function forgetMessage(payload: string): { d: string; g: string }[] | null {
  let message: unknown;
  try {
    message = JSON.parse(payload);
  } catch {
    return null;
  }
  const m = message as { vigie?: unknown; keep?: unknown };
  if (m?.vigie !== 'forget' || !Array.isArray(m.keep) || m.keep.length > 10_000) return null;
  const keep = m.keep.filter((e): e is { d: string; g: string } => !!e && typeof e.d === 'string' && typeof e.g === 'string' && e.d.length <= 96 * 1024 && e.g.length <= 100);
  return keep.length === m.keep.length ? keep.map(({ d, g }) => ({ d, g })) : null;
}

/** lib0 varUint at `pos`: [value, next position], or null when the bytes end first. */
function readVarUint(bytes: Uint8Array, pos: number): [number, number] | null {
  let value = 0;
  for (let shift = 0; shift <= 28; shift += 7) {
    if (pos >= bytes.length) return null;
    const byte = bytes[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
  }
  return null;
}

/**
 * The document name and, for a message carrying a Yjs update (Sync or SyncReply, step 2 or update),
 * the update's length in bytes; null for a frame that is not a Hocuspocus message.
 */
export function inspectMessage(bytes: Uint8Array): { documentName: string; updateBytes: number } | null {
  const nameLength = readVarUint(bytes, 0);
  if (!nameLength) return null;
  const [length, at] = nameLength;
  let documentName: string;
  try {
    documentName = utf8.decode(bytes.subarray(at, at + length)).split('\0')[0];
  } catch {
    return null;
  }
  const type = readVarUint(bytes, at + length);
  if (!type) return null;
  // MessageType.Sync = 0, SyncReply = 4; sync step 2 = 1, update = 2 (y-protocols).
  if (type[0] !== 0 && type[0] !== 4) return { documentName, updateBytes: 0 };
  const step = readVarUint(bytes, type[1]);
  if (!step || (step[0] !== 1 && step[0] !== 2)) return { documentName, updateBytes: 0 };
  const update = readVarUint(bytes, step[1]);
  return { documentName, updateBytes: update ? update[0] : 0 };
}
