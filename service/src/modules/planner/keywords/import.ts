import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Tx } from '../../../db/client';
import { ApiError } from '../../../http/errors';
import { CsvFatalError, parseKeywordCsv, type RowError } from '../csv/parse-keywords';
import type { Ref } from '../../../access';

/** At most this many bad lines are listed in the answer; the count of skipped rows covers the rest. */
export const MAX_REPORTED_ERRORS = 1000;

export type ImportResult = { created: number; updated: number; skipped: number; errors: RowError[]; errors_truncated: boolean };

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

/**
 * Imports a keyword CSV into a sector inside the caller's transaction, streaming: rows are parsed
 * as they arrive and COPYed into a temporary table, then merged into the sector in one statement
 * (duplicates in the file and in the sector merge case- and space-insensitively; a later line wins,
 * and a blank cell keeps what the sector had). A fatal problem throws, and the transaction rolls
 * back: nothing is half-imported.
 */
export async function importKeywords(tx: Tx, sector: Ref<'sector'>, source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<ImportResult> {
  const errors: RowError[] = [];
  let bad = 0;
  let good = 0;
  await tx`set local work_mem = '64MB'`;
  await tx`
    create temp table keyword_import (
      line int, keyword text, normalized text, volume int, difficulty int, cpc numeric, intent text, country text
    ) on commit drop`;

  async function* lines(): AsyncGenerator<string> {
    let chunk = '';
    for await (const event of parseKeywordCsv(source, { maxBytes })) {
      if (!event.ok) {
        bad++;
        if (errors.length < MAX_REPORTED_ERRORS) errors.push(event.error);
        continue;
      }
      const r = event.row;
      good++;
      chunk += [r.line, r.keyword, r.normalized, r.volume, r.difficulty, r.cpc, r.intent, r.country].map(copyField).join('\t') + '\n';
      if (chunk.length > 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }

  try {
    const copy = await tx`copy keyword_import (line, keyword, normalized, volume, difficulty, cpc, intent, country) from stdin`.writable();
    await pipeline(Readable.from(lines()), copy);
  } catch (err) {
    if (err instanceof CsvFatalError) {
      const errorsField = err.code === 'no_keyword_column' ? { file: [`Columns found: ${(err.columns ?? []).join(', ') || 'none'}.`] } : { file: [err.message] };
      throw new ApiError(FATAL_STATUS[err.code] ?? 'invalid_input', err.message, { errors: errorsField });
    }
    throw err;
  }

  const [merged] = await tx`
    with latest as (
      select distinct on (normalized) keyword, normalized, volume, difficulty, cpc, intent, country
      from keyword_import order by normalized, line desc
    ), merged as (
      insert into keywords as k (account_id, site_id, sector_id, keyword, normalized, volume, difficulty, cpc, intent, country)
      select ${sector.accountId}, ${sector.siteId}, ${sector.id}, keyword, normalized, volume, difficulty, cpc, intent, country from latest
      on conflict (sector_id, normalized) do update set
        volume = coalesce(excluded.volume, k.volume),
        difficulty = coalesce(excluded.difficulty, k.difficulty),
        cpc = coalesce(excluded.cpc, k.cpc),
        intent = coalesce(excluded.intent, k.intent),
        country = coalesce(excluded.country, k.country),
        updated_at = now()
      where (k.volume, k.difficulty, k.cpc, k.intent, k.country) is distinct from
            (coalesce(excluded.volume, k.volume), coalesce(excluded.difficulty, k.difficulty), coalesce(excluded.cpc, k.cpc),
             coalesce(excluded.intent, k.intent), coalesce(excluded.country, k.country))
      returning (xmax = 0) as inserted
    )
    select count(*) filter (where inserted)::int as created, count(*) filter (where not inserted)::int as updated from merged`;
  const created = merged!.created as number;
  const updated = merged!.updated as number;
  return { created, updated, skipped: good - created - updated + bad, errors, errors_truncated: bad > errors.length };
}
