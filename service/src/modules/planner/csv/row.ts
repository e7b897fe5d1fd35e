import { cleanKeyword, isTruthyFlag, MAX_KEYWORD_CHARS, normalizeKeyword, parseCountry, parseIntent, type Intent } from './fields';
import { unescapeFormula } from './formula';
import type { ColumnMap } from './header';
import { parseNumber, type NumberKind } from './numbers';

export type KeywordRow = {
  /** Physical line (1-based, title and header lines counted) where the row starts. */
  line: number;
  keyword: string;
  /** The duplicate key: see normalizeKeyword. */
  normalized: string;
  volume: number | null;
  difficulty: number | null;
  cpc: number | null;
  intent: Intent | null;
  country: string | null;
};
export type RowError = { line: number; message: string };
export type ParseEvent = { ok: true; row: KeywordRow } | { ok: false; error: RowError };

// Postgres `integer`; no keyword comes near it, so more is a misread column.
const MAX_VOLUME = 2_147_483_647;

export type RowContext = { columns: ColumnMap; decimalComma: boolean; maxCellChars: number };

function quoted(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `"${shown}"`;
}

/** Turns one CSV record into a keyword row, or into the list of what is wrong with it. */
export function toEvent(record: readonly string[], line: number, ctx: RowContext): ParseEvent {
  const { columns, decimalComma, maxCellChars } = ctx;
  const problems: string[] = [];
  const name = (index: number) => columns.names[index] || `column ${index + 1}`;
  const cell = (index: number | undefined) => (index === undefined ? '' : unescapeFormula(record[index] ?? ''));

  // Only the columns we read are checked; a long cell elsewhere (SERP features…) is not our concern.
  const read = [columns.keyword, columns.volume, columns.difficulty, columns.cpc, columns.cpcLow, columns.cpcHigh, columns.intent, columns.country];
  for (const index of [...read, ...columns.intentFlags.map((f) => f.index)]) {
    if (index !== undefined && (record[index]?.length ?? 0) > maxCellChars) {
      problems.push(`${name(index)} is longer than ${maxCellChars} characters`);
    }
  }
  if (problems.length > 0) return { ok: false, error: { line, message: problems.join('; ') } };

  const number = (index: number | undefined, kind: NumberKind): number | null => {
    if (index === undefined) return null;
    const parsed = parseNumber(cell(index), kind, decimalComma);
    if (!parsed.ok) problems.push(`${name(index)} ${quoted(cell(index).trim())} ${parsed.reason}`);
    else if (parsed.value !== null && parsed.value < 0) problems.push(`${name(index)} ${quoted(cell(index).trim())} is negative`);
    else return parsed.value;
    return null;
  };

  const keyword = cleanKeyword(cell(columns.keyword));
  if (keyword === '') problems.push(`${name(columns.keyword)} is empty`);
  else if ([...keyword].length > MAX_KEYWORD_CHARS) problems.push(`${name(columns.keyword)} is longer than ${MAX_KEYWORD_CHARS} characters`);

  let volume = number(columns.volume, 'count');
  if (volume !== null) {
    volume = Math.round(volume);
    if (volume > MAX_VOLUME) problems.push(`${name(columns.volume!)} ${quoted(cell(columns.volume).trim())} is too large`);
  }

  let difficulty = number(columns.difficulty, 'decimal');
  if (difficulty !== null) {
    // Every tool publishes difficulty as a whole 0–100 score.
    difficulty = Math.round(difficulty);
    if (difficulty > 100) problems.push(`${name(columns.difficulty!)} ${quoted(cell(columns.difficulty).trim())} is not between 0 and 100`);
  }

  let cpc: number | null;
  if (columns.cpc !== undefined || (columns.cpcLow === undefined && columns.cpcHigh === undefined)) {
    cpc = number(columns.cpc, 'decimal');
  } else {
    // Keyword Planner gives the 20th and 80th percentile of top-of-page bids; their mean estimates
    // the typical bid, which is what Semrush's and Ahrefs' "CPC" mean, so imports stay comparable.
    const bids = [number(columns.cpcLow, 'decimal'), number(columns.cpcHigh, 'decimal')].filter((b) => b !== null);
    cpc = bids.length > 0 ? bids.reduce((a, b) => a + b, 0) / bids.length : null;
  }
  if (cpc !== null) cpc = Math.round(cpc * 100) / 100;

  let intent = columns.intent === undefined ? null : parseIntent(cell(columns.intent));
  intent ??= columns.intentFlags.find((f) => isTruthyFlag(cell(f.index)))?.intent ?? null;

  let country: string | null = null;
  if (columns.country !== undefined) {
    const parsed = parseCountry(cell(columns.country));
    if (parsed.ok) country = parsed.value;
    else problems.push(`${name(columns.country)} ${quoted(cell(columns.country).trim())} ${parsed.reason}`);
  }

  if (problems.length > 0) return { ok: false, error: { line, message: problems.join('; ') } };
  return {
    ok: true,
    row: { line, keyword, normalized: normalizeKeyword(keyword), volume, difficulty, cpc, intent, country },
  };
}
