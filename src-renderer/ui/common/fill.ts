// A feature's string with its {{name}} slots filled (the export, map and workflow strings files keep
// their words beside their code; this is the one filler they share).
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
}
