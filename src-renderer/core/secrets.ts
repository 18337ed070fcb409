// Names and tokens derived from a crisis's 256-bit key, so that no server (signaling or relay) ever
// learns the key, the crisis's name, or anything readable. Plain WebCrypto: browser, Electron and
// Node ≥ 20 alike. Changing a label here changes every room name: bump its version instead.

import { toBase64url as base64url } from './base64url';

async function sha256(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return base64url(new Uint8Array(digest));
}

/**
 * What a client shows the signaling server (`/signal?token=…`). It opens one room only: the server
 * lets the socket subscribe and publish to `webrtcRoomNameForToken(token)` and nothing else, so it
 * needs no list of keys, and seeing a room name (in a log, on the wire) does not let anyone in.
 */
export function signalingToken(crisisKey: string): Promise<string> {
  return sha256(`vigie/signal-token/v1:${crisisKey}`);
}

/** The room a signaling token opens: computable by the server, which never sees the key. */
export function webrtcRoomNameForToken(token: string): Promise<string> {
  return sha256(`vigie/webrtc-room/v2:${token}`).then((h) => `vigie-${h}`);
}

/** The y-webrtc room: what the signaling server sees. The key itself is y-webrtc's password. */
export async function webrtcRoomName(crisisKey: string): Promise<string> {
  return webrtcRoomNameForToken(await signalingToken(crisisKey));
}

/**
 * A signaling server's address with the token appended (`?token=…`, or `&token=…` when the address
 * already has a query), as y-webrtc must be given it. Addresses are kept as the user typed them.
 */
export function signalingUrlWithToken(url: string, token: string): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  return `${base}${base.includes('?') ? '&' : '?'}token=${token}${hash >= 0 ? url.slice(hash) : ''}`;
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
