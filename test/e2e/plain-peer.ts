// A plain Node Yjs client joining a crisis from its invitation, written only from docs/sync.md:
// yjs + y-webrtc + @roamhq/wrtc + node:crypto, no Vigie code. It joins as a member (its own
// Ed25519 key bound to the invitation), signs what it writes, and reads rows from signed entries.
import { createHash, createHmac, createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import wrtc from '@roamhq/wrtc';
import WebSocket from 'ws';
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';

// Node 20 has no global WebSocket; y-webrtc's signaling client needs one.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

export interface PlainInvitation {
  id: string;
  name: string;
  key: string;
  addresses: { signaling: string[]; relay: string[]; ice: string[] };
  admission: { id: string; key: string; role: string; chain: { d: string; g: string }[] };
}

/** The invitation's JSON: the base64url text between "join/" and the dot. */
export function readInvitation(link: string): PlainInvitation {
  const payload = link.split('join/')[1].split('.')[0];
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
}

/** An invitation code as docs/sync.md describes it: base64url(JSON) "." 16 bytes of HMAC-SHA-256. */
export function invitationCode(inv: { key: string } & Record<string, unknown>): string {
  const payload = Buffer.from(JSON.stringify(inv), 'utf8').toString('base64url');
  const mac = createHmac('sha256', `vigie/invitation/v1:${inv.key}`).update(payload).digest().subarray(0, 16).toString('base64url');
  return `${payload}.${mac}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
export const signalingToken = (key: string) => sha256(`vigie/signal-token/v1:${key}`);
export const roomName = (key: string) => `vigie-${sha256(`vigie/webrtc-room/v2:${signalingToken(key)}`)}`;
const withToken = (url: string, token: string) => `${url}${url.includes('?') ? '&' : '?'}token=${token}`;

/** A member key made here: its id is the raw public key, base64url. */
export function memberKey(): { id: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { id: publicKey.export({ format: 'jwk' }).x!, privateKey };
}

/** A signed entry (docs/sync.md §1): `d` its JSON text, `g` the signature of `crisisId + "\n" + d`. */
export function signEntry(crisisId: string, key: { id: string; privateKey: KeyObject }, body: Record<string, unknown>) {
  const d = JSON.stringify({ ...body, a: key.id, t: body.t ?? Date.now() });
  return { d, g: sign(null, Buffer.from(`${crisisId}\n${d}`), key.privateKey).toString('base64url') };
}

export function plainPeer(inv: PlainInvitation, password = inv.key) {
  const doc = new Y.Doc({ gc: false });
  const token = signalingToken(inv.key);
  const provider = new WebrtcProvider(roomName(inv.key), doc, {
    signaling: inv.addresses.signaling.map((u) => withToken(u, token)),
    password,
    peerOpts: { wrtc, config: { iceServers: [] } },
  });
  const me = memberKey();
  const connected = () => [...(provider.room?.webrtcConns.values() ?? [])].filter((c) => c.connected);
  const log = doc.getArray<{ d: string; g: string }>('log');
  /** Joins as a member: the invitation key signs this key's id; the entry names both. */
  const join = (name: string) => {
    const inviteKey = createPrivateKey({ key: Buffer.from(inv.admission.key, 'base64url'), format: 'der', type: 'pkcs8' });
    const w = sign(null, Buffer.from(`vigie/join/v1:${inv.id}:${me.id}`), inviteKey).toString('base64url');
    log.push([...inv.admission.chain, signEntry(inv.id, me, { k: 'p', name, organisation: 'Nœud', i: inv.admission.id, w })]);
  };
  const write = (body: Record<string, unknown>) => log.push([signEntry(inv.id, me, body)]);
  /** Sightings as rows: replay creations and edits in (time, author) order, later fields winning. */
  const rows = () => {
    const bodies = log
      .toArray()
      .map((e) => {
        try {
          return JSON.parse(e.d) as { k: string; s: string; t: number; a: string; f: Record<string, unknown> };
        } catch {
          return null;
        }
      })
      .filter((b) => b && (b.k === 'c' || b.k === 'e'))
      .sort((x, y) => x!.t - y!.t || (x!.a < y!.a ? -1 : 1));
    const out = new Map<string, Record<string, unknown>>();
    for (const b of bodies) {
      const row = out.get(b!.s);
      if (row) Object.assign(row, b!.f);
      else if (b!.k === 'c') out.set(b!.s, { ...b!.f });
    }
    return out;
  };
  const stop = () => {
    provider.disconnect();
    provider.destroy();
    doc.destroy();
  };
  return { doc, provider, connected, rows, join, write, me, stop };
}
