// The main-process side of the bridge. Each handler trusts nothing: not the caller, not the arguments.
import { app, dialog, ipcMain, shell, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { CHANNELS, type AppInfo } from './bridge';
import { isAppUrl, isSafeExternalUrl } from './security';
import { writeFileAtomic } from './services/files';

export const MAX_FILE_NAME_LENGTH = 200;
export const MAX_SAVE_BYTES = 200 * 1024 * 1024;

const urlSchema = z.string().refine(isSafeExternalUrl, { error: 'seuls les liens http(s) sans identifiants sont permis' });

const fileNameSchema = z
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

export interface IpcDeps {
  appUrl: string;
  getMainWindow(): BrowserWindow | null;
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
}
