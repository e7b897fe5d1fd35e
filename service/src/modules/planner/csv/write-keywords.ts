import { escapeFormula } from './formula';

/** The columns of the keyword export, in order; parseKeywordCsv reads the file back. */
export const EXPORT_COLUMNS = ['keyword', 'volume', 'difficulty', 'cpc', 'intent', 'country', 'status', 'cluster'] as const;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  // Numbers are data, not text a spreadsheet could run: a negative number stays a number.
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  const text = escapeFormula(value instanceof Date ? value.toISOString() : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * One CSV line (RFC 4180 quoting, CRLF ending). Text cells that a spreadsheet would treat as a
 * formula (starting with =, +, -, @, tab or CR) get a leading single quote, which the import strips
 * again. Pass figures as numbers: numeric strings such as "-1" are text and get escaped.
 */
export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
