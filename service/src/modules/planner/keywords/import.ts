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

/** COPY's text format: tab-separated, `\N` for null, backslash escapes. */
function copyField(value: string | number | null): string {
  if (value === null) return '\\N';
  return typeof value === 'number' ? String(value) : value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!);
}

/** The 4xx answer for a file that cannot be imported at all. */
export function fatalToApiError(err: CsvFatalError): ApiError {
  const errors = err.code === 'no_keyword_column' ? { file: [`Columns found: ${(err.columns ?? []).join(', ') || 'none'}.`] } : { file: [err.message] };
  return new ApiError(FATAL_STATUS[err.code] ?? 'invalid_input', err.message, { errors });
}

/**
 * Imports a keyword CSV into a sector inside the caller's transaction, streaming: rows are parsed
 * as they are read and COPYed into a temporary table, then merged into the sector in one statement
 * (see mergeImport), which sorts them to keep the last of a repeated keyword only when the file
 * repeats one. A fatal problem throws an ApiError and the transaction rolls back: nothing is
 * half-imported. `onProgress` hears the counts every `progressEvery` rows read.
 */
export async function importKeywords(
  tx: Tx,
  sector: Ref<'sector'>,
  source: AsyncIterable<Uint8Array>,
  opts: { maxBytes: number; onProgress?: (p: ImportProgress) => Promise<void>; progressEvery?: number },
): Promise<ImportResult> {
  const errors: RowError[] = [];
  const progressEvery = opts.progressEvery ?? 50_000;
  let bad = 0;
  let good = 0;
  let encoding: Encoding = 'utf-8';
  // Whether any key comes twice: only then does the merge need to sort the rows to keep the last.
  const seen = new KeyFingerprints();
  let repeats = false;
  await q.createImportTable(tx);

  async function* lines(): AsyncGenerator<string> {
    let chunk = '';
    for await (const event of parseKeywordCsv(source, { maxBytes: opts.maxBytes, onEncoding: (e) => (encoding = e) })) {
      if (event.ok) {
        const r = event.row;
        good++;
        if (!repeats && seen.addRepeat(r.normalized)) repeats = true;
        chunk += [r.line, r.keyword, r.normalized, r.volume, r.difficulty, r.cpc, r.intent, r.country].map(copyField).join('\t') + '\n';
        if (chunk.length > 64 * 1024) {
          yield chunk;
          chunk = '';
        }
      } else {
        bad++;
        if (errors.length < MAX_REPORTED_ERRORS) errors.push(event.error);
      }
      if (opts.onProgress && (good + bad) % progressEvery === 0) await opts.onProgress({ rows_read: good + bad, rows_good: good, rows_bad: bad });
    }
    if (chunk) yield chunk;
  }

  try {
    const copy = await q.copyIntoImport(tx);
    await pipeline(Readable.from(lines()), copy);
  } catch (err) {
    throw err instanceof CsvFatalError ? fatalToApiError(err) : err;
  }
  await opts.onProgress?.({ rows_read: good + bad, rows_good: good, rows_bad: bad });
  const { created, updated } = await q.mergeImport(tx, sector, { repeats });
  return { created, updated, skipped: good - created - updated + bad, errors, errors_truncated: bad > errors.length, encoding };
}
