import { describe, expect, it } from 'vitest';
import { newCrisisKey } from '../../../src-renderer/core/ids';
import { relayDocumentName, relayToken, signalingToken, signalingUrlWithToken, webrtcRoomName, webrtcRoomNameForToken } from '../../../src-renderer/core/secrets';

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
  it('jeton de signalisation : la salle se déduit du jeton, pas l’inverse, et rien ne contient la clé', async () => {
    const k = newCrisisKey();
    const token = await signalingToken(k);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token).not.toBe(await relayToken(k));
    expect(await webrtcRoomName(k)).toBe(await webrtcRoomNameForToken(token));
    expect(await webrtcRoomName(k)).not.toContain(token);
    // The documented formula (docs/sync.md §3), recomputed with node:crypto.
    const { createHash } = await import('node:crypto');
    const h = (text: string) => createHash('sha256').update(text).digest('base64url');
    expect(token).toBe(h(`vigie/signal-token/v1:${k}`));
    expect(await webrtcRoomName(k)).toBe(`vigie-${h(`vigie/webrtc-room/v2:${token}`)}`);
  });
  it('ajoute le jeton à une adresse de signalisation', () => {
    expect(signalingUrlWithToken('ws://10.0.0.2:4444/signal', 'abc')).toBe('ws://10.0.0.2:4444/signal?token=abc');
    expect(signalingUrlWithToken('wss://h/signal?x=1', 'abc')).toBe('wss://h/signal?x=1&token=abc');
  });
});
