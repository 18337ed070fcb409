// IPC channel of printing to PDF (src-main/print.ts ↔ src-main/preload.ts), apart from the handler so
// the preload imports only this string.
export const PRINT_CHANNELS = {
  printToPdf: 'vigie:print-to-pdf',
} as const;
