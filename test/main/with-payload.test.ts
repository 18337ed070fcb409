// Sync messages made in one array (src-renderer/sync/with-payload.ts) are byte for byte what lib0's
// encoder writes, and what the relay and y-protocols read back.
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { readSyncMessage, syncMessage, SYNC_UPDATE } from '../../src-renderer/sync/relay-messages';
import { MessageBuffer, withPayload } from '../../src-renderer/sync/with-payload';

describe('message with a large payload', () => {
  it.each([0, 1, 127, 128, 300_000])('equals lib0 writeVarUint8Array for %i bytes', (n) => {
    const payload = Uint8Array.from({ length: n }, (_, i) => (i * 7) & 255);
    const e = encoding.createEncoder();
    encoding.writeVarString(e, 'crise\0session');
    encoding.writeVarUint(e, 3);
    encoding.writeVarUint8Array(e, payload);
    const made = withPayload((h) => {
      encoding.writeVarString(h, 'crise\0session');
      encoding.writeVarUint(h, 3);
    }, payload);
    expect(made).toEqual(encoding.toUint8Array(e));
    expect(made.buffer.byteLength).toBe(made.length); // one array of the exact size
  });

  it('messages written in a MessageBuffer are the same bytes, one after the other in one array', () => {
    const into = new MessageBuffer();
    const buffers = new Set<ArrayBufferLike>();
    for (const n of [10, 70_000, 300_000, 200_000, 5]) {
      const payload = Uint8Array.from({ length: n }, (_, i) => (i * 13 + n) & 255);
      const message = syncMessage('vigie-abc', SYNC_UPDATE, payload, into);
      expect(message).toEqual(syncMessage('vigie-abc', SYNC_UPDATE, payload));
      buffers.add(message.buffer);
    }
    // Grown twice at most (64 KiB, then up to the largest message): not one array per message.
    expect(buffers.size).toBeLessThanOrEqual(3);
    // A message past what is kept gets an array of its own, and the kept one stays as it was.
    const huge = new Uint8Array(9 * 1024 * 1024);
    expect(syncMessage('vigie-abc', SYNC_UPDATE, huge, into).buffer).not.toBe([...buffers].at(-1));
  });

  it('a relay sync message reads back whole', () => {
    const payload = Uint8Array.from({ length: 70_000 }, (_, i) => i & 255);
    expect(readSyncMessage(syncMessage('vigie-abc', SYNC_UPDATE, payload))).toEqual({ address: 'vigie-abc', step: SYNC_UPDATE, payload });
  });
});
