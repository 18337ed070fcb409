// Shared by the relay tests: real sockets on 127.0.0.1, a Node Hocuspocus client, and waiting.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { relayDocumentName, relayToken } from '../../src-renderer/core/secrets';

/** A random crisis key, as the app makes them (256 bits, base64url). */
export function randomCrisisKey(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

/**
 * How many of `doc`'s items Yjs writes into an update from now on, until `cleanups` run: what a
 * received update costs if Yjs encodes it again (sync/received-update.ts).
 */
export function countWrites(doc: Y.Doc, cleanups: (() => unknown)[]): () => number {
  const write = Y.Item.prototype.write;
  let count = 0;
  Y.Item.prototype.write = function (this: Y.Item, ...args: Parameters<Y.Item['write']>) {
    if ((this.parent as Y.AbstractType<unknown> | null)?.doc === doc) count++;
    return write.apply(this, args);
  };
  cleanups.push(() => (Y.Item.prototype.write = write));
  return () => count;
}

export async function waitFor(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`délai dépassé en attendant : ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface RelayClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  authenticated: Promise<void>;
  /** Resolves with the reason when the relay refuses the token. */
  refused: Promise<string>;
  synced: Promise<void>;
  destroy(): void;
}

/**
 * A Node client exactly as the app would build one, with `ws` standing in for the browser's
 * WebSocket (Node 20 has none): a HocuspocusProviderWebsocket on ws://host:port/sync, then the
 * provider with the document name and token derived from the crisis key.
 */
export async function connectClient(
  syncUrl: string,
  crisisKey: string,
  options: { tokenKey?: string; doc?: Y.Doc } = {},
): Promise<RelayClient> {
  const doc = options.doc ?? new Y.Doc();
  const name = await relayDocumentName(await relayToken(crisisKey));
  const token = await relayToken(options.tokenKey ?? crisisKey);
  const websocketProvider = new HocuspocusProviderWebsocket({ url: syncUrl, WebSocketPolyfill: WebSocket });
  let onAuthenticated!: () => void;
  let onRefused!: (reason: string) => void;
  let onSynced!: () => void;
  const authenticated = new Promise<void>((resolve) => (onAuthenticated = resolve));
  const refused = new Promise<string>((resolve) => (onRefused = resolve));
  const synced = new Promise<void>((resolve) => (onSynced = resolve));
  const provider = new HocuspocusProvider({
    websocketProvider,
    name,
    token,
    document: doc,
    onAuthenticated: () => onAuthenticated(),
    onAuthenticationFailed: ({ reason }) => onRefused(reason),
    onSynced: () => onSynced(),
  });
  // The provider was handed a socket it does not own: attach it, and destroy both at the end.
  provider.attach();
  return {
    doc,
    provider,
    authenticated,
    refused,
    synced,
    destroy() {
      provider.destroy();
      websocketProvider.destroy();
      doc.destroy();
    },
  };
}

/** A sighting-sized change entry (~900 B of JSON), shaped like the app's log entries. */
export function logEntry(i: number): Record<string, unknown> {
  return {
    s: `s-${i.toString(36).padStart(8, '0')}`,
    t: 1_700_000_000_000 + i,
    a: 'actor-0001',
    k: 'c',
    f: {
      platform: 'x',
      url: `https://x.com/user${i}/status/${1_000_000 + i}`,
      author: `@user${i}`,
      text: `Crue : hauteur d'eau au pont ${i}, route coupée, habitants bloqués à l'étage. `.repeat(6).slice(0, 520),
      place: `Rue du Moulin ${i}`,
      commune: { insee: '11069', name: 'Carcassonne' },
      priority: 'P2',
      category: 'routes',
      status: 'nouveau',
    },
  };
}
