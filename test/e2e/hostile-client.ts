// A hostile key holder as a plain Node client of the relay (Hocuspocus) or the WebRTC mesh: it
// holds an invitation, so the crisis key, and does with the shared document whatever it likes.
import { createHash } from 'node:crypto';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { memberKey, signEntry, type PlainInvitation } from './plain-peer';

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

/** Connects to a relay as docs/sync.md §5 says; resolves once synced. */
export async function hostileRelayClient(inv: PlainInvitation, url: string) {
  const token = sha256(`vigie/relay-token/v1:${inv.key}`);
  const doc = new Y.Doc(); // gc on: what it deletes, it forgets
  const provider = new HocuspocusProvider({ url, name: `vigie-${sha256(`vigie/relay-doc/v1:${token}`)}`, token, document: doc, ...{ WebSocketPolyfill: WebSocket } });
  await new Promise<void>((ok) => provider.on('synced', () => ok()));
  const key = memberKey();
  const log = doc.getArray<unknown>('log');
  return {
    doc,
    log,
    key,
    provider,
    /** Its presence (awareness), which the relay passes on to every copy. */
    awareness: provider.awareness!,
    /** Signs with this client's own (unadmitted) key, whatever author the body names. */
    signed: (body: Record<string, unknown>) => signEntry(inv.id, key, body),
    stop: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** The crisis creator's member id, read from the invitation's proof (its first entry). */
export function creatorOf(inv: PlainInvitation): string {
  return JSON.parse(inv.admission.chain[0]!.d).a;
}
