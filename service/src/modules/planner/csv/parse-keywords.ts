import { pipeline, Readable } from 'node:stream';
import { CsvError, Parser, type Options } from 'csv-parse';
import { decodeCsvText, type Encoding } from './decode';
import { CsvFatalError } from './errors';
import { detectHeader } from './header';
import { RowReader, type ParseEvent } from './row';

export { CsvFatalError, type CsvFatalCode } from './errors';
export type { Encoding } from './decode';
export { INTENTS, normalizeKeyword, type Intent } from './fields';
export type { KeywordRow, ParseEvent, RowError } from './row';

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_CELL_CHARS = 1000;

// The header is looked for in the first lines only (Keyword Planner has two title lines above it).
const HEADER_SEARCH_LINES = 10;
const HEADER_SEARCH_CHARS = 64 * 1024;

export type ParseOptions = {
  maxBytes?: number;
  maxCellChars?: number;
  /** Told the file's encoding as soon as it is known, before the first row. */
  onEncoding?: (encoding: Encoding) => void;
};

/**
 * Streams keyword rows out of an uploaded CSV (our export, Google Keyword Planner, Semrush, Ahrefs
 * or a hand-made sheet) without holding the file: each record is yielded as it is read, good rows
 * as `{ok: true, row}` and bad ones as `{ok: false, error: {line, message}}`.
 * Throws CsvFatalError when the file as a whole cannot be read; it may do so after some rows (too
 * large, binary further in), so callers writing as they read must roll those back.
 * Duplicates are not merged here: compare `row.normalized`.
 *
 * What a row holds, for callers:
 * - volume: a whole number ≥ 0; a range ("1K – 10K") gives its lower bound; "Volume" wins over
 *   "Global volume". difficulty: a whole number 0–100. cpc: ≥ 0, rounded to cents, in the file's
 *   currency (no conversion); for Keyword Planner the mean of the low and high top-of-page bids.
 *   "Competition (indexed value)" is ad competition, not ranking difficulty, and is not read.
 * - intent: the first of the four we know (words, Semrush letters or codes, Ahrefs TRUE/FALSE
 *   columns); any other intent is null, not an error. country: ISO alpha-2, upper-case.
 * - A cell we read holding bytes that are not valid UTF-8 (in a file read as UTF-8) makes its row bad.
 * - A text cell our export escaped against formulas ('=…, '+…, '-…, '@…) loses that one quote.
 * - line: where the record starts, counting title and header lines and lines inside quoted cells.
 */
export async function* parseKeywordCsv(
  source: AsyncIterable<Uint8Array>,
  options: ParseOptions = {},
): AsyncGenerator<ParseEvent> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxCellChars = options.maxCellChars ?? DEFAULT_MAX_CELL_CHARS;
  const text = decodeCsvText(source, maxBytes, options.onEncoding);
  let parser: Parser | undefined;
  try {
    const { head, complete } = await readHead(text);
    const header = detectHeader(head, complete, HEADER_SEARCH_LINES);
    // Title lines never reach the parser, so a stray quote in them cannot swallow the data.
    const fromHeader = head.split('\n').slice(header.lineIndex).join('\n');
    // A row is capped well above any sane row so that a quote never closed cannot fill memory.
    const maxRecordChars = Math.max(64 * 1024, maxCellChars * 64);
    const position = new Position(header.lineIndex);
    const rows = new RowReader({ columns: header.columns, delimiter: header.delimiter, maxCellChars });
    let unclosedQuote: CsvError | undefined;
    const options: Options = {
      // A one-column file is one keyword per line: never split it (NUL cannot occur in the text).
      delimiter: header.columns.names.length === 1 ? '\0' : header.delimiter,
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: maxRecordChars,
      // A stream error drops the records still buffered, so the one recoverable error, a quote left
      // open at the end of the file, is taken here and reported after them; any other is fatal.
      skip_records_with_error: true,
      on_skip: (err) => {
        if (err?.code !== 'CSV_QUOTE_NOT_CLOSED') throw err;
        unclosedQuote = err;
        return undefined;
      },
    };
    parser = new EventParser(options, position, rows);
    pipeline(Readable.from(resume(fromHeader, text)), parser, () => {
      // Errors reach the reader through the parser's iterator.
    });
    try {
      for await (const event of parser as AsyncIterable<ParseEvent>) yield event;
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      const line = position.nextLine(err);
      if (err.code === 'CSV_MAX_RECORD_SIZE') {
        throw new CsvFatalError('malformed', `Line ${line}: a row runs past ${maxRecordChars} characters; a quoted cell is probably never closed.`);
      }
      throw new CsvFatalError('malformed', `Line ${line}: ${err.message}`);
    }
    if (unclosedQuote) {
      const message = 'A quoted cell that starts on this line is never closed, so this line and the ones after it were not read';
      yield { ok: false, error: { line: position.nextLine(unclosedQuote), message } };
    } else if (!position.seenRow) {
      throw new CsvFatalError('empty', 'The file has a header row but no keyword rows.');
    }
  } finally {
    if (parser) parser.destroy();
    else await text.return(undefined);
  }
}

/** Reads text until the header search window is covered or the file ends. */
async function readHead(text: AsyncGenerator<string>): Promise<{ head: string; complete: boolean }> {
  let head = '';
  let lines = 0;
  while (lines <= HEADER_SEARCH_LINES && head.length < HEADER_SEARCH_CHARS) {
    const next = await text.next();
    if (next.done) return { head, complete: true };
    head += next.value;
    for (const ch of next.value) if (ch === '\n') lines++;
  }
  return { head, complete: false };
}

async function* resume(head: string, rest: AsyncGenerator<string>): AsyncGenerator<string> {
  if (head) yield head;
  yield* rest;
}

/**
 * csv-parse's stream, turning each record into a parse event as it is parsed, so that line numbers
 * are known even when a later error ends the stream. It reads the parser's running counts itself:
 * an `on_record` hook would be handed two copies of them per record (15 % of the parse's CPU, and
 * the garbage they made).
 */
class EventParser extends Parser {
  constructor(options: Options, private readonly position: Position, private readonly rows: RowReader) {
    super(options);
  }

  override push(record: string[] | null): boolean {
    if (record === null) return super.push(null);
    const event = this.position.next(record, this.info, this.rows);
    return event === undefined || super.push(event);
  }
}

/** Follows the parser through the file to give each record its physical starting line. */
class Position {
  private isHeader = true;
  private lastEnd: number;
  private emptyLines = 0;
  seenRow = false;

  // The parser counts lines from the header; `offset` physical lines came before it.
  constructor(private readonly offset: number) {
    this.lastEnd = offset;
  }

  next(record: string[], info: { lines: number; empty_lines: number }, rows: RowReader): ParseEvent | undefined {
    const end = info.lines + this.offset;
    // info.lines is where the record ends; a quoted cell may span several lines.
    const line = end - record.reduce((n, cell) => n + newlines(cell), 0);
    this.lastEnd = end;
    this.emptyLines = info.empty_lines;
    if (this.isHeader) {
      this.isHeader = false;
      return undefined;
    }
    if (record.every((cell) => cell.trim() === '')) return undefined;
    this.seenRow = true;
    return rows.read(record, line);
  }

  /** The line after the last record, past any blank lines skipped since: where a failed record starts. */
  nextLine(err: CsvError): number {
    const emptyLines = (err as { empty_lines?: number }).empty_lines ?? this.emptyLines;
    return this.lastEnd + 1 + Math.max(0, emptyLines - this.emptyLines);
  }
}

function newlines(cell: string): number {
  let n = 0;
  for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) n++;
  return n;
}
