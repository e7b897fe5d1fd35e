import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Tx } from '../../../db/client';
import { ApiError } from '../../../http/errors';
import { CsvFatalError, type Encoding, type RowError } from '../csv/parse-keywords';
import type { Ref } from '../../../access';
import { IMPORT_BATCH_ROWS, newTally, parseImportBatches, type ParseTally } from './import-parse';
import { parseImportBatchesInThread } from './import-thread';
import * as q from './queries';

export type ImportResult = { created: number; updated: number; skipped: number; errors: RowError[]; errors_truncated: boolean; encoding: Encoding };
export type ImportProgress = { rows_read: number; rows_good: number; rows_bad: number };

const FATAL_STATUS: Record<string, 'payload_too_large' | 'invalid_input' | 'unsupported_media_type'> = {
  too_large: 'payload_too_large',
  binary: 'unsupported_media_type',
  bad_encoding: 'unsupported_media_type',
};

/** The 4xx answer for a file that cannot be imported at all. */
export function fatalToApiError(err: CsvFatalError): ApiError {
  const errors = err.code === 'no_keyword_column' ? { file: [`Columns found: ${(err.columns ?? []).join(', ') || 'none'}.`] } : { file: [err.message] };
  return new ApiError(FATAL_STATUS[err.code] ?? 'invalid_input', err.message, { errors });
}

// A transaction keeps the ids of at most 64 subtransactions in shared memory; past that every
// other session's visibility checks get slower until it ends. Each plain batch takes one.
const MAX_PLAIN_BATCHES = 48;

/**
 * Imports a keyword CSV into a sector inside the caller's transaction, streaming: rows are parsed
 * as they are read, and every IMPORT_BATCH_ROWS rows (fewer at first) the batch is COPYed into a
 * temporary table and inserted into the sector (see insertImportBatch) while the next batch is
 * parsed. Keywords that the file repeats, and every batch from the first that meets a keyword the
 * sector has, wait for one final merge that knows the whole file (see finishImportMerge). A fatal
 * problem throws an ApiError and the transaction rolls back: nothing is half-imported.
 * `onProgress` hears the counts every `progressEvery` rows read. `inThread` parses in a thread of
 * its own (see import-thread.ts).
 */
export async function importKeywords(
  tx: Tx,
  sector: Ref<'sector'>,
  source: AsyncIterable<Uint8Array>,
  opts: { maxBytes: number; onProgress?: (p: ImportProgress) => Promise<void>; progressEvery?: number; batchRows?: number; inThread?: boolean },
): Promise<ImportResult> {
  const batchOptions = {
    maxBytes: opts.maxBytes,
    batchRows: opts.batchRows ?? IMPORT_BATCH_ROWS,
    progressEvery: opts.progressEvery ?? 50_000,
    onProgress: opts.onProgress && ((t: ParseTally) => opts.onProgress!({ rows_read: t.good + t.bad, rows_good: t.good, rows_bad: t.bad })),
  };
  const tally = newTally();
  // The ids under which this import inserts keywords (see finishImportMerge).
  const ours: string[] = [];
  await q.createImportTables(tx);
  // Batches go in as plain inserts until one finds a keyword the sector has; from then on, and
  // past MAX_PLAIN_BATCHES, the rows wait for the final merge.
  let plain = 0;
  let conflicted = false;
  let rest = false;

  let created = 0;
  const parsed = opts.inThread ? parseImportBatchesInThread(source, batchOptions, tally) : parseImportBatches(source, batchOptions, tally);
  try {
    // The next batch is parsed while the database inserts this one.
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
  const { good, bad, errors, repeats, encoding } = tally;
  await opts.onProgress?.({ rows_read: good + bad, rows_good: good, rows_bad: bad });
  const merged = rest ? await q.finishImportMerge(tx, sector, ours, { repeats }) : { created: 0, updated: 0 };
  created += merged.created;
  return { created, updated: merged.updated, skipped: good - created - merged.updated + bad, errors, errors_truncated: bad > errors.length, encoding };
}
