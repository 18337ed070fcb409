// A plain Node Yjs client joining a crisis from its invitation, written only from docs/sync.md:
// yjs + y-webrtc + @roamhq/wrtc, no Vigie code. Used by the interop, wrong-key and garbage tests.
import { createHash, createHmac } from 'node:crypto';
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

export function roomName(key: string): string {
  return 'vigie-' + createHash('sha256').update(`vigie/webrtc-room/v1:${key}`).digest('base64url');
}

export function plainPeer(inv: PlainInvitation, password = inv.key) {
  const doc = new Y.Doc();
  const provider = new WebrtcProvider(roomName(inv.key), doc, {
    signaling: inv.addresses.signaling,
    password,
    peerOpts: { wrtc, config: { iceServers: [] } },
  });
  const connected = () => [...(provider.room?.webrtcConns.values() ?? [])].filter((c) => c.connected);
  /** Sightings as rows: replay the log, later entries winning field by field. */
  const rows = () => {
    const out = new Map<string, Record<string, unknown>>();
    for (const e of doc.getArray<{ s: string; k?: string; f: Record<string, unknown> }>('log').toArray()) {
      const row = out.get(e.s);
      if (row) Object.assign(row, e.f);
      else if (e.k === 'c') out.set(e.s, { ...e.f });
    }
    return out;
  };
  const stop = () => {
    provider.disconnect();
    provider.destroy();
    doc.destroy();
  };
  return { doc, provider, connected, rows, stop };
}
