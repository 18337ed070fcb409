// App lifecycle: one instance, one window, and every guard in place before any page loads.
import { app, BrowserWindow, protocol, session, shell } from 'electron';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { registerBasemapHandlers } from './basemaps';
import { EVENTS } from './bridge';
import { findInvitationLink, InvitationInbox } from './invitation-inbox';
import { registerIpcHandlers } from './ipc';
import { installRelayCertificates } from './relay-certificates';
import { installMenu } from './menu';
import { appPageUrl, devServerUrl, PRELOAD_PATH, RENDERER_DIR } from './paths';
import { hardenWebContents } from './security';
import { hardenSession } from './session';
import { registerVaultHandlers } from './vault';
import { registerPrintHandlers } from './print';
import { createMainWindow } from './window';

/**
 * Where Vigie keeps its data (the page's IndexedDB, Chromium's storage): Electron's default per-user
 * folder, left unchanged on purpose so that backups and IT policies find it where they expect it —
 * %APPDATA%\vigie on Windows, ~/Library/Application Support/vigie on macOS, ~/.config/vigie on Linux.
 */
export const DATA_DIR = app.getPath('userData');

const devUrl = devServerUrl(app.isPackaged);
const appUrl = appPageUrl(devUrl);
let mainWindow: BrowserWindow | null = null;
const inbox = new InvitationInbox();
inbox.onArrival(() => mainWindow?.webContents.send(EVENTS.invitationArrived));

function openMainWindow(): void {
  mainWindow = createMainWindow({ preloadPath: PRELOAD_PATH, pageUrl: appUrl });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

// Every renderer runs in Chromium's sandbox, whatever options a later window might be given.
app.enableSandbox();
// The page comes from app://vigie/ (app-protocol.ts), never file://; the scheme must be declared
// before the app is ready.
registerAppScheme(protocol);

if (!app.requestSingleInstanceLock()) {
  // Two instances would write the same local database at once: the running one keeps the data,
  // and is brought to the front by its 'second-instance' handler.
  app.quit();
} else {
  // Invitations arrive as vigie://join/… links: on the command line (Windows, Linux, and a second
  // launch), or through open-url (macOS).
  app.setAsDefaultProtocolClient('vigie');
  inbox.receive(findInvitationLink(process.argv));
  app.on('second-instance', (_event, argv) => {
    inbox.receive(findInvitationLink(argv ?? []));
    focusMainWindow();
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    inbox.receive(url);
    focusMainWindow();
  });
  // Covers every web contents Electron creates, including ones this code never sees directly.
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { appUrl, openExternal: (url) => shell.openExternal(url) }),
  );
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession);
      installAppProtocol(protocol, RENDERER_DIR);
      registerIpcHandlers({ appUrl, getMainWindow: () => mainWindow, inbox });
      installRelayCertificates({ appUrl, getMainWindow: () => mainWindow });
      registerBasemapHandlers({ appUrl, getMainWindow: () => mainWindow });
      registerVaultHandlers({ appUrl, getMainWindow: () => mainWindow });
      registerPrintHandlers({ appUrl, getMainWindow: () => mainWindow });
      installMenu({
        isPackaged: app.isPackaged,
        isMac: process.platform === 'darwin',
        onExportPublicMap: () => mainWindow?.webContents.send(EVENTS.exportPublicMap),
      });
      openMainWindow();
    })
    .catch((error: unknown) => {
      // Without its guards the app must not run half-started: say why and leave.
      console.error('Vigie n’a pas pu démarrer', error);
      app.quit();
    });
}
