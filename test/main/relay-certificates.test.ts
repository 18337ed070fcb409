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
});
