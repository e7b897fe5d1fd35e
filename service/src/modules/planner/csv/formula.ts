// OWASP's list of characters that make a spreadsheet treat a cell as a formula.
const FORMULA_START = /^'*[=+\-@\t\r]/;

/**
 * Prefixes a text cell with a single quote when a spreadsheet would run it as a formula. Cells that
 * already start with quotes before such a character get one more, so `unescapeFormula` can strip
 * exactly one and every text survives the round trip.
 */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Undoes `escapeFormula`: drops one leading quote when quotes lead to a formula character. */
export function unescapeFormula(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}
