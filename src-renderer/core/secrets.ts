// Names and tokens derived from a crisis's 256-bit key, so that no server (signaling or relay) ever
// learns the key, the crisis's name, or anything readable. Plain WebCrypto: browser, Electron and
// Node ≥ 20 alike. Changing a label here changes every room name: bump its version instead.

import { toBase64url as base64url } from './base64url';

async function sha256(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return base64url(new Uint8Array(digest));
}

/** The y-webrtc room: what the signaling server sees. The key itself is y-webrtc's password. */
export function webrtcRoomName(crisisKey: string): Promise<string> {
  return sha256(`vigie/webrtc-room/v1:${crisisKey}`).then((h) => `vigie-${h}`);
}

/** What a client shows the relay to prove it holds the crisis key. */
export function relayToken(crisisKey: string): Promise<string> {
  return sha256(`vigie/relay-token/v1:${crisisKey}`);
}

/**
 * The relay's document name for a token. The relay accepts a connection only when the document
 * name is this hash of the token it is shown: it needs no list of keys, and knowing a document
 * name (seen in logs, say) does not let anyone in.
 */
export function relayDocumentName(token: string): Promise<string> {
  return sha256(`vigie/relay-doc/v1:${token}`).then((h) => `vigie-${h}`);
}
