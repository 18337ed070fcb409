// Spreadsheet formulas in imported cells. Vigie never evaluates a cell: "=HYPERLINK(…)" stays the text it
// is. Kept verbatim in free-text fields (it is what the table held, and the report flags it); refused
// where a value must be read (a link, a date, a number, a vocabulary), because there the formula's text
// is not the value the spreadsheet showed. Exports neutralise cells starting with = + - @ (CSV injection).

/** "=…" anything; or "+", "-", "@" directly followed by a function call ("+HYPERLINK(", "@SUM("). */
const FORMULA = /^[\s\u00a0]*(?:=|[+\-@][\s\u00a0]*[A-Za-z_][A-Za-z0-9_.]*[\s\u00a0]*\()/;

export function isFormula(cell: string): boolean {
  return FORMULA.test(cell);
}

/** The start of a formula for a message: « =HYPERLINK("http://… ». */
export function formulaExcerpt(cell: string): string {
  const t = cell.trim();
  return t.length > 60 ? t.slice(0, 60) + '…' : t;
}
