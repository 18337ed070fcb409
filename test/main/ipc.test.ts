import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./electron-fake')).createElectronFake());
vi.mock('electron', () => electron);

const { CHANNELS } = await import('../../src-main/bridge');
const { MAX_SAVE_BYTES, registerIpcHandlers } = await import('../../src-main/ipc');
const { FakeWebContents } = await import('./electron-fake');

const APP_URL = 'file:///opt/vigie/out/renderer/index.html';

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

  beforeEach(async () => {
    electron.reset();
    window = new electron.BrowserWindow({});
    window.webContents.mainFrame.url = APP_URL;
    registerIpcHandlers({ appUrl: APP_URL, getMainWindow: () => window as never });
    dir = await mkdtemp(join(tmpdir(), 'vigie-ipc-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('registers exactly the three channels', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(
      [CHANNELS.info, CHANNELS.openExternal, CHANNELS.saveFile].sort(),
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
        expect(electron.shell.openExternal).not.toHaveBeenCalled();
        expect(electron.dialog.showSaveDialog).not.toHaveBeenCalled();
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
});
