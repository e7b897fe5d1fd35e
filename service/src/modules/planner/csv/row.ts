import { cleanKeyword, isTruthyFlag, MAX_KEYWORD_CHARS, normalizeKeyword, parseCountry, parseIntent, type Intent } from './fields';
import { unescapeFormula } from './formula';
import type { ColumnMap, Delimiter } from './header';
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

export type RowContext = { columns: ColumnMap; delimiter: Delimiter; maxCellChars: number };

const DELIMITER_NAMES: Record<Delimiter, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

function quoted(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `"${shown}"`;
}

/** Turns CSV records of one file into keyword rows, or into the list of what is wrong with them. */
export class RowReader {
  private readonly columns: ColumnMap;
  private readonly decimalComma: boolean;
  private readonly delimiter: Delimiter;
  private readonly maxCellChars: number;
  // Only the columns we read are checked; a long cell elsewhere (SERP features…) is not our concern.
  private readonly checked: readonly number[];

  constructor(ctx: RowContext) {
    this.columns = ctx.columns;
    this.delimiter = ctx.delimiter;
    // Semicolon files come from locales that write decimal commas.
    this.decimalComma = ctx.delimiter === ';';
    this.maxCellChars = ctx.maxCellChars;
    const c = ctx.columns;
    this.checked = [c.keyword, c.volume, c.difficulty, c.cpc, c.cpcLow, c.cpcHigh, c.intent, c.country, ...c.intentFlags.map((f) => f.index)].filter(
      (index) => index !== undefined,
    );
  }

  read(record: readonly string[], line: number): ParseEvent {
    const { columns, maxCellChars } = this;
    const problems: string[] = [];
    for (const index of this.checked) {
      if ((record[index]?.length ?? 0) > maxCellChars) problems.push(`${this.name(index)} is longer than ${maxCellChars} characters`);
      // The decoder's replacement character: bytes of this cell are not valid UTF-8.
      else if (record[index]?.includes('\ufffd')) problems.push(`${this.name(index)} has bytes that are not valid UTF-8 (is it saved in another encoding?)`);
    }
    if (problems.length > 0) return { ok: false, error: { line, message: problems.join('; ') } };
    // Extra filled cells mostly mean a delimiter inside an unquoted cell ("1,200" in a comma file),
    // which shifts every later cell: better refused than read into the wrong columns.
    const width = columns.names.length;
    if (record.length > width && record.slice(width).some((c) => c.trim() !== '')) {
      const name = DELIMITER_NAMES[this.delimiter];
      const message = `the row has ${record.length} cells but the header has ${width}; put cells that contain a ${name} in double quotes`;
      return { ok: false, error: { line, message } };
    }

    const keyword = cleanKeyword(cell(record, columns.keyword));
    if (keyword === '') problems.push(`${this.name(columns.keyword)} is empty`);
    else if ([...keyword].length > MAX_KEYWORD_CHARS) {
      problems.push(`${this.name(columns.keyword)} is longer than ${MAX_KEYWORD_CHARS} characters`);
    }

    let volume = this.number(record, columns.volume, 'count', problems);
    if (volume !== null) {
      volume = Math.round(volume);
      if (volume > MAX_VOLUME) problems.push(this.problem(record, columns.volume!, 'is too large'));
    }

    let difficulty = this.number(record, columns.difficulty, 'decimal', problems);
    if (difficulty !== null) {
      // Every tool publishes difficulty as a whole 0–100 score.
      difficulty = Math.round(difficulty);
      if (difficulty > 100) problems.push(this.problem(record, columns.difficulty!, 'is not between 0 and 100'));
    }

    let cpc: number | null;
    if (columns.cpc !== undefined || (columns.cpcLow === undefined && columns.cpcHigh === undefined)) {
      cpc = this.number(record, columns.cpc, 'decimal', problems);
    } else {
      // Keyword Planner gives the 20th and 80th percentile of top-of-page bids; their mean estimates
      // the typical bid, which is what Semrush's and Ahrefs' "CPC" mean, so imports stay comparable.
      const bids = [this.number(record, columns.cpcLow, 'decimal', problems), this.number(record, columns.cpcHigh, 'decimal', problems)];
      const known = bids.filter((b) => b !== null);
      cpc = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : null;
    }
    if (cpc !== null) cpc = Math.round(cpc * 100) / 100;

    let intent: Intent | null = columns.intent === undefined ? null : parseIntent(cell(record, columns.intent));
    intent ??= columns.intentFlags.find((f) => isTruthyFlag(cell(record, f.index)))?.intent ?? null;

    let country: string | null = null;
    if (columns.country !== undefined) {
      const parsed = parseCountry(cell(record, columns.country));
      if (parsed.ok) country = parsed.value;
      else problems.push(this.problem(record, columns.country, parsed.reason));
    }

    if (problems.length > 0) return { ok: false, error: { line, message: problems.join('; ') } };
    return { ok: true, row: { line, keyword, normalized: normalizeKeyword(keyword), volume, difficulty, cpc, intent, country } };
  }

  /** A non-negative figure, or null after noting why the cell is not one. */
  private number(record: readonly string[], index: number | undefined, kind: NumberKind, problems: string[]): number | null {
    if (index === undefined) return null;
    const parsed = parseNumber(cell(record, index), kind, this.decimalComma);
    if (!parsed.ok) problems.push(this.problem(record, index, parsed.reason));
    else if (parsed.value !== null && parsed.value < 0) problems.push(this.problem(record, index, 'is negative'));
    else return parsed.value;
    return null;
  }

  /** Names the column as the file does and shows the value: `Volume "-5" is negative`. */
  private problem(record: readonly string[], index: number, reason: string): string {
    return `${this.name(index)} ${quoted(cell(record, index).trim())} ${reason}`;
  }

  private name(index: number): string {
    return this.columns.names[index] || `column ${index + 1}`;
  }
}

function cell(record: readonly string[], index: number | undefined): string {
  return index === undefined ? '' : unescapeFormula(record[index] ?? '');
}
