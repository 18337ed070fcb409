// The real src-main/index.ts, started against a fake Electron.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { emitPreventable, FakeWebContents } from './electron-fake';

const electron = await vi.hoisted(async () => (await import('./electron-fake')).createElectronFake());
vi.mock('electron', () => electron);

async function startApp(): Promise<void> {
  vi.resetModules();
  await import('../../src-main/index');
  // Let app.whenReady().then(...) run.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('app lifecycle', () => {
  beforeEach(() => {
    electron.reset();
    vi.stubEnv('ELECTRON_RENDERER_URL', '');
  });

  it('quits at once when another instance holds the lock', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValue(false);
    await startApp();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(electron.app.quit).toHaveBeenCalledOnce();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
    expect(electron.handlers.size).toBe(0);
  });

  it('starts sandboxed, with session guards, IPC, menu and one hardened window', async () => {
    await startApp();
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledOnce();
    expect(electron.app.quit).not.toHaveBeenCalled();
    expect(electron.app.enableSandbox).toHaveBeenCalledOnce();
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(electron.session.defaultSession.setPermissionCheckHandler).toHaveBeenCalledOnce();
    expect(electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledOnce();
    // open-external, save-file, info, take-invitation, the four relay channels, the four basemap ones
    // the three of the vault, the relay certificates' trust list (relay-certificates.ts) and printing to PDF.
    expect(electron.handlers.size).toBe(17);
    expect([...electron.handlers.keys()]).toEqual(
      expect.arrayContaining(['vigie:vault-status', 'vigie:vault-seal', 'vigie:vault-open', 'vigie:relay-trust-certificates', 'vigie:print-to-pdf']),
    );
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith('vigie');
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();

    expect(electron.windows).toHaveLength(1);
    const [window] = electron.windows;
    expect(window.options).toMatchObject({ title: 'Vigie', show: false });
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(window.options.webPreferences.preload).toMatch(/[\\/]preload[\\/]preload\.cjs$/);
    // The built page comes from app://vigie/, never from file://.
    expect(window.loadURL).toHaveBeenCalledWith('app://vigie/index.html');
    expect(window.loadFile).not.toHaveBeenCalled();
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledOnce();
  });

  it('keeps the data in the default user data folder', async () => {
    await startApp();
    const { DATA_DIR } = await import('../../src-main/index');
    expect(DATA_DIR).toBe('/fake/userData');
    expect(electron.app.getPath).toHaveBeenCalledWith('userData');
  });

  it('brings the existing window forward when a second instance starts', async () => {
    await startApp();
    const [window] = electron.windows;
    window.minimized = true;
    electron.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalledOnce();
    expect(window.focus).toHaveBeenCalledOnce();
  });

  it('hands a vigie://join link from a second launch to the page, which takes it once', async () => {
    await startApp();
    const [window] = electron.windows;
    const link = 'vigie://join/eyJ2IjoxfQ.AAAAAAAAAAAAAAAAAAAAAA';
    electron.app.emit('second-instance', {}, ['/opt/vigie', link]);
    expect(window.webContents.send).toHaveBeenCalledWith('vigie:invitation-arrived');
    const take = electron.handlers.get('vigie:take-invitation')!;
    window.webContents.mainFrame.url = 'app://vigie/index.html#/';
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    expect(take(event)).toBe(link);
    expect(take(event)).toBeNull();
    // A foreign sender gets nothing.
    electron.app.emit('second-instance', {}, [link]);
    expect(() => take({ sender: window.webContents, senderFrame: { url: 'https://evil.example/' } })).toThrow(/Appel refusé/);
    // The built page opened from disk is not the app: no IPC for it.
    window.webContents.mainFrame.url = 'file:///opt/vigie/resources/app.asar/out/renderer/index.html';
    expect(() => take({ sender: window.webContents, senderFrame: window.webContents.mainFrame })).toThrow(/Appel refusé/);
  });

  it('declares app:// before the app is ready and serves only the renderer folder from it', async () => {
    await startApp();
    const { registerSchemesAsPrivileged, handle } = electron.protocol;
    expect(registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    const [[schemes]] = registerSchemesAsPrivileged.mock.calls;
    expect(schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) }]);
    expect(registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(electron.app.whenReady.mock.invocationCallOrder[0]);
    expect(handle).toHaveBeenCalledOnce();
    expect(handle.mock.calls[0][0]).toBe('app');
    // Installed before the window loads its page.
    expect(handle.mock.invocationCallOrder[0]).toBeLessThan(electron.windows[0].loadURL.mock.invocationCallOrder[0]);
    const serve = electron.protocolHandlers.get('app')!;
    // package.json exists two folders above the (unbuilt) renderer folder: never reachable.
    for (const url of ['app://vigie/..%2f..%2fpackage.json', 'app://vigie/%2e%2e/%2e%2e/package.json', 'app://vigie/..%2fpackage.json']) {
      const response = await serve(new Request(url));
      expect(response.status).toBe(404);
    }
  });

  it('hardens every web contents Electron creates', async () => {
    await startApp();
    const contents = new FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(emitPreventable(contents, 'will-navigate', 'https://example.org/')).toBe(true);
    expect(emitPreventable(contents, 'will-attach-webview', 'about:blank')).toBe(true);
    expect(emitPreventable(contents, 'will-navigate', 'app://vigie/index.html')).toBe(false);
    expect(emitPreventable(contents, 'will-navigate', 'file:///opt/vigie/out/renderer/index.html')).toBe(true);

    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'smb://srv/x', 'https://u:p@example.org/']) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
    expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://example.org/');
  });

  it('loads the dev server only in an unpackaged app', async () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    await startApp();
    expect(electron.windows[0].loadURL).toHaveBeenCalledWith('http://localhost:5173');

    electron.reset();
    electron.app.isPackaged = true;
    await startApp();
    expect(electron.windows[0].loadURL.mock.calls).toEqual([['app://vigie/index.html']]);
    expect(electron.windows[0].loadFile).not.toHaveBeenCalled();
  });

  it('quits when the last window closes', async () => {
    await startApp();
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
  });
});
