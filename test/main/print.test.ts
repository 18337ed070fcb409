// Printing to PDF in the desktop shell (src-main/print.ts), with Electron faked: only our window,
// only a file name, Chromium's PDF of the page written where the user chose.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';

const electron = await vi.hoisted(async () => (await import('./electron-fake')).createElectronFake());
vi.mock('electron', () => electron);

const { PRINT_CHANNELS } = await import('../../src-main/print-channels');
const { registerPrintHandlers, PDF_OPTIONS } = await import('../../src-main/print');
const { FakeWebContents } = await import('./electron-fake');

const APP_URL = 'app://vigie/index.html';

describe('print to PDF', () => {
  let window: InstanceType<typeof electron.BrowserWindow>;
  let dir: string;
  const event = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });
  const invoke = (request: unknown, from = event()) => Promise.resolve().then(() => electron.handlers.get(PRINT_CHANNELS.printToPdf)!(from, request));

  beforeEach(async () => {
    electron.reset();
    window = new electron.BrowserWindow({});
    window.webContents.mainFrame.url = APP_URL;
    registerPrintHandlers({ appUrl: APP_URL, getMainWindow: () => window as never });
    dir = await mkdtemp(join(tmpdir(), 'vigie-print-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('prints the window’s page as A4 with its print styles and writes it where the user chose', async () => {
    const path = join(dir, 'point.pdf');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path });
    await expect(invoke({ suggestedName: 'point-de-situation.pdf' })).resolves.toBe(true);
    expect(window.webContents.printToPDF).toHaveBeenCalledWith(PDF_OPTIONS);
    expect(PDF_OPTIONS).toMatchObject({ pageSize: 'A4', preferCSSPageSize: true, printBackground: true });
    expect(electron.dialog.showSaveDialog.mock.calls[0]![1]).toMatchObject({ defaultPath: 'point-de-situation.pdf' });
    expect((await readFile(path)).toString()).toBe('%PDF-1.4 faux');
  });

  it('writes nothing when the user cancels', async () => {
    await expect(invoke({ suggestedName: 'point.pdf' })).resolves.toBe(false);
  });

  it.each([undefined, 'point.pdf', { suggestedName: '../../etc/passwd.pdf' }, { suggestedName: 'point.html' }, { suggestedName: 'a.pdf', html: '<b>x</b>' }])('refuses %j', async (request) => {
    await expect(invoke(request)).rejects.toThrow(/^Argument invalide pour vigie:print-to-pdf/);
    expect(window.webContents.printToPDF).not.toHaveBeenCalled();
  });

  it('answers only our own window', async () => {
    const other = new FakeWebContents(APP_URL);
    await expect(invoke({ suggestedName: 'a.pdf' }, { sender: other, senderFrame: other.mainFrame } as never)).rejects.toThrow(/Appel refusé/);
    expect(window.webContents.printToPDF).not.toHaveBeenCalled();
  });
});
