import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./electron-fake')).createElectronFake());
vi.mock('electron', () => electron);

const { CHANNELS } = await import('../../src-main/bridge');
const { MAX_SAVE_BYTES, registerIpcHandlers } = await import('../../src-main/ipc');
const { FakeWebContents } = await import('./electron-fake');
const { RelayHost } = await import('../../src-main/relay-host');
type RelayServerOptions = import('../../src-main/services/relay-server').RelayServerOptions;

const APP_URL = 'app://vigie/index.html';

describe('IPC handlers', () => {
  let window: InstanceType<typeof electron.BrowserWindow> | null;
  let dir: string;

  const goodEvent = () => ({ sender: window!.webContents, senderFrame: window!.webContents.mainFrame });
  const invoke = (channel: string, event: unknown, ...args: unknown[]) =>
    Promise.resolve().then(() => electron.handlers.get(channel)!(event, ...args));
  const saveRequest = (overrides: Record<string, unknown> = {}) => ({
    suggestedName: 'main-courante.csv',
    data: 'heure;message\n',
    mime: 'text/csv;charset=utf-8',
    ...overrides,
  });

  // The relay host with its server replaced by a recorder: these tests are about the IPC layer;
  // relay-host.test.ts and the relay tests start real servers.
  const INTERFACES = [
    { name: 'eth0', address: '192.168.1.10' },
    { name: 'lo', address: '127.0.0.1' },
  ];
  let relayHost: InstanceType<typeof RelayHost>;
  let startRelay: ReturnType<typeof vi.fn<(options: RelayServerOptions) => Promise<never>>>;
  let closeRelay: ReturnType<typeof vi.fn<() => Promise<void>>>;
  let makeCertificate: ReturnType<typeof vi.fn<(host: string, dir?: string) => Promise<{ cert: string; key: string; fingerprint: string }>>>;

  beforeEach(async () => {
    electron.reset();
    window = new electron.BrowserWindow({});
    window.webContents.mainFrame.url = APP_URL;
    closeRelay = vi.fn(async () => undefined);
    startRelay = vi.fn(async ({ host, port, tls }: RelayServerOptions) => {
      const base = `${host}:${port}`;
      const ws = tls ? 'wss' : 'ws';
      return { host, port, url: `http://${base}`, signalingUrl: `${ws}://${base}/signal`, syncUrl: `${ws}://${base}/sync`, fingerprint: tls?.fingerprint, close: closeRelay } as never;
    });
    makeCertificate = vi.fn(async () => ({ cert: 'CERT', key: 'KEY', fingerprint: 'f'.repeat(64) }));
    relayHost = new RelayHost({ interfaces: () => INTERFACES, start: startRelay, certificate: makeCertificate, dataDir: '/fake/userData/relay' });
    registerIpcHandlers({ appUrl: APP_URL, getMainWindow: () => window as never, relayHost });
    dir = await mkdtemp(join(tmpdir(), 'vigie-ipc-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('registers exactly the eight channels', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(Object.values(CHANNELS).sort());
    expect(Object.values(CHANNELS).sort()).toEqual(
      [
        'vigie:info',
        'vigie:open-external',
        'vigie:relay-interfaces',
        'vigie:relay-start',
        'vigie:relay-status',
        'vigie:relay-stop',
        'vigie:save-file',
        'vigie:take-invitation',
      ],
    );
  });

  describe('sender check', () => {
    const foreignEvents = {
      'another web contents': () => {
        const other = new FakeWebContents(APP_URL);
        return { sender: other, senderFrame: other.mainFrame };
      },
      'a frame at https://evil.example': () => {
        window!.webContents.mainFrame.url = 'https://evil.example/';
        return goodEvent();
      },
      'a sub-frame of the window': () => ({ sender: window!.webContents, senderFrame: { url: APP_URL } }),
      'a destroyed frame': () => ({ sender: window!.webContents, senderFrame: null }),
      'no window any more': () => {
        const event = goodEvent();
        window = null;
        return event;
      },
    };

    for (const [name, makeEvent] of Object.entries(foreignEvents)) {
      it(`refuses ${name} on every channel`, async () => {
        const event = makeEvent();
        await expect(invoke(CHANNELS.info, event)).rejects.toThrow(/Appel refusé/);
        await expect(invoke(CHANNELS.openExternal, event, 'https://example.org/')).rejects.toThrow(/Appel refusé/);
        await expect(invoke(CHANNELS.saveFile, event, saveRequest())).rejects.toThrow(/Appel refusé/);
        await expect(invoke(CHANNELS.relayInterfaces, event)).rejects.toThrow(/Appel refusé/);
        await expect(invoke(CHANNELS.relayStart, event, { host: '127.0.0.1', port: 4444 })).rejects.toThrow(/Appel refusé/);
        await expect(invoke(CHANNELS.relayStop, event)).rejects.toThrow(/Appel refusé/);
        await expect(invoke(CHANNELS.relayStatus, event)).rejects.toThrow(/Appel refusé/);
        expect(electron.shell.openExternal).not.toHaveBeenCalled();
        expect(electron.dialog.showSaveDialog).not.toHaveBeenCalled();
        expect(startRelay).not.toHaveBeenCalled();
      });
    }
  });

  describe(CHANNELS.openExternal, () => {
    it('opens a safe link', async () => {
      await expect(invoke(CHANNELS.openExternal, goodEvent(), 'https://example.org/a')).resolves.toBe(true);
      expect(electron.shell.openExternal).toHaveBeenCalledWith('https://example.org/a');
    });

    it.each([
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,x',
      'smb://server/share',
      'https://user:pw@example.org/',
      42,
      undefined,
      { url: 'https://example.org/' },
    ])('refuses %s', async (url) => {
      await expect(invoke(CHANNELS.openExternal, goodEvent(), url)).rejects.toThrow(/Argument invalide/);
      expect(electron.shell.openExternal).not.toHaveBeenCalled();
    });
  });

  describe(CHANNELS.saveFile, () => {
    it('writes text where the user chose', async () => {
      const filePath = join(dir, 'export.csv');
      electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath });
      await expect(invoke(CHANNELS.saveFile, goodEvent(), saveRequest())).resolves.toBe(true);
      expect(await readFile(filePath, 'utf8')).toBe('heure;message\n');
      expect(await readdir(dir)).toEqual(['export.csv']);
      expect(electron.dialog.showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({ defaultPath: 'main-courante.csv' }));
    });

    it('writes bytes', async () => {
      const filePath = join(dir, 'carte.png');
      electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath });
      const request = saveRequest({ suggestedName: 'carte.png', data: new Uint8Array([1, 2, 3]), mime: 'image/png' });
      await expect(invoke(CHANNELS.saveFile, goodEvent(), request)).resolves.toBe(true);
      expect([...(await readFile(filePath))]).toEqual([1, 2, 3]);
    });

    it('writes nothing when the user cancels', async () => {
      await expect(invoke(CHANNELS.saveFile, goodEvent(), saveRequest())).resolves.toBe(false);
      expect(await readdir(dir)).toEqual([]);
    });

    it.each([
      ['a path with /', { suggestedName: '../../.bashrc' }],
      ['a path with \\', { suggestedName: '..\\..\\x.csv' }],
      ['an absolute path', { suggestedName: '/etc/passwd' }],
      ['a dot-dot name', { suggestedName: '..' }],
      ['an empty name', { suggestedName: '' }],
      ['a name too long', { suggestedName: `${'a'.repeat(197)}.csv` }],
      ['a name of the wrong type', { suggestedName: 42 }],
      ['data of the wrong type', { data: 42 }],
      ['data as an array', { data: [1, 2, 3] }],
      ['data as an object', { data: { toString: 'x' } }],
      ['bytes over 200 MB', { data: new Uint8Array(MAX_SAVE_BYTES + 1) }],
      ['text over 200 MB once in UTF-8', { data: 'é'.repeat(MAX_SAVE_BYTES / 2 + 1) }],
      ['an invalid MIME type', { mime: 'text/html\r\nX-Evil: 1' }],
      ['a missing MIME type', { mime: undefined }],
      ['an unknown field', { path: '/etc/passwd' }],
    ])('refuses %s', async (_name, overrides) => {
      await expect(invoke(CHANNELS.saveFile, goodEvent(), saveRequest(overrides))).rejects.toThrow(/Argument invalide pour vigie:save-file/);
      expect(electron.dialog.showSaveDialog).not.toHaveBeenCalled();
    });

    it('explains the refusal in French', async () => {
      await expect(invoke(CHANNELS.saveFile, goodEvent(), saveRequest({ suggestedName: 42 }))).rejects.toThrow(
        'Argument invalide pour vigie:save-file (suggestedName) : Entrée invalide',
      );
      await expect(invoke(CHANNELS.saveFile, goodEvent(), saveRequest({ suggestedName: 'a/b.csv' }))).rejects.toThrow(
        'le nom ne doit pas contenir de chemin',
      );
    });

    it('refuses a request that is not an object', async () => {
      for (const request of [undefined, null, 'x.csv', []]) {
        await expect(invoke(CHANNELS.saveFile, goodEvent(), request)).rejects.toThrow(/Argument invalide/);
      }
    });

    it('accepts a name of exactly 200 characters', async () => {
      const suggestedName = `${'a'.repeat(196)}.csv`;
      await expect(invoke(CHANNELS.saveFile, goodEvent(), saveRequest({ suggestedName }))).resolves.toBe(false);
      expect(electron.dialog.showSaveDialog).toHaveBeenCalledOnce();
    });
  });

  it(`${CHANNELS.info} tells the shell, version and data folder`, async () => {
    await expect(invoke(CHANNELS.info, goodEvent())).resolves.toEqual({
      shell: 'electron',
      version: '9.9.9',
      dataDir: '/fake/userData',
    });
  });

  describe('relay', () => {
    it(`${CHANNELS.relayInterfaces} lists this machine's IPv4 addresses`, async () => {
      await expect(invoke(CHANNELS.relayInterfaces, goodEvent())).resolves.toEqual(INTERFACES);
    });

    it('starts on a listed interface, reports it, and stops', async () => {
      await expect(invoke(CHANNELS.relayStatus, goodEvent())).resolves.toEqual({ running: false });
      await expect(invoke(CHANNELS.relayStart, goodEvent(), { host: '192.168.1.10', port: 4444 })).resolves.toEqual({
        signalingUrl: 'ws://192.168.1.10:4444/signal',
        syncUrl: 'ws://192.168.1.10:4444/sync',
      });
      expect(startRelay).toHaveBeenCalledWith(expect.objectContaining({ host: '192.168.1.10', port: 4444, dataDir: '/fake/userData/relay' }));
      await expect(invoke(CHANNELS.relayStatus, goodEvent())).resolves.toEqual({
        running: true,
        signalingUrl: 'ws://192.168.1.10:4444/signal',
        syncUrl: 'ws://192.168.1.10:4444/sync',
      });
      // Asking again for the same address is a no-op; for another one, the user must stop first.
      await invoke(CHANNELS.relayStart, goodEvent(), { host: '192.168.1.10', port: 4444 });
      expect(startRelay).toHaveBeenCalledOnce();
      await expect(invoke(CHANNELS.relayStart, goodEvent(), { host: '127.0.0.1', port: 4444 })).rejects.toThrow(
        'Le relais fonctionne déjà sur 192.168.1.10:4444 : arrêtez-le avant de changer d’adresse.',
      );
      await expect(invoke(CHANNELS.relayStop, goodEvent())).resolves.toBeUndefined();
      expect(closeRelay).toHaveBeenCalledOnce();
      await expect(invoke(CHANNELS.relayStatus, goodEvent())).resolves.toEqual({ running: false });
      await expect(invoke(CHANNELS.relayStop, goodEvent())).resolves.toBeUndefined();
    });

    it('starts encrypted when asked, with the certificate kept in the relay folder, and returns its fingerprint', async () => {
      const urls = { signalingUrl: 'wss://192.168.1.10:4444/signal', syncUrl: 'wss://192.168.1.10:4444/sync', fingerprint: 'f'.repeat(64) };
      await expect(invoke(CHANNELS.relayStart, goodEvent(), { host: '192.168.1.10', port: 4444, tls: true })).resolves.toEqual(urls);
      expect(makeCertificate).toHaveBeenCalledWith('192.168.1.10', '/fake/userData/relay');
      expect(startRelay).toHaveBeenCalledWith(expect.objectContaining({ tls: { cert: 'CERT', key: 'KEY', fingerprint: 'f'.repeat(64) } }));
      await expect(invoke(CHANNELS.relayStatus, goodEvent())).resolves.toEqual({ running: true, ...urls });
      await invoke(CHANNELS.relayStop, goodEvent());
      // tls: false, or absent, is plain ws:// and makes no certificate.
      await expect(invoke(CHANNELS.relayStart, goodEvent(), { host: '192.168.1.10', port: 4444, tls: false })).resolves.toEqual({
        signalingUrl: 'ws://192.168.1.10:4444/signal',
        syncUrl: 'ws://192.168.1.10:4444/sync',
      });
      expect(makeCertificate).toHaveBeenCalledOnce();
    });

    it.each([
      ['tls as text', { host: '127.0.0.1', port: 4444, tls: 'oui' }, '(tls) : tls : vrai ou faux'],
      ['a certificate file', { host: '127.0.0.1', port: 4444, tls: true, cert: '/etc/ssl/x.pem' }, 'Argument invalide pour vigie:relay-start'],
      ['every interface', { host: '0.0.0.0', port: 4444 }, 'adresse absente des interfaces de cette machine'],
      ['an address of another machine', { host: '192.168.1.11', port: 4444 }, 'adresse absente des interfaces'],
      ['a host name', { host: 'localhost', port: 4444 }, 'adresse absente des interfaces'],
      ['a privileged port', { host: '127.0.0.1', port: 80 }, '(port) : port entre 1024 et 65535'],
      ['port 0', { host: '127.0.0.1', port: 0 }, '(port) : port entre 1024 et 65535'],
      ['a port too high', { host: '127.0.0.1', port: 65536 }, '(port) : port entre 1024 et 65535'],
      ['a fractional port', { host: '127.0.0.1', port: 4444.5 }, '(port) : le port doit être un entier'],
      ['a port as text', { host: '127.0.0.1', port: '4444' }, '(port)'],
      ['a host of the wrong type', { host: 127001, port: 4444 }, '(host)'],
      ['a host too long', { host: '1'.repeat(65), port: 4444 }, '(host)'],
      ['a missing port', { host: '127.0.0.1' }, '(port)'],
      ['an unknown field', { host: '127.0.0.1', port: 4444, dataDir: '/etc' }, 'Argument invalide pour vigie:relay-start'],
      ['an unknown field (redis)', { host: '127.0.0.1', port: 4444, redisUrl: 'redis://x' }, 'Argument invalide'],
      ['nothing', undefined, 'Argument invalide pour vigie:relay-start'],
      ['a string', 'ws://127.0.0.1:4444', 'Argument invalide pour vigie:relay-start'],
    ])('refuses to start on %s', async (_name, request, message) => {
      await expect(invoke(CHANNELS.relayStart, goodEvent(), request)).rejects.toThrow(message);
      expect(startRelay).not.toHaveBeenCalled();
    });

    it('stops the relay before the app quits', async () => {
      await invoke(CHANNELS.relayStart, goodEvent(), { host: '127.0.0.1', port: 4444 });
      const event = { preventDefault: vi.fn() };
      electron.app.emit('before-quit', event);
      expect(event.preventDefault).toHaveBeenCalledOnce();
      await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalledOnce());
      expect(closeRelay).toHaveBeenCalledOnce();
      // Once stopped, quitting is no longer held back.
      const again = { preventDefault: vi.fn() };
      electron.app.emit('before-quit', again);
      expect(again.preventDefault).not.toHaveBeenCalled();
    });
  });
});
