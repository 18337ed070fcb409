// Numbers as French spreadsheets write them: a decimal comma ("44,1036"), a dot, a sign, spaces or
// non-breaking spaces between thousands. Only whole numbers: "44,10,36" or "44.1N" are not read here
// (coordinates in degrees-minutes-seconds go through core/geo.ts).

const DECIMAL = /^[+-]?\d+(?:[.,]\d+)?(?:e[+-]?\d+)?$/i;

/** The number, or null when the text is not one decimal number. */
export function parseDecimal(raw: string): number | null {
  const text = raw.trim().replace(/[\s\u00a0\u202f]/g, '').replace('−', '-');
  if (!DECIMAL.test(text)) return null;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}
