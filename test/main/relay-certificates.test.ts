// The desktop shell's certificate check for wss:// relays, with Electron stood in for (test/main
// style) and a real self-signed certificate made by the relay.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./electron-fake')).createElectronFake());
vi.mock('electron', () => electron);

const { installRelayCertificates, TRUST_RELAY_CERTIFICATES, fingerprintOf } = await import('../../src-main/relay-certificates');
const { FakeWebContents } = await import('./electron-fake');
const { selfSignedCertificate } = await import('../../src-main/services/relay-tls');
// The preload exposes its API once, at import: kept before the mocks are cleared between tests.
await import('../../src-main/preload');
const [[, exposedApi]] = electron.contextBridge.exposeInMainWorld.mock.calls as unknown as [[string, import('../../src-main/bridge').VigieBridge]];
const { createElectronPlatform } = await import('../../src-renderer/platform/index.electron');
const { createMemoryVault } = await import('../../src-renderer/platform/vault');

const APP_URL = 'app://vigie/index.html';

describe('relay certificates in the desktop shell', () => {
  let dir: string;
  let relayCert: { cert: string; fingerprint: string };
  let other: { cert: string; fingerprint: string };
  let window: InstanceType<typeof electron.BrowserWindow>;
  let verify: (request: unknown, callback: (code: number) => void) => void;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigie-cert-'));
    relayCert = await selfSignedCertificate('127.0.0.1', dir);
    other = await selfSignedCertificate('127.0.0.1');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  beforeEach(() => {
    electron.reset();
    window = new electron.BrowserWindow({});
    window.webContents.mainFrame.url = APP_URL;
    const setCertificateVerifyProc = vi.fn((proc: typeof verify) => (verify = proc));
    installRelayCertificates({ appUrl: APP_URL, getMainWindow: () => window as never }, { setCertificateVerifyProc } as never);
    expect(setCertificateVerifyProc).toHaveBeenCalledOnce();
  });

  const invoke = (event: unknown, ...args: unknown[]) => Promise.resolve().then(() => electron.handlers.get(TRUST_RELAY_CERTIFICATES)!(event, ...args));
  const fromPage = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });
  const verdict = (cert: string, verificationResult = 'net::ERR_CERT_AUTHORITY_INVALID') =>
    new Promise<number>((resolve) => verify({ hostname: '127.0.0.1', certificate: { data: cert }, verificationResult, errorCode: -202 }, resolve));

  it('computes the fingerprint invitations carry', () => {
    expect(fingerprintOf({ data: relayCert.cert })).toBe(relayCert.fingerprint);
    expect(relayCert.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf({ data: 'pas un certificat' })).toBeNull();
  });

  it('accepts a self-signed certificate only once the page trusts its fingerprint, and only that one', async () => {
    expect(await verdict(relayCert.cert)).toBe(-3);
    await expect(invoke(fromPage(), [relayCert.fingerprint])).resolves.toBe(1);
    expect(await verdict(relayCert.cert)).toBe(0);
    expect(await verdict(other.cert)).toBe(-3);
    // A certificate Chromium already accepts keeps Chromium's verdict.
    expect(await verdict(other.cert, 'net::OK')).toBe(-3);
    // The list is replaced, not added to: a crisis closed takes its relays' certificates with it.
    await expect(invoke(fromPage(), [])).resolves.toBe(0);
    expect(await verdict(relayCert.cert)).toBe(-3);
  });

  it('refuses callers other than the app page, and malformed arguments, in French', async () => {
    const foreign = new FakeWebContents('https://evil.example/');
    await expect(invoke({ sender: foreign, senderFrame: foreign.mainFrame }, [relayCert.fingerprint])).rejects.toThrow('Appel refusé');
    for (const bad of ['abc', [relayCert.fingerprint.toUpperCase()], [`${relayCert.fingerprint}0`], Array(65).fill(relayCert.fingerprint), [{}], null]) {
      await expect(invoke(fromPage(), bad)).rejects.toThrow(`Argument invalide pour ${TRUST_RELAY_CERTIFICATES}`);
    }
    expect(await verdict(relayCert.cert)).toBe(-3);
  });

  it('from the page to the check: the platform call goes through the preload and the IPC channel', async () => {
    // ipcRenderer.invoke → the handler ipcMain registered, as Electron would route it: the arguments
    // structured-cloned, the event from the app window's top frame.
    electron.ipcRenderer.invoke.mockImplementation(async (channel: unknown, ...args: unknown[]) => {
      const handler = electron.handlers.get(channel as string);
      if (!handler) throw new Error(`No handler registered for '${String(channel)}'`);
      return handler(fromPage(), ...structuredClone(args));
    });
    const platform = createElectronPlatform(exposedApi, createMemoryVault());

    expect(await verdict(relayCert.cert)).toBe(-3);
    await expect(platform.trustRelayCertificates([relayCert.fingerprint])).resolves.toBe(true);
    expect(await verdict(relayCert.cert)).toBe(0);
    expect(await verdict(other.cert)).toBe(-3);
    // Another crisis opened, with no fingerprint: the first relay's certificate is refused again.
    await expect(platform.trustRelayCertificates([])).resolves.toBe(true);
    expect(await verdict(relayCert.cert)).toBe(-3);
    // A list the shell refuses leaves the previous one and resolves false (sync still starts).
    await platform.trustRelayCertificates([other.fingerprint]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(platform.trustRelayCertificates([relayCert.fingerprint.toUpperCase()])).resolves.toBe(false);
    expect(warn.mock.calls[0]?.[1]).toMatch(/^Argument invalide pour vigie:relay-trust-certificates/);
    warn.mockRestore();
    expect(await verdict(other.cert)).toBe(0);
    expect(await verdict(relayCert.cert)).toBe(-3);
    electron.ipcRenderer.invoke.mockImplementation(async () => undefined);
  });
});
