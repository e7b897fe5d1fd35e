import { parseKeywordCsv, type Encoding, type RowError } from '../csv/parse-keywords';
import { KeyFingerprints } from './key-fingerprints';

/** At most this many bad lines are listed in the answer; the count of skipped rows covers the rest. */
export const MAX_REPORTED_ERRORS = 1000;

/** Rows COPYed and inserted per statement: one batch is merged while the next is parsed. */
export const IMPORT_BATCH_ROWS = 25_000;

// The database waits for the first batch with nothing to do; batches then double up to batchRows,
// each parsed in less time than the database takes to insert the one before.
const FIRST_BATCH_ROWS = 2_000;

/** Rows parsed between two turns of the event loop (see parseImportBatches). */
const YIELD_EVERY_ROWS = 1000;

/**
 * COPY text lines of (line, keyword, normalized, volume, difficulty, cpc, intent, country, repeat),
 * and the normalized keyword of the first row that is not a repeat (null when every row is).
 */
export type ParsedBatch = { text: Uint8Array; rows: number; repeats: number; first: string | null };

/** What the parse has seen so far, kept up to date as batches are yielded. */
export type ParseTally = { good: number; bad: number; errors: RowError[]; repeats: boolean; encoding: Encoding };

export type ParseBatchOptions = {
  maxBytes: number;
  batchRows: number;
  progressEvery: number;
  /** Called every `progressEvery` rows read. */
  onProgress?: (tally: ParseTally) => void | Promise<void>;
  /** Batch texts in shared memory, for a thread to hand them on without copying them. */
  shared?: boolean;
};

export const newTally = (): ParseTally => ({ good: 0, bad: 0, errors: [], repeats: false, encoding: 'utf-8' });

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** A value in COPY's text format: tab-separated, `\N` for null, backslash escapes. */
function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return NEEDS_ESCAPE.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;
}

/**
 * A batch's COPY text, encoded as it is written into a buffer that the batch after next reuses:
 * held as strings, every batch's text outlived the young generation and grew the heap that much.
 */
class CopyText {
  private buf: Buffer;
  private length = 0;

  constructor(private readonly allocate: (bytes: number) => Buffer) {
    this.buf = allocate(1 << 20);
  }

  add(text: string) {
    // At most three bytes of UTF-8 for each UTF-16 unit.
    if (this.length + text.length * 3 > this.buf.length) {
      const bigger = this.allocate(Math.max(this.buf.length * 2, this.length + text.length * 3));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    this.length += this.buf.write(text, this.length);
  }

  /** The text so far; valid until the next reset(). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  reset() {
    this.length = 0;
  }
}

const allocateShared = (bytes: number) => Buffer.from(new SharedArrayBuffer(bytes));

/**
 * Parses a keyword CSV into batches of COPY text, `batchRows` good rows each once past the first
 * smaller ones (see FIRST_BATCH_ROWS), counting good and bad rows into `tally` and listing the
 * first MAX_REPORTED_ERRORS bad ones. A row whose keyword came earlier in the file is marked
 * `repeat`, so that only the last line of a keyword wins. A batch's text is valid until the batch
 * after next is asked for. Throws CsvFatalError as parseKeywordCsv does.
 */
export async function* parseImportBatches(source: AsyncIterable<Uint8Array>, opts: ParseBatchOptions, tally: ParseTally): AsyncGenerator<ParsedBatch> {
  // Whether a key came before: such a row waits for the final merge, which keeps the last one.
  const seen = new KeyFingerprints();
  // A batch's text is read by the COPY before the batch after it is asked for, so two buffers in
  // turn are enough.
  const allocate = opts.shared ? allocateShared : Buffer.allocUnsafe;
  const texts = [new CopyText(allocate), new CopyText(allocate)];
  let text = texts[0]!;
  let batch: Omit<ParsedBatch, 'text'> = { rows: 0, repeats: 0, first: null };
  let batchRows = Math.min(FIRST_BATCH_ROWS, opts.batchRows);
  for await (const event of parseKeywordCsv(source, { maxBytes: opts.maxBytes, onEncoding: (e) => (tally.encoding = e) })) {
    if (event.ok) {
      const r = event.row;
      tally.good++;
      const repeat = seen.addRepeat(r.normalized);
      batch.rows++;
      if (repeat) {
        tally.repeats = true;
        batch.repeats++;
      } else if (batch.first === null) batch.first = r.normalized;
      text.add(`${r.line}\t${copyField(r.keyword)}\t${copyField(r.normalized)}\t${copyField(r.volume)}\t${copyField(r.difficulty)}\t` +
        `${copyField(r.cpc)}\t${copyField(r.intent)}\t${copyField(r.country)}\t${repeat ? 't' : 'f'}\n`);
      if (batch.rows >= batchRows) {
        yield { text: text.bytes(), ...batch };
        batchRows = Math.min(batchRows * 2, opts.batchRows);
        text = text === texts[0] ? texts[1]! : texts[0]!;
        text.reset();
        batch = { rows: 0, repeats: 0, first: null };
      }
    } else {
      tally.bad++;
      if (tally.errors.length < MAX_REPORTED_ERRORS) tally.errors.push(event.error);
    }
    const read = tally.good + tally.bad;
    if (opts.onProgress && read % opts.progressEvery === 0) await opts.onProgress(tally);
    // Parsing rows already in memory runs on promises that never give way to I/O: without this
    // pause the database's answer for the batch being inserted waits until this batch is done.
    if (read % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  if (batch.rows > 0) yield { text: text.bytes(), ...batch };
}
