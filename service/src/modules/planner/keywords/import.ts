import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Tx } from '../../../db/client';
import { ApiError } from '../../../http/errors';
import { CsvFatalError, parseKeywordCsv, type Encoding, type RowError } from '../csv/parse-keywords';
import type { Ref } from '../../../access';
import { KeyFingerprints } from './key-fingerprints';
import * as q from './queries';

/** At most this many bad lines are listed in the answer; the count of skipped rows covers the rest. */
export const MAX_REPORTED_ERRORS = 1000;

export type ImportResult = { created: number; updated: number; skipped: number; errors: RowError[]; errors_truncated: boolean; encoding: Encoding };
export type ImportProgress = { rows_read: number; rows_good: number; rows_bad: number };

const FATAL_STATUS: Record<string, 'payload_too_large' | 'invalid_input' | 'unsupported_media_type'> = {
  too_large: 'payload_too_large',
  binary: 'unsupported_media_type',
  bad_encoding: 'unsupported_media_type',
};

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
  private buf = Buffer.allocUnsafe(1 << 20);
  private length = 0;

  add(text: string) {
    // At most three bytes of UTF-8 for each UTF-16 unit.
    if (this.length + text.length * 3 > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + text.length * 3));
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

/** The 4xx answer for a file that cannot be imported at all. */
export function fatalToApiError(err: CsvFatalError): ApiError {
  const errors = err.code === 'no_keyword_column' ? { file: [`Columns found: ${(err.columns ?? []).join(', ') || 'none'}.`] } : { file: [err.message] };
  return new ApiError(FATAL_STATUS[err.code] ?? 'invalid_input', err.message, { errors });
}

/** Rows COPYed and inserted per statement: one batch is merged while the next is parsed. */
export const IMPORT_BATCH_ROWS = 25_000;

/** Rows parsed between two turns of the event loop (see batches()). */
const YIELD_EVERY_ROWS = 1000;

// A transaction keeps the ids of at most 64 subtransactions in shared memory; past that every
// other session's visibility checks get slower until it ends. Each plain batch takes one.
const MAX_PLAIN_BATCHES = 48;

type Batch = { text: Buffer; rows: number; repeats: number };

/**
 * Imports a keyword CSV into a sector inside the caller's transaction, streaming: rows are parsed
 * as they are read, and every IMPORT_BATCH_ROWS rows the batch is COPYed into a temporary table
 * and inserted into the sector (see insertImportBatch) while the next batch is parsed. Keywords
 * that the file repeats, and every batch from the first that meets a keyword the sector has, wait
 * for one final merge that knows the whole file (see finishImportMerge). A fatal problem throws an
 * ApiError and the transaction rolls back: nothing is half-imported. `onProgress` hears the counts
 * every `progressEvery` rows read.
 */
export async function importKeywords(
  tx: Tx,
  sector: Ref<'sector'>,
  source: AsyncIterable<Uint8Array>,
  opts: { maxBytes: number; onProgress?: (p: ImportProgress) => Promise<void>; progressEvery?: number; batchRows?: number },
): Promise<ImportResult> {
  const errors: RowError[] = [];
  const progressEvery = opts.progressEvery ?? 50_000;
  const batchRows = opts.batchRows ?? IMPORT_BATCH_ROWS;
  let bad = 0;
  let good = 0;
  let encoding: Encoding = 'utf-8';
  // Whether a key came before: such a row waits for the final merge, which keeps the last one.
  const seen = new KeyFingerprints();
  let repeats = false;
  // The ids under which this import inserts keywords (see finishImportMerge).
  const ours: string[] = [];
  await q.createImportTables(tx);
  // Batches go in as plain inserts until one finds a keyword the sector has; from then on, and
  // past MAX_PLAIN_BATCHES, the rows wait for the final merge.
  let plain = 0;
  let conflicted = false;
  let rest = false;

  async function* batches(): AsyncGenerator<Batch> {
    // A batch's text is read by the COPY before the batch after it is asked for (see below), so
    // two buffers in turn are enough.
    const texts = [new CopyText(), new CopyText()];
    let text = texts[0]!;
    let batch = { rows: 0, repeats: 0 };
    for await (const event of parseKeywordCsv(source, { maxBytes: opts.maxBytes, onEncoding: (e) => (encoding = e) })) {
      if (event.ok) {
        const r = event.row;
        good++;
        const repeat = seen.addRepeat(r.normalized);
        batch.rows++;
        if (repeat) {
          repeats = true;
          batch.repeats++;
        }
        text.add(`${r.line}\t${copyField(r.keyword)}\t${copyField(r.normalized)}\t${copyField(r.volume)}\t${copyField(r.difficulty)}\t` +
          `${copyField(r.cpc)}\t${copyField(r.intent)}\t${copyField(r.country)}\t${repeat ? 't' : 'f'}\n`);
        if (batch.rows >= batchRows) {
          yield { text: text.bytes(), ...batch };
          text = text === texts[0] ? texts[1]! : texts[0]!;
          text.reset();
          batch = { rows: 0, repeats: 0 };
        }
      } else {
        bad++;
        if (errors.length < MAX_REPORTED_ERRORS) errors.push(event.error);
      }
      if (opts.onProgress && (good + bad) % progressEvery === 0) await opts.onProgress({ rows_read: good + bad, rows_good: good, rows_bad: bad });
      // Parsing rows already in memory runs on promises that never give way to I/O: without this
      // pause the database's answer for the batch being inserted waits until this batch is done.
      if ((good + bad) % YIELD_EVERY_ROWS === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    if (batch.rows > 0) yield { text: text.bytes(), ...batch };
  }

  let created = 0;
  const parsed = batches();
  try {
    // The next batch is parsed (in this process) while the database inserts this one.
    let next = parsed.next();
    for (;;) {
      // Handled here for the moment it may fail while a batch is being inserted; awaited below.
      next.catch(() => {});
      const { value: batch, done } = await next;
      if (done) break;
      next = parsed.next();
      const deferred = conflicted || plain >= MAX_PLAIN_BATCHES;
      await pipeline(Readable.from([batch.text]), await q.copyIntoImport(tx, deferred ? 'rest' : 'batch'));
      if (deferred) {
        rest = true;
        continue;
      }
      plain++;
      const inserted = await q.insertImportBatch(tx, sector, ours, batch);
      if (inserted === null) conflicted = rest = true;
      else created += inserted;
      if (batch.repeats > 0) rest = true;
    }
  } catch (err) {
    await parsed.return(undefined).catch(() => {});
    throw err instanceof CsvFatalError ? fatalToApiError(err) : err;
  }
  await opts.onProgress?.({ rows_read: good + bad, rows_good: good, rows_bad: bad });
  const merged = rest ? await q.finishImportMerge(tx, sector, ours, { repeats }) : { created: 0, updated: 0 };
  created += merged.created;
  return { created, updated: merged.updated, skipped: good - created - merged.updated + bad, errors, errors_truncated: bad > errors.length, encoding };
}
