// @vitest-environment jsdom
// The renderer's platform layer: same link rule in every shell, bridge used as declared.
import { describe, expect, it, vi } from 'vitest';
import type { VigieBridge } from '../../src-main/bridge';
import { choosePlatform } from '../../src-renderer/platform';
import { createElectronPlatform } from '../../src-renderer/platform/index.electron';
import { createTestingPlatform } from '../../src-renderer/platform/index.testing';
import { createWebPlatform, type WebEnvironment } from '../../src-renderer/platform/index.web';
import { version } from '../../package.json';

const UNSAFE = ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'smb://srv/x', 'https://u:p@example.org/'];

function fakeBridge(): VigieBridge {
  return {
    openExternal: vi.fn(async () => true),
    saveFile: vi.fn(async () => true),
    info: vi.fn(async () => ({ shell: 'electron' as const, version: '1.2.3', dataDir: '/data' })),
  };
}

describe('platform choice', () => {
  it('uses the bridge when the preload defined one, the browser otherwise', () => {
    expect(choosePlatform(fakeBridge()).shell).toBe('electron');
    expect(choosePlatform(undefined).shell).toBe('web');
  });
});

describe('electron platform', () => {
  it('refuses unsafe links without calling the main process', async () => {
    const bridge = fakeBridge();
    const platform = createElectronPlatform(bridge);
    for (const url of UNSAFE) await expect(platform.openExternal(url)).resolves.toBe(false);
    expect(bridge.openExternal).not.toHaveBeenCalled();
    await expect(platform.openExternal('https://example.org/')).resolves.toBe(true);
    expect(bridge.openExternal).toHaveBeenCalledWith('https://example.org/');
  });

  it('prints to PDF through the main process; an older preload prints as a browser', async () => {
    const printToPdf = vi.fn(async () => true);
    const print = vi.fn();
    await expect(createElectronPlatform({ ...fakeBridge(), printToPdf }, undefined, print).printToPdf({ suggestedName: 'p.pdf' })).resolves.toBe(true);
    expect(printToPdf).toHaveBeenCalledWith({ suggestedName: 'p.pdf' });
    expect(print).not.toHaveBeenCalled();
    const refused = vi.fn(async () => {
      throw new Error("Error invoking remote method 'vigie:print-to-pdf': Error: Argument invalide pour vigie:print-to-pdf : le nom doit finir par .pdf.");
    });
    await expect(createElectronPlatform({ ...fakeBridge(), printToPdf: refused }, undefined, print).printToPdf({ suggestedName: 'p' })).rejects.toThrow(/^Argument invalide/);
    await expect(createElectronPlatform(fakeBridge(), undefined, print).printToPdf({ suggestedName: 'p.pdf' })).resolves.toBe(true);
    expect(print).toHaveBeenCalledOnce();
  });

  it('forwards saves and info', async () => {
    const bridge = fakeBridge();
    const platform = createElectronPlatform(bridge);
    const request = { suggestedName: 'a.csv', data: 'x', mime: 'text/csv' };
    await expect(platform.saveFile(request)).resolves.toBe(true);
    expect(bridge.saveFile).toHaveBeenCalledWith(request);
    await expect(platform.info()).resolves.toEqual({ shell: 'electron', version: '1.2.3', dataDir: '/data' });
  });
});

describe('web platform', () => {
  function environment() {
    const env = {
      open: vi.fn(),
      document,
      createObjectURL: vi.fn((_blob: Blob) => 'blob:vigie/1'),
      revokeObjectURL: vi.fn(),
      print: vi.fn(),
    } satisfies WebEnvironment;
    return { env, platform: createWebPlatform(() => env) };
  }

  it('opens only safe links, without a handle back on the app', async () => {
    const { env, platform } = environment();
    for (const url of UNSAFE) await expect(platform.openExternal(url)).resolves.toBe(false);
    expect(env.open).not.toHaveBeenCalled();
    await expect(platform.openExternal('https://example.org/')).resolves.toBe(true);
    expect(env.open).toHaveBeenCalledWith('https://example.org/', '_blank', 'noopener,noreferrer');
  });

  it('saves through a download link', async () => {
    const { env, platform } = environment();
    const clicked: HTMLAnchorElement[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    await expect(platform.saveFile({ suggestedName: 'carte.png', data: new Uint8Array([1, 2]), mime: 'image/png' })).resolves.toBe(true);
    click.mockRestore();
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe('carte.png');
    expect(clicked[0].href).toBe('blob:vigie/1');
    expect(clicked[0].isConnected).toBe(false);
    const blob = env.createObjectURL.mock.calls[0][0];
    expect([blob.type, blob.size]).toEqual(['image/png', 2]);
  });

  it('prints through the browser’s own dialog (where « Enregistrer au format PDF » is)', async () => {
    const { env, platform } = environment();
    await expect(platform.printToPdf({ suggestedName: 'point.pdf' })).resolves.toBe(true);
    expect(env.print).toHaveBeenCalledOnce();
  });

  it('reports the web shell and the package version', async () => {
    await expect(environment().platform.info()).resolves.toEqual({ shell: 'web', version });
  });
});

describe('testing platform', () => {
  it('records calls and applies the same link rule', async () => {
    const platform = createTestingPlatform({ version: '0.0.1' });
    await platform.openExternal('https://example.org/');
    await platform.openExternal('javascript:alert(1)');
    platform.cancelSaves = true;
    await expect(platform.saveFile({ suggestedName: 'a.csv', data: 'x', mime: 'text/csv' })).resolves.toBe(false);
    expect(platform.openedUrls).toEqual(['https://example.org/']);
    expect(platform.savedFiles).toEqual([]);
    expect(platform.calls.map((call) => call.method)).toEqual(['openExternal', 'openExternal', 'saveFile']);
    await expect(platform.info()).resolves.toMatchObject({ shell: 'web', version: '0.0.1' });
  });
});

describe('relay capability', () => {
  it('exists only in the desktop shell, passed through from the bridge', async () => {
    const relay = {
      interfaces: vi.fn(async () => [{ name: 'eth0', address: '192.168.1.10' }]),
      start: vi.fn(async ({ host, port }: { host: string; port: number }) => ({
        signalingUrl: `ws://${host}:${port}/signal`,
        syncUrl: `ws://${host}:${port}/sync`,
      })),
      stop: vi.fn(async () => undefined),
      status: vi.fn(async () => ({ running: false })),
    };
    const platform = createElectronPlatform({ ...fakeBridge(), relay });
    await expect(platform.relay!.interfaces()).resolves.toEqual([{ name: 'eth0', address: '192.168.1.10' }]);
    await expect(platform.relay!.start({ host: '192.168.1.10', port: 4444 })).resolves.toEqual({
      signalingUrl: 'ws://192.168.1.10:4444/signal',
      syncUrl: 'ws://192.168.1.10:4444/sync',
    });
    expect(relay.start).toHaveBeenCalledWith({ host: '192.168.1.10', port: 4444 });
    await platform.relay!.stop();
    await expect(platform.relay!.status()).resolves.toEqual({ running: false });
    expect(relay.stop).toHaveBeenCalledOnce();

    expect(createElectronPlatform(fakeBridge()).relay).toBeUndefined();
    expect(createWebPlatform().relay).toBeUndefined();
    expect(createTestingPlatform().relay).toBeUndefined();
  });

  it('shows the main process refusal without Electron’s English prefix', async () => {
    const relay = {
      interfaces: vi.fn(async () => []),
      start: vi.fn(async () => {
        throw new Error("Error invoking remote method 'vigie:relay-start': Error: Le port 4444 est déjà utilisé sur 192.168.1.10 : choisissez-en un autre ou arrêtez l’autre programme.");
      }),
      stop: vi.fn(async () => undefined),
      status: vi.fn(async () => ({ running: false })),
    };
    const platform = createElectronPlatform({ ...fakeBridge(), relay });
    await expect(platform.relay!.start({ host: '192.168.1.10', port: 4444 })).rejects.toThrow(
      /^Le port 4444 est déjà utilisé sur 192\.168\.1\.10/,
    );
  });
});

describe('trusted relay certificates', () => {
  const FP = 'ab'.repeat(32);

  it('desktop: hands a copy of the list to the shell, and says the certificates are pinned', async () => {
    const trustRelayCertificates = vi.fn(async (list: string[]) => list.length);
    const platform = createElectronPlatform({ ...fakeBridge(), trustRelayCertificates });
    const list = [FP];
    await expect(platform.trustRelayCertificates(list)).resolves.toBe(true);
    expect(trustRelayCertificates).toHaveBeenCalledWith([FP]);
    expect(trustRelayCertificates.mock.calls[0][0]).not.toBe(list);
    await expect(platform.trustRelayCertificates([])).resolves.toBe(true);
    expect(trustRelayCertificates).toHaveBeenLastCalledWith([]);
  });

  it('desktop: a refusal, or a preload that predates the call, counts as not pinned and never rejects', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const refusing = createElectronPlatform({
      ...fakeBridge(),
      trustRelayCertificates: vi.fn(async () => {
        throw new Error("Error invoking remote method 'vigie:relay-trust-certificates': Error: Argument invalide pour vigie:relay-trust-certificates : empreinte SHA-256 attendue.");
      }),
    });
    await expect(refusing.trustRelayCertificates([FP])).resolves.toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.any(String), 'Argument invalide pour vigie:relay-trust-certificates : empreinte SHA-256 attendue.');
    warn.mockRestore();
    await expect(createElectronPlatform(fakeBridge()).trustRelayCertificates([FP])).resolves.toBe(false);
  });

  it('web: cannot pin (the browser accepts only a certificate its user trusted)', async () => {
    await expect(createWebPlatform().trustRelayCertificates([FP])).resolves.toBe(false);
  });

  it('testing: records each list, the last one kept', async () => {
    const platform = createTestingPlatform({ shell: 'electron' });
    await expect(platform.trustRelayCertificates([FP])).resolves.toBe(true);
    await platform.trustRelayCertificates([]);
    expect(platform.calls).toEqual([
      { method: 'trustRelayCertificates', fingerprints: [FP] },
      { method: 'trustRelayCertificates', fingerprints: [] },
    ]);
    expect(platform.trustedFingerprints).toEqual([]);
    await expect(createTestingPlatform().trustRelayCertificates([FP])).resolves.toBe(false);
  });
});
