import { parse } from 'csv-parse/sync';
import { CsvFatalError } from './errors';
import { INTENTS, type Intent } from './fields';

export type Delimiter = ',' | ';' | '\t';

/** Where each field we read sits in a row (column indexes), plus the header cells for messages. */
export type ColumnMap = {
  names: readonly string[];
  keyword: number;
  volume?: number;
  difficulty?: number;
  cpc?: number;
  /** Keyword Planner's top-of-page bid range, used when there is no CPC column. */
  cpcLow?: number;
  cpcHigh?: number;
  intent?: number;
  /** Ahrefs' one-column-per-intent TRUE/FALSE flags, in file order. */
  intentFlags: readonly { index: number; intent: Intent }[];
  country?: number;
};

export type Header = { lineIndex: number; delimiter: Delimiter; columns: ColumnMap };

/** Header cells compared without case, spaces or punctuation: "Avg. monthly searches" → "avgmonthlysearches". */
export function headerKey(cell: string): string {
  return cell.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

type Role = Exclude<keyof ColumnMap, 'names' | 'intentFlags'> | 'globalVolume';

// Our own export, Google Keyword Planner, Semrush and Ahrefs, plus common synonyms.
const ROLES: Record<string, Role> = {
  keyword: 'keyword',
  keywords: 'keyword',
  keyphrase: 'keyword',
  query: 'keyword',
  searchterm: 'keyword',
  searchquery: 'keyword',
  volume: 'volume',
  searchvolume: 'volume',
  avgmonthlysearches: 'volume',
  monthlysearches: 'volume',
  globalvolume: 'globalVolume',
  difficulty: 'difficulty',
  keyworddifficulty: 'difficulty',
  kd: 'difficulty',
  seodifficulty: 'difficulty',
  cpc: 'cpc',
  avgcpc: 'cpc',
  costperclick: 'cpc',
  topofpagebidlowrange: 'cpcLow',
  topofpagebidhighrange: 'cpcHigh',
  intent: 'intent',
  intents: 'intent',
  searchintent: 'intent',
  country: 'country',
  countrycode: 'country',
};

function roleOf(key: string): Role | undefined {
  // "CPC (USD)", "CPC (EUR)" …
  return ROLES[key] ?? (/^cpc[a-z]{3}$/.test(key) ? 'cpc' : undefined);
}

/** Maps header cells to fields; null when there is no keyword column. The first matching column wins. */
export function mapColumns(cells: readonly string[]): ColumnMap | null {
  const found: Partial<Record<Role, number>> = {};
  const intentFlags: { index: number; intent: Intent }[] = [];
  cells.forEach((cell, index) => {
    const key = headerKey(cell);
    const role = roleOf(key);
    if (role && found[role] === undefined) found[role] = index;
    const flag = INTENTS.find((intent) => intent === key);
    if (flag && !intentFlags.some((f) => f.intent === flag)) intentFlags.push({ index, intent: flag });
  });
  if (found.keyword === undefined) return null;
  const { globalVolume, ...fields } = found;
  // A country's volume is what a site targeting that country plans with; "Global volume" only stands in.
  return {
    ...fields,
    keyword: found.keyword,
    volume: found.volume ?? globalVolume,
    names: cells.map((c) => c.trim()),
    intentFlags,
  };
}

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

function splitLine(line: string, delimiter: Delimiter): string[] {
  try {
    const [cells] = parse(line, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
    return cells ?? [];
  } catch {
    return [];
  }
}

/**
 * Finds the header: the first of the first lines that, split by comma, semicolon or tab, has a
 * keyword column (Keyword Planner puts two title lines above it). When several delimiters give a
 * keyword column the one that splits the line into the most cells wins.
 * `complete` says the text is the whole file; otherwise its last, possibly cut, line is ignored.
 */
export function detectHeader(text: string, complete: boolean, maxLines: number): Header {
  const lines = text.split('\n');
  if (!complete) lines.pop();
  let firstCells: string[] | undefined;
  for (const [lineIndex, line] of lines.slice(0, maxLines).entries()) {
    if (line.trim() === '') continue;
    let best: Header | undefined;
    let widest: string[] = [];
    for (const delimiter of DELIMITERS) {
      const cells = splitLine(line, delimiter);
      if (cells.length > widest.length) widest = cells;
      const columns = mapColumns(cells);
      if (columns && (!best || cells.length > best.columns.names.length)) best = { lineIndex, delimiter, columns };
    }
    if (best) return best;
    firstCells ??= widest;
  }
  if (!firstCells) {
    if (complete) throw new CsvFatalError('empty', 'The file is empty.');
    throw new CsvFatalError('no_keyword_column', `The first ${maxLines} lines are blank; no header row was found.`, []);
  }
  const named = firstCells.map((c) => `"${c.trim()}"`).join(', ');
  throw new CsvFatalError(
    'no_keyword_column',
    `No keyword column was found in the first ${maxLines} lines; the first line has the columns ${named}. ` +
      'Name the column of keywords "keyword".',
    firstCells.map((c) => c.trim()),
  );
}
