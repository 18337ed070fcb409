// The WebSocket relay (a Hocuspocus server, see docs/relay.md): for networks where WebRTC cannot
// connect and for many peers. The relay only accepts a client that proves it holds the crisis key.
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { relayDocumentName, relayToken } from '../core/secrets';
import { StreamingRelayProvider } from './relay-provider';
import type { Transport, TransportStatus } from './transport';

export interface RelayOptions {
  doc: Y.Doc;
  awareness: Awareness;
  crisisKey: string;
  url: string;
  /** A WebSocket implementation where there is no global one (Node 20 tests pass 'ws'). */
  WebSocketPolyfill?: unknown;
  onChange: () => void;
}

export async function connectRelay(o: RelayOptions): Promise<Transport> {
  const token = await relayToken(o.crisisKey);
  let online = false;
  let error: string | undefined;
  const provider = new StreamingRelayProvider({
    url: o.url,
    name: await relayDocumentName(token),
    token,
    document: o.doc,
    awareness: o.awareness,
    ...(o.WebSocketPolyfill ? { WebSocketPolyfill: o.WebSocketPolyfill } : {}),
    onStatus: ({ status }) => {
      online = status === 'connected';
      o.onChange();
    },
    onSynced: () => {
      error = undefined;
      o.onChange();
    },
    onUnsyncedChanges: () => o.onChange(),
    onClose: ({ event }) => {
      // The relay closes with 4413 an update over its per-update cap or its document quota
      // (docs/relay.md): say so rather than reconnecting in silence.
      if ((event as { code?: number }).code === 4413) {
        error = 'Relais : modification refusée, le document dépasserait la taille permise par le relais.';
        o.onChange();
      }
    },
    onAuthenticationFailed: () => {
      error = 'Relais : accès refusé (la clé de cette crise ne lui correspond pas).';
      o.onChange();
    },
  });
  return {
    kind: 'relay',
    status: (): TransportStatus => ({
      kind: 'relay',
      online,
      peers: online && provider.isSynced && provider.received ? 1 : 0,
      holdsEverything: online && provider.isSynced && provider.received && !provider.streaming && provider.unsyncedChanges === 0,
      error,
    }),
    destroy: () => provider.destroy(),
    // The relay answers by closing every connection to the document (relay-sync.ts, onStateless).
    forget: (keep) =>
      new Promise<void>((resolve) => {
        if (!online) return resolve();
        const done = () => {
          clearTimeout(timer);
          provider.off('close', done);
          resolve();
        };
        const timer = setTimeout(done, 5000);
        provider.on('close', done);
        provider.sendStateless(JSON.stringify({ vigie: 'forget', keep }));
      }),
  };
}
