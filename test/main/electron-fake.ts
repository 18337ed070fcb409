// Stand-ins for the parts of Electron that src-main uses, recording what the real modules do with them.
// Use: const electron = await vi.hoisted(async () => (await import('./electron-fake')).createElectronFake());
//      vi.mock('electron', () => electron);
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface FakeFrame {
  url: string;
}

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame;
  windowOpenHandler?: (details: { url: string }) => { action: string };
  send = vi.fn();
  /** Chromium's print to PDF: a recognisable stand-in for its bytes. */
  printToPDF = vi.fn(async (_options: Record<string, unknown>) => Buffer.from('%PDF-1.4 faux'));
  constructor(url = 'about:blank') {
    super();
    this.mainFrame = { url };
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

/** Emits a navigation-like event and tells whether a listener prevented it. */
export function emitPreventable(contents: EventEmitter, name: string, url: string): boolean {
  const event = { url, preventDefault: vi.fn() };
  contents.emit(name, event, url);
  return event.preventDefault.mock.calls.length > 0;
}

export function createElectronFake() {
  const windows: FakeBrowserWindow[] = [];

  class FakeBrowserWindow extends EventEmitter {
    static getAllWindows = () => windows.filter((w) => !w.destroyed);
    webContents = new FakeWebContents();
    destroyed = false;
    minimized = false;
    loadFile = vi.fn(async (_path: string) => undefined);
    loadURL = vi.fn(async (_url: string) => undefined);
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn(() => {
      this.minimized = false;
    });
    constructor(public options: Record<string, any>) {
      super();
      windows.push(this);
    }
    isMinimized = () => this.minimized;
    isDestroyed = () => this.destroyed;
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn((name: string) => `/fake/${name}`),
    getVersion: vi.fn(() => '9.9.9'),
    setAsDefaultProtocolClient: vi.fn(() => true),
  });

  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = { handle: vi.fn((channel: string, handler: any) => void handlers.set(channel, handler)) };

  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  const protocol = {
    registerSchemesAsPrivileged: vi.fn((_schemes: { scheme: string; privileges: Record<string, boolean> }[]) => undefined),
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => void protocolHandlers.set(scheme, handler)),
  };

  // safeStorage as on a desktop with a keyring: a reversible, recognisable stand-in for the OS
  // encryption (tests check that what is stored is not the plain text and comes back whole).
  const safeStorage = {
    available: true,
    backend: 'gnome_libsecret',
    isEncryptionAvailable: vi.fn(() => safeStorage.available),
    getSelectedStorageBackend: vi.fn(() => safeStorage.backend),
    encryptString: vi.fn((plain: string) => {
      if (!safeStorage.available) throw new Error('Encryption is not available.');
      return Buffer.concat([Buffer.from('FAKEOS1:'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
    }),
    decryptString: vi.fn((sealed: Buffer) => {
      if (!safeStorage.available) throw new Error('Decryption is not available.');
      if (!Buffer.isBuffer(sealed) || sealed.subarray(0, 8).toString() !== 'FAKEOS1:') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(sealed.subarray(8).map((b) => b ^ 0x5a)).toString('utf8');
    }),
  };

  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  };

  const fake = {
    app,
    BrowserWindow: FakeBrowserWindow,
    windows,
    ipcMain,
    handlers,
    session: { defaultSession },
    protocol,
    protocolHandlers,
    safeStorage,
    shell: { openExternal: vi.fn(async (_url: string) => undefined) },
    dialog: { showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })) },
    Menu: { buildFromTemplate: vi.fn((template: unknown) => template), setApplicationMenu: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async (..._args: unknown[]) => undefined as unknown), send: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    /** Back to a fresh state between tests (the module-level fakes are shared). */
    reset(): void {
      windows.length = 0;
      handlers.clear();
      protocolHandlers.clear();
      safeStorage.available = true;
      safeStorage.backend = 'gnome_libsecret';
      app.removeAllListeners();
      app.isPackaged = false;
      vi.clearAllMocks();
      app.requestSingleInstanceLock.mockImplementation(() => true);
    },
  };
  return fake;
}

export type ElectronFake = ReturnType<typeof createElectronFake>;
