import { describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./electron-fake')).createElectronFake());
vi.mock('electron', () => electron);

await import('../../src-main/preload');
const { CHANNELS } = await import('../../src-main/bridge');

// Read right after the import: the recorded calls are cleared between tests.
const exposed = [...electron.contextBridge.exposeInMainWorld.mock.calls] as [string, Record<string, unknown>][];

describe('preload', () => {
  const [[name, api]] = exposed;

  it('exposes one small API as window.vigie, and nothing of ipcRenderer', () => {
    expect(exposed).toHaveLength(1);
    expect(name).toBe('vigie');
    expect(Object.keys(api).sort()).toEqual(['info', 'openExternal', 'saveFile']);
    for (const value of Object.values(api)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.ipcRenderer.invoke);
    }
    expect(Object.values(api)).not.toContain(electron.ipcRenderer);
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
});
