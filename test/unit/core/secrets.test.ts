import { describe, expect, it } from 'vitest';
import { newCrisisKey } from '../../../src-renderer/core/ids';
import { relayDocumentName, relayToken, webrtcRoomName } from '../../../src-renderer/core/secrets';

describe('noms dérivés de la clé de crise', () => {
  it('sont stables pour une clé, différents entre clés, et ne contiennent pas la clé', async () => {
    const a = newCrisisKey();
    const b = newCrisisKey();
    expect(await webrtcRoomName(a)).toBe(await webrtcRoomName(a));
    expect(await webrtcRoomName(a)).not.toBe(await webrtcRoomName(b));
    for (const derived of [await webrtcRoomName(a), await relayToken(a), await relayDocumentName(await relayToken(a))]) {
      expect(derived).not.toContain(a);
      expect(derived).toMatch(/^(vigie-)?[A-Za-z0-9_-]{43}$/);
    }
  });
  it('séparent salle WebRTC, jeton et document du relais', async () => {
    const k = newCrisisKey();
    const token = await relayToken(k);
    expect(new Set([await webrtcRoomName(k), token, await relayDocumentName(token)]).size).toBe(3);
  });
});
