// The main-process side of the bridge. Each handler trusts nothing: not the caller, not the arguments.
import { join } from 'node:path';
import { app, dialog, ipcMain, shell, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { CHANNELS, type AppInfo, type RelayInterface, type RelayStatus, type RelayUrls } from './bridge';
import type { InvitationInbox } from './invitation-inbox';
import { RelayHost } from './relay-host';
import { isAppUrl, isSafeExternalUrl } from './security';
import { writeFileAtomic } from './services/files';

export const MAX_FILE_NAME_LENGTH = 200;
export const MAX_SAVE_BYTES = 200 * 1024 * 1024;

const urlSchema = z.string().refine(isSafeExternalUrl, { error: 'seuls les liens http(s) sans identifiants sont permis' });

export const fileNameSchema = z
  .string()
  .min(1, { error: 'nom vide' })
  .max(MAX_FILE_NAME_LENGTH, { error: 'nom trop long' })
  // A name, not a path: the user picks the folder in the dialog, the page never does.
  .refine((name) => !/[/\\\0]/.test(name) && name !== '.' && name !== '..', {
    error: 'le nom ne doit pas contenir de chemin',
  });

const dataSchema = z.union([
  // Checked on the UTF-8 size actually written, after a cheap bound on the string length.
  z.string().max(MAX_SAVE_BYTES).refine((text) => Buffer.byteLength(text) <= MAX_SAVE_BYTES),
  z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= MAX_SAVE_BYTES),
], { error: 'contenu invalide ou trop volumineux (200 Mo au plus)' });

const saveRequestSchema = z.strictObject({
  suggestedName: fileNameSchema,
  data: dataSchema,
  mime: z
    .string()
    .max(200)
    .regex(/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=[\w.+-]+)*$/, { error: 'type MIME invalide' }),
});

// The page names an interface and a port, and whether to encrypt, nothing else: no path, no Redis,
// no certificate file, no option to listen on every interface. Ports below 1024 need privileges a
// desktop user should not be asked for.
const relayStartSchema = z.strictObject({
  host: z.string().max(64),
  port: z.int({ error: 'le port doit être un entier' }).min(1024, { error: 'port entre 1024 et 65535' }).max(65535, { error: 'port entre 1024 et 65535' }),
  tls: z.boolean({ error: 'tls : vrai ou faux' }).optional(),
});

export interface IpcDeps {
  appUrl: string;
  getMainWindow(): BrowserWindow | null;
  /** The LAN relay this window may start; by default one keeping its documents in userData/relay. */
  relayHost?: RelayHost;
  /** vigie:// invitation links received by the app, for the page to take. */
  inbox?: InvitationInbox;
}

/** Only the top frame of our own window, showing our own page, may call the shell. */
export function assertTrustedSender(event: IpcMainInvokeEvent, deps: IpcDeps): void {
  const window = deps.getMainWindow();
  const frame = event.senderFrame;
  const trusted =
    window !== null &&
    !window.isDestroyed() &&
    event.sender === window.webContents &&
    frame !== null &&
    frame === event.sender.mainFrame &&
    isAppUrl(frame.url, deps.appUrl);
  if (!trusted) throw new Error('Appel refusé : il ne vient pas de la fenêtre de Vigie.');
}

// Zod's own messages in French, for the cases the schemas above don't word themselves.
const frenchErrors = z.locales.fr().localeError;

function parse<T>(schema: z.ZodType<T>, value: unknown, channel: string): T {
  const result = schema.safeParse(value, { error: frenchErrors });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new Error(`Argument invalide pour ${channel}${where} : ${issue?.message ?? 'refusé'}.`);
}

export function registerIpcHandlers(deps: IpcDeps): void {
  ipcMain.handle(CHANNELS.openExternal, async (event, url: unknown) => {
    assertTrustedSender(event, deps);
    await shell.openExternal(parse(urlSchema, url, CHANNELS.openExternal));
    return true;
  });

  ipcMain.handle(CHANNELS.saveFile, async (event, request: unknown) => {
    assertTrustedSender(event, deps);
    const { suggestedName, data } = parse(saveRequestSchema, request, CHANNELS.saveFile);
    const window = deps.getMainWindow();
    const options = { title: 'Enregistrer sous', defaultPath: suggestedName };
    const choice = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return false;
    await writeFileAtomic(choice.filePath, data);
    return true;
  });

  ipcMain.handle(CHANNELS.info, (event): AppInfo => {
    assertTrustedSender(event, deps);
    return { shell: 'electron', version: app.getVersion(), dataDir: app.getPath('userData') };
  });

  ipcMain.handle(CHANNELS.takeInvitation, (event): string | null => {
    assertTrustedSender(event, deps);
    return deps.inbox?.take() ?? null;
  });

  registerRelayHandlers(deps);
}

function registerRelayHandlers(deps: IpcDeps): void {
  const relay = deps.relayHost ?? new RelayHost({ dataDir: join(app.getPath('userData'), 'relay') });

  ipcMain.handle(CHANNELS.relayInterfaces, (event): RelayInterface[] => {
    assertTrustedSender(event, deps);
    return relay.interfaces();
  });

  ipcMain.handle(CHANNELS.relayStart, async (event, request: unknown): Promise<RelayUrls> => {
    assertTrustedSender(event, deps);
    const { host, port, tls } = parse(relayStartSchema, request, CHANNELS.relayStart);
    // Only an address this machine has now: the page cannot ask for 0.0.0.0 or someone else's.
    if (!relay.interfaces().some((i) => i.address === host)) {
      throw new Error(`Argument invalide pour ${CHANNELS.relayStart} (host) : adresse absente des interfaces de cette machine.`);
    }
    return relay.start({ host, port, tls: tls === true });
  });

  ipcMain.handle(CHANNELS.relayStop, async (event): Promise<void> => {
    assertTrustedSender(event, deps);
    await relay.stop();
  });

  ipcMain.handle(CHANNELS.relayStatus, (event): RelayStatus => {
    assertTrustedSender(event, deps);
    return relay.status();
  });

  // Quitting with the relay on: close it first so that the last edits it received are on disk.
  app.on('before-quit', (event) => {
    if (!relay.running) return;
    event.preventDefault();
    void relay.stop().finally(() => app.quit());
  });
}
