import { describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./electron-fake')).createElectronFake());
vi.mock('electron', () => electron);

await import('../../src-main/preload');
const { CHANNELS, EVENTS, TRUST_RELAY_CERTIFICATES } = await import('../../src-main/bridge');

// Read right after the import: the recorded calls are cleared between tests.
const exposed = [...electron.contextBridge.exposeInMainWorld.mock.calls] as [string, Record<string, unknown>][];

describe('preload', () => {
  const [[name, api]] = exposed;

  it('exposes one small API as window.vigie, and nothing of ipcRenderer', () => {
    expect(exposed).toHaveLength(1);
    expect(name).toBe('vigie');
    expect(Object.keys(api).sort()).toEqual(['basemaps', 'info', 'onExportPublicMap', 'onInvitation', 'openExternal', 'printToPdf', 'relay', 'saveFile', 'trustRelayCertificates', 'vault']);
    const vault = api.vault as Record<string, unknown>;
    expect(Object.keys(vault).sort()).toEqual(['open', 'seal', 'status']);
    for (const value of Object.values(vault)) expect(typeof value).toBe('function');
    expect(Object.values(vault)).not.toContain(electron.ipcRenderer.invoke);
    const relay = api.relay as Record<string, unknown>;
    expect(Object.keys(relay).sort()).toEqual(['interfaces', 'start', 'status', 'stop']);
    const basemaps = api.basemaps as Record<string, unknown>;
    expect(Object.keys(basemaps).sort()).toEqual(['allowOnlineTiles', 'fetchOnlineTile', 'pickPmtiles', 'readPmtiles']);
    // (trustRelayCertificates included: a function of its own, not ipcRenderer.invoke.)
    for (const value of [...Object.values(api).filter((v) => v !== relay && v !== basemaps && v !== vault), ...Object.values(relay), ...Object.values(basemaps)]) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.ipcRenderer.invoke);
    }
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
    expect(Object.values(relay)).not.toContain(electron.ipcRenderer);
    expect(Object.values(basemaps)).not.toContain(electron.ipcRenderer);
  });

  it('forwards the basemap calls with only their declared arguments', async () => {
    const { BASEMAP_CHANNELS } = await import('../../src-main/basemap-channels');
    const basemaps = (api as unknown as import('../../src-main/bridge').VigieBridge).basemaps!;
    await basemaps.pickPmtiles();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(BASEMAP_CHANNELS.pickPmtiles);
    await basemaps.readPmtiles({ id: 'a', offset: 1, length: 2, extra: 'x' } as never);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(BASEMAP_CHANNELS.readPmtiles, { id: 'a', offset: 1, length: 2 });
    await basemaps.allowOnlineTiles(null);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(BASEMAP_CHANNELS.allowOnline, null);
    await basemaps.fetchOnlineTile({ z: 1, x: 0, y: 1, url: 'https://evil/' } as never);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(BASEMAP_CHANNELS.onlineTile, { z: 1, x: 0, y: 1 });
  });

  it('forwards printing to PDF with the file name only', async () => {
    const { PRINT_CHANNELS } = await import('../../src-main/print-channels');
    const bridge = api as unknown as import('../../src-main/bridge').VigieBridge;
    await bridge.printToPdf!({ suggestedName: 'point.pdf', html: '<b>x</b>' } as never);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(PRINT_CHANNELS.printToPdf, { suggestedName: 'point.pdf' });
  });

  it('forwards the vault calls to their channels, with one argument each', async () => {
    const { VAULT_CHANNELS } = await import('../../src-main/vault-channels');
    const vault = (api as unknown as import('../../src-main/bridge').VigieBridge).vault!;
    await vault.status();
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(VAULT_CHANNELS.status);
    await (vault.seal as (...args: unknown[]) => Promise<string>)('t:x', 'extra');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(VAULT_CHANNELS.seal, 't:x');
    await (vault.open as (...args: unknown[]) => Promise<string>)('AAAA', 'extra');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(VAULT_CHANNELS.open, 'AAAA');
  });

  it('forwards each call to its own channel', async () => {
    const bridge = api as unknown as import('../../src-main/bridge').VigieBridge;
    await bridge.openExternal('https://example.org/');
    await bridge.info();
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(CHANNELS.openExternal, 'https://example.org/');
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(CHANNELS.info);
  });

  it('passes only the declared fields of a save request', async () => {
    const bridge = api as unknown as import('../../src-main/bridge').VigieBridge;
    const request = { suggestedName: 'a.csv', data: 'x', mime: 'text/csv', path: '/etc/passwd' };
    await bridge.saveFile(request);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CHANNELS.saveFile, {
      suggestedName: 'a.csv',
      data: 'x',
      mime: 'text/csv',
    });
  });

  it('forwards the relay calls to their channels, with only host, port and whether to encrypt', async () => {
    const bridge = api as unknown as import('../../src-main/bridge').VigieBridge;
    await bridge.relay!.interfaces();
    await bridge.relay!.status();
    await bridge.relay!.stop();
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(CHANNELS.relayInterfaces);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(CHANNELS.relayStatus);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(CHANNELS.relayStop);
    await bridge.relay!.start({ host: '192.168.1.10', port: 4444, dataDir: '/etc' } as never);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CHANNELS.relayStart, { host: '192.168.1.10', port: 4444, tls: false });
    await bridge.relay!.start({ host: '192.168.1.10', port: 4444, tls: true, cert: '/tmp/x.pem' } as never);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CHANNELS.relayStart, { host: '192.168.1.10', port: 4444, tls: true });
    await bridge.relay!.start({ host: '192.168.1.10', port: 4444, tls: 'oui' } as never);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(CHANNELS.relayStart, { host: '192.168.1.10', port: 4444, tls: false });
  });

  it('forwards the trusted certificate fingerprints as a copy of the list, on their own channel', async () => {
    const bridge = api as unknown as import('../../src-main/bridge').VigieBridge;
    expect(TRUST_RELAY_CERTIFICATES).toBe('vigie:relay-trust-certificates');
    const list = ['a'.repeat(64)];
    await bridge.trustRelayCertificates!(list);
    const [channel, sent] = electron.ipcRenderer.invoke.mock.lastCall as [string, unknown];
    expect(channel).toBe(TRUST_RELAY_CERTIFICATES);
    expect(sent).toEqual(list);
    expect(sent).not.toBe(list);
    // Anything but an array reaches the main process as null, which it refuses.
    await (bridge.trustRelayCertificates as (...args: unknown[]) => Promise<number>)('a'.repeat(64), 'extra');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(TRUST_RELAY_CERTIFICATES, null);
  });

  it('takes a waiting invitation, then each one announced, and only strings', async () => {
    const bridge = api as unknown as import('../../src-main/bridge').VigieBridge;
    const links: string[] = [];
    electron.ipcRenderer.invoke.mockResolvedValueOnce('vigie://join/abc.0123456789abcdef');
    const stop = bridge.onInvitation!((l) => links.push(l));
    await vi.waitFor(() => expect(links).toEqual(['vigie://join/abc.0123456789abcdef']));
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(CHANNELS.takeInvitation);
    const [channel, announce] = electron.ipcRenderer.on.mock.calls[0] as [string, () => void];
    expect(channel).toBe(EVENTS.invitationArrived);
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ not: 'a string' });
    announce();
    electron.ipcRenderer.invoke.mockResolvedValueOnce('vigie://join/def.0123456789abcdef');
    announce();
    await vi.waitFor(() => expect(links).toHaveLength(2));
    expect(links[1]).toBe('vigie://join/def.0123456789abcdef');
    stop();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENTS.invitationArrived, announce);
  });
});

describe('preload : menu', () => {
  it('relaie « Exporter la carte publique… » sans rien transmettre d’autre', () => {
    const api = exposed[0]![1] as { onExportPublicMap: (listener: (...args: unknown[]) => void) => () => void };
    const calls: unknown[][] = [];
    electron.ipcRenderer.on.mockClear();
    const stop = api.onExportPublicMap((...args) => void calls.push(args));
    const [channel, run] = electron.ipcRenderer.on.mock.calls[0] as [string, (...a: unknown[]) => void];
    expect(channel).toBe(EVENTS.exportPublicMap);
    run({ sender: 'main' }, 'charge inattendue');
    expect(calls).toEqual([[]]);
    stop();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENTS.exportPublicMap, run);
  });
});
