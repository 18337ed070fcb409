// Sync messages made in one array (src-renderer/sync/with-payload.ts) are byte for byte what lib0's
// encoder writes, and what the relay and y-protocols read back.
import { describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { readSyncMessage, syncMessage, SYNC_UPDATE } from '../../src-renderer/sync/relay-messages';
import { withPayload } from '../../src-renderer/sync/with-payload';

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

  it('a relay sync message reads back whole', () => {
    const payload = Uint8Array.from({ length: 70_000 }, (_, i) => i & 255);
    expect(readSyncMessage(syncMessage('vigie-abc', SYNC_UPDATE, payload))).toEqual({ address: 'vigie-abc', step: SYNC_UPDATE, payload });
  });
});
