// The relay over TLS (wss://) with its own self-signed certificate, over real sockets on 127.0.0.1.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { parseRelayArgs } from '../../src-main/services/relay-cli';
import { startRelayServer } from '../../src-main/services/relay-server';
import { KEY_FILE, selfSignedCertificate } from '../../src-main/services/relay-tls';
import { relayDocumentName, relayToken, signalingToken, signalingUrlWithToken } from '../../src-renderer/core/secrets';
import { randomCrisisKey, waitFor } from './relay-helpers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

describe('relay over TLS', () => {
  it('makes its self-signed certificate once and keeps it (same fingerprint after a restart), key private', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vigie-tls-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const first = await selfSignedCertificate('127.0.0.1', dir);
    const again = await selfSignedCertificate('127.0.0.1', dir);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect((await stat(join(dir, KEY_FILE))).mode & 0o777).toBe(0o600);
    expect((await selfSignedCertificate('127.0.0.1')).fingerprint).not.toBe(first.fingerprint);
  });

  it('serves wss:// /signal and /sync; a client pinning the fingerprint syncs, one that does not is refused', { timeout: 30_000 }, async () => {
    const tls = await selfSignedCertificate('127.0.0.1');
    const lines: string[] = [];
    const server = await startRelayServer({ host: '127.0.0.1', port: 0, tls, log: (l) => lines.push(l) });
    cleanups.push(() => server.close());
    expect(server.syncUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/sync$/);
    expect(server.signalingUrl).toMatch(/^wss:/);
    expect(server.fingerprint).toBe(tls.fingerprint);
    expect(lines.some((l) => l.includes(tls.fingerprint))).toBe(true);

    // Without the certificate: the TLS handshake fails, nothing is exchanged.
    const plain = new WebSocket(server.syncUrl!);
    const refused = await new Promise<string>((resolve) => plain.once('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? e.message)));
    expect(refused).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);

    // Pinning: accept exactly the certificate whose fingerprint the invitation carries.
    class PinnedWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        // Node's tls option (ws passes it on; its own type says boolean): undefined accepts, an Error refuses.
        const checkServerIdentity = (_host: string, cert: { fingerprint256: string }) =>
          cert.fingerprint256.replace(/:/g, '').toLowerCase() === tls.fingerprint ? undefined : new Error('empreinte inattendue');
        super(url, protocols, { rejectUnauthorized: false, checkServerIdentity } as unknown as WebSocket.ClientOptions);
      }
    }
    const key = randomCrisisKey();
    const token = await relayToken(key);
    const name = await relayDocumentName(token);
    const docs = [new Y.Doc(), new Y.Doc()];
    for (const doc of docs) {
      const websocketProvider = new HocuspocusProviderWebsocket({ url: server.syncUrl!, WebSocketPolyfill: PinnedWebSocket });
      const provider = new HocuspocusProvider({ websocketProvider, name, token, document: doc });
      provider.attach();
      cleanups.push(() => {
        provider.destroy();
        websocketProvider.destroy();
      });
    }
    docs[0].getArray('log').push(['par wss']);
    await waitFor(() => docs[1].getArray('log').length === 1, 10_000, 'synchronisation par wss://');

    const signal = new PinnedWebSocket(signalingUrlWithToken(server.signalingUrl!, await signalingToken(key)));
    cleanups.push(() => signal.terminate());
    await new Promise((resolve, reject) => signal.once('open', resolve).once('error', reject));
  });

  it('reads --tls and --cert/--key, in French when they do not fit', () => {
    const parsed = parseRelayArgs(['--tls', '--data', 'relais']);
    expect(parsed.help === false && parsed.options.tls).toBe('self-signed');
    const files = parseRelayArgs(['--cert', 'c.pem', '--key', 'k.pem']);
    expect(files.help === false && files.options.tls).toMatchObject({ certFile: expect.stringMatching(/c\.pem$/), keyFile: expect.stringMatching(/k\.pem$/) });
    expect(() => parseRelayArgs(['--cert', 'c.pem'])).toThrow('--cert et --key vont ensemble');
    expect(() => parseRelayArgs(['--tls', '--cert', 'c.pem', '--key', 'k.pem'])).toThrow('pas les deux');
  });
});
