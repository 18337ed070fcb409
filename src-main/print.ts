// The main-process side of printing (platform printToPdf): Chromium's printToPDF of our own window's
// page, laid out by its print styles (A4, the page's own @page rules), then saved where the user picks.
// Same rules as every handler: our window and page only, the one argument (a file name) validated, the
// bytes never come from the page.
import { dialog, ipcMain } from 'electron';
import { z } from 'zod';
import { assertTrustedSender, fileNameSchema, type IpcDeps } from './ipc';
import { PRINT_CHANNELS } from './print-channels';
import { writeFileAtomic } from './services/files';

const requestSchema = z.strictObject({
  suggestedName: fileNameSchema.refine((name) => name.toLowerCase().endsWith('.pdf'), { error: 'le nom doit finir par .pdf' }),
});

/** What printToPDF is asked: the page's CSS decides the size (A4) and margins; backgrounds kept (the map). */
export const PDF_OPTIONS = { pageSize: 'A4', printBackground: true, preferCSSPageSize: true, landscape: false } as const;

export function registerPrintHandlers(deps: Pick<IpcDeps, 'appUrl' | 'getMainWindow'>): void {
  ipcMain.handle(PRINT_CHANNELS.printToPdf, async (event, request: unknown): Promise<boolean> => {
    assertTrustedSender(event, deps);
    const parsed = requestSchema.safeParse(request);
    if (!parsed.success) throw new Error(`Argument invalide pour ${PRINT_CHANNELS.printToPdf} : ${parsed.error.issues[0]?.message ?? 'refusé'}.`);
    const window = deps.getMainWindow()!;
    // Printed before the dialog: the page as the user sees it when they asked, not after.
    const pdf = await window.webContents.printToPDF(PDF_OPTIONS);
    const choice = await dialog.showSaveDialog(window, { title: 'Enregistrer le PDF', defaultPath: parsed.data.suggestedName, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (choice.canceled || !choice.filePath) return false;
    await writeFileAtomic(choice.filePath, new Uint8Array(pdf));
    return true;
  });
}
