import type { Keyword, KeywordImport, KeywordListQuery } from '@igny8/shared';
import type { Tx } from '../../../db/client';
import type { DbRow } from '../../../db/rows';

export type KeywordRow = DbRow<Keyword>;
export type ImportRow = DbRow<KeywordImport>;
import { containsPattern } from '../../../db/like';

export const KEYWORD_COLUMNS = [
  'id', 'account_id', 'site_id', 'sector_id', 'keyword', 'volume', 'difficulty', 'cpc', 'intent', 'country', 'status',
  'cluster_id', 'cluster_locked', 'created_at', 'updated_at',
];

// Every ordering ends with the id so that pages never overlap or skip rows with equal values.
const ORDERINGS: Record<string, string> = {
  volume: 'volume asc nulls first, id',
  '-volume': 'volume desc nulls last, id',
  keyword: 'keyword asc, id',
  '-keyword': 'keyword desc, id desc',
  difficulty: 'difficulty asc nulls first, id',
  '-difficulty': 'difficulty desc nulls last, id',
  cpc: 'cpc asc nulls first, id',
  '-cpc': 'cpc desc nulls last, id',
  created_at: 'created_at asc, id',
  '-created_at': 'created_at desc, id',
};

/**
 * `accountId` repeats the row-level-security boundary as a plain condition: the policy reads the
 * account from a setting the planner cannot see, so without it a million-keyword account is
 * planned like a hundred-keyword one (bitmap scans and sorts instead of walking the ordered index).
 */
function filters(tx: Tx, f: KeywordListQuery, accountId: string | null) {
  return tx`
    where true
    ${accountId ? tx`and account_id = ${accountId}` : tx``}
    ${f.site_id ? tx`and site_id = ${f.site_id}` : tx``}
    ${f.sector_id ? tx`and sector_id = ${f.sector_id}` : tx``}
    ${f.cluster_id ? tx`and cluster_id = ${f.cluster_id}` : tx``}
    ${f.unclustered === true ? tx`and cluster_id is null` : f.unclustered === false ? tx`and cluster_id is not null` : tx``}
    ${f.status ? tx`and status = ${f.status}` : tx``}
    ${f.intent ? tx`and intent = ${f.intent}` : tx``}
    ${f.search ? tx`and keyword ilike ${containsPattern(f.search)}` : tx``}
    ${f.min_volume !== undefined ? tx`and volume >= ${f.min_volume}` : tx``}
    ${f.max_volume !== undefined ? tx`and volume <= ${f.max_volume}` : tx``}
    ${f.min_difficulty !== undefined ? tx`and difficulty >= ${f.min_difficulty}` : tx``}
    ${f.max_difficulty !== undefined ? tx`and difficulty <= ${f.max_difficulty}` : tx``}`;
}

/** A filtered list counts its matches this many pages past the one asked for, and no further. */
export const PAGES_AHEAD = 10;

/**
 * A page of keywords and their total. Totals of whole sectors, sites or the account are exact and
 * instant (kept in keyword_counts). Other filters are counted along the page's own ordering up to
 * PAGES_AHEAD pages further, so a page costs about as much as reading those pages whatever the
 * table's size; past that the total is a lower bound (`exact: false`).
 */
export async function listKeywords(tx: Tx, f: KeywordListQuery, page: { limit: number; offset: number }, accountId: string | null) {
  const where = filters(tx, f, accountId);
  const order = ORDERINGS[f.ordering] ?? ORDERINGS['-volume']!;
  const { cluster_id, unclustered, status, intent, search, min_volume, max_volume, min_difficulty, max_difficulty } = f;
  const cap = page.offset + page.limit * (1 + PAGES_AHEAD);
  const onlyPlace = [cluster_id, unclustered, status, intent, search, min_volume, max_volume, min_difficulty, max_difficulty].every((v) => v === undefined);
  const [rows, [counted]] = await Promise.all([
    tx<KeywordRow[]>`select ${tx(KEYWORD_COLUMNS)} from keywords ${where} order by ${tx.unsafe(order)} limit ${page.limit} offset ${page.offset}`,
    onlyPlace
      ? tx`select coalesce(sum(n), 0)::bigint as n from keyword_counts where true
           ${accountId ? tx`and account_id = ${accountId}` : tx``} ${f.site_id ? tx`and site_id = ${f.site_id}` : tx``} ${f.sector_id ? tx`and sector_id = ${f.sector_id}` : tx``}`
      : // The ordering makes the scan walk the page's index and stop at the cap; without it the
        // planner may build a bitmap over the whole account first.
        tx`select count(*)::int as n from (select 1 from keywords ${where} order by ${tx.unsafe(order)} limit ${cap + 1}) capped`,
  ]);
  const n = counted!.n as number;
  return { results: rows, count: onlyPlace ? n : Math.min(n, cap), exact: onlyPlace || n <= cap };
}

export async function getKeyword(tx: Tx, id: string) {
  const [row] = await tx<KeywordRow[]>`select ${tx(KEYWORD_COLUMNS)} from keywords where id = ${id}`;
  return row ?? null;
}

export type KeywordValues = {
  keyword: string;
  normalized: string;
  volume?: number | null | undefined;
  difficulty?: number | null | undefined;
  cpc?: number | null | undefined;
  intent?: string | null | undefined;
  country?: string | null | undefined;
};

export async function insertKeywords(tx: Tx, sector: { id: string; siteId: string; accountId: string }, values: KeywordValues[]) {
  const rows = values.map((v) => ({
    account_id: sector.accountId,
    site_id: sector.siteId,
    sector_id: sector.id,
    keyword: v.keyword,
    normalized: v.normalized,
    volume: v.volume ?? null,
    difficulty: v.difficulty ?? null,
    cpc: v.cpc ?? null,
    intent: v.intent ?? null,
    country: v.country ?? null,
  }));
  return tx<KeywordRow[]>`insert into keywords ${tx(rows)} returning ${tx(KEYWORD_COLUMNS)}`;
}

/** The normalized forms among `normalized` that the sector already holds. */
export async function existingInSector(tx: Tx, sectorId: string, normalized: string[]) {
  const rows = await tx`select normalized from keywords where sector_id = ${sectorId} and normalized = any(${normalized}::text[])`;
  return new Set(rows.map((r) => r.normalized as string));
}

export async function updateKeyword(tx: Tx, id: string, set: Record<string, unknown>) {
  if (Object.keys(set).length === 0) return getKeyword(tx, id);
  const [row] = await tx<KeywordRow[]>`update keywords set ${tx(set)}, updated_at = now() where id = ${id} returning ${tx(KEYWORD_COLUMNS)}`;
  return row ?? null;
}

export async function deleteKeywords(tx: Tx, ids: string[]) {
  const rows = await tx`delete from keywords where id = any(${ids}::uuid[]) returning id, cluster_id`;
  return rows.map((r) => ({ id: r.id as string, clusterId: r.cluster_id as string | null }));
}

export async function visibleKeywordIds(tx: Tx, ids: string[]) {
  const rows = await tx`select id from keywords where id = any(${ids}::uuid[])`;
  return new Set(rows.map((r) => r.id as string));
}

// ---- CSV import: rows are COPYed batch by batch into a temporary table; a batch's new keywords go
// straight into the sector, and the rows that need the whole file first wait for one final merge.

export const IMPORT_COLUMNS = ['line', 'keyword', 'normalized', 'volume', 'difficulty', 'cpc', 'intent', 'country', 'repeat'] as const;

type SectorPlace = { id: string; siteId: string; accountId: string };

/**
 * Creates the import's temporary tables: `keyword_import` holds one batch at a time,
 * `keyword_import_rest` the rows left for finishImportMerge.
 */
export async function createImportTables(tx: Tx) {
  // For the final merge's sort; the import transaction only.
  await tx`set local work_mem = '64MB'`;
  await tx`
    create temp table keyword_import (
      line int, keyword text, normalized text, volume int, difficulty int, cpc numeric, intent text, country text, repeat boolean
    ) on commit drop`;
  await tx`create temp table keyword_import_rest (like keyword_import) on commit drop`;
}

/** A writable taking COPY text lines of IMPORT_COLUMNS into the batch table, or straight into the rest. */
export function copyIntoImport(tx: Tx, into: 'batch' | 'rest') {
  const table = into === 'batch' ? tx`keyword_import` : tx`keyword_import_rest`;
  return tx`copy ${table} (line, keyword, normalized, volume, difficulty, cpc, intent, country, repeat) from stdin`.writable();
}

const UNIQUE_VIOLATION = '23505';

/**
 * Inserts the batch in `keyword_import` into the sector as a plain insert, in a savepoint, and
 * empties it. Rows marked `repeat` (their keyword came earlier in the file) move to
 * `keyword_import_rest` for finishImportMerge, which knows the whole file. A plain insert skips the
 * conflict check ON CONFLICT makes before every row, but fails whole when the sector already has
 * one of the keywords: then the whole batch moves to the rest instead, and the answer is null.
 * Otherwise it is the number of rows inserted, and the id of the savepoint that inserted them
 * (their xmin, read off the batch's `first` keyword) is added to `ours`.
 */
export async function insertImportBatch(tx: Tx, sector: SectorPlace, ours: string[], batch: { repeats: number; first: string | null }): Promise<number | null> {
  let created: number | null;
  try {
    // Without RETURNING: handing every row back cost a few percent of the insert, and the
    // savepoint's id is one index lookup away.
    created = await tx.savepoint(async (sp) => {
      const { count } = await sp`
        insert into keywords (account_id, site_id, sector_id, keyword, normalized, volume, difficulty, cpc, intent, country)
        select ${sector.accountId}, ${sector.siteId}, ${sector.id}, keyword, normalized, volume, difficulty, cpc, intent, country
        from keyword_import where not repeat`;
      if (batch.first !== null) {
        const [row] = await sp`select xmin::text as xid from keywords where sector_id = ${sector.id} and normalized = ${batch.first}`;
        ours.push(row!.xid as string);
      }
      return count;
    });
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
    created = null;
  }
  if (created === null || batch.repeats > 0) {
    await tx`insert into keyword_import_rest select * from keyword_import ${created === null ? tx`` : tx`where repeat`}`;
  }
  await tx`truncate keyword_import`;
  return created;
}

/**
 * Merges `keyword_import_rest` into the sector, keeping the last line of a repeated keyword
 * (`repeats`: the file may hold one twice). A keyword that this import inserted from an earlier
 * line (its xmin is among `ours`) takes the last line whole, as if that earlier line had never
 * been; one the sector had before takes the line's values where it has them (a blank cell keeps
 * what the sector had). Rows that change nothing are not written, so they count neither as
 * created nor as updated.
 */
export async function finishImportMerge(tx: Tx, sector: SectorPlace, ours: string[], file: { repeats: boolean }) {
  // Without repeats every row is already the latest of its keyword, and sorting is the merge's
  // largest cost after the writes themselves.
  const latest = file.repeats
    ? tx`select distinct on (normalized) keyword, normalized, volume, difficulty, cpc, intent, country from keyword_import_rest order by normalized, line desc`
    : tx`select keyword, normalized, volume, difficulty, cpc, intent, country from keyword_import_rest`;
  const imported = tx`k.sector_id = ${sector.id} and k.normalized = l.normalized and k.xmin = any(${ours}::xid[])`;
  // Keywords inserted by the batches, when there are any, take the latest line whole first.
  const replaced = tx`,
    replaced as (
      update keywords k set keyword = l.keyword, volume = l.volume, difficulty = l.difficulty, cpc = l.cpc, intent = l.intent, country = l.country
      from latest l
      where ${imported} and (k.keyword, k.volume, k.difficulty, k.cpc, k.intent, k.country) is distinct from (l.keyword, l.volume, l.difficulty, l.cpc, l.intent, l.country)
    )`;
  const [merged] = await tx`
    with latest as materialized (${latest})${ours.length > 0 ? replaced : tx``},
    merged as (
      insert into keywords as k (account_id, site_id, sector_id, keyword, normalized, volume, difficulty, cpc, intent, country)
      select ${sector.accountId}, ${sector.siteId}, ${sector.id}, keyword, normalized, volume, difficulty, cpc, intent, country from latest l
      ${ours.length > 0 ? tx`where not exists (select from keywords k where ${imported})` : tx``}
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
  return { created: merged!.created as number, updated: merged!.updated as number };
}

// ---- Imports run as jobs: the upload in chunks, the job's progress and outcome.

const IMPORT_STATUS_COLUMNS = ['id', 'sector_id', 'status', 'bytes', 'rows_read', 'rows_good', 'rows_bad', 'result', 'error', 'created_at', 'started_at', 'finished_at'];

export async function insertImport(tx: Tx, sector: { id: string; siteId: string; accountId: string }, createdBy: string | null, bytes: number) {
  const [row] = await tx`
    insert into keyword_imports (account_id, site_id, sector_id, created_by, bytes)
    values (${sector.accountId}, ${sector.siteId}, ${sector.id}, ${createdBy}, ${bytes}) returning id`;
  return row!.id as string;
}

/** Stores one deflated piece of an upload. */
export async function insertImportChunk(tx: Tx, importId: string, accountId: string, seq: number, data: Uint8Array) {
  await tx`insert into keyword_import_chunks (import_id, account_id, seq, data, deflated) values (${importId}, ${accountId}, ${seq}, ${Buffer.from(data.buffer, data.byteOffset, data.byteLength)}, true)`;
}

export async function enqueueImport(tx: Tx, importId: string) {
  await tx`select igny8_enqueue('keywords__import', json_build_object('import_id', ${importId}::uuid), ${`keyword_import:${importId}`}, 3)`;
}

export async function getImport(tx: Tx, id: string) {
  const [row] = await tx<ImportRow[]>`select ${tx(IMPORT_STATUS_COLUMNS)} from keyword_imports where id = ${id}`;
  return row ?? null;
}

// The job's bookkeeping runs across accounts on the system connection (see Database.bookkeeping).

/** Marks a queued (or interrupted) import running; null when it has already finished. */
export async function claimImport(sql: Tx, id: string) {
  const [row] = await sql`
    update keyword_imports set status = 'running', started_at = coalesce(started_at, now()), updated_at = now()
    where id = ${id} and status in ('queued', 'running')
    returning account_id, site_id, sector_id`;
  return row ? { accountId: row.account_id as string, siteId: row.site_id as string, sectorId: row.sector_id as string } : null;
}

export async function importChunk(sql: Tx, id: string, seq: number): Promise<{ data: Buffer; deflated: boolean } | null> {
  const [row] = await sql`select data, deflated from keyword_import_chunks where import_id = ${id} and seq = ${seq}`;
  return row ? { data: row.data as Buffer, deflated: row.deflated as boolean } : null;
}

export async function setImportProgress(sql: Tx, id: string, p: { rows_read: number; rows_good: number; rows_bad: number }) {
  await sql`
    update keyword_imports set rows_read = ${p.rows_read}, rows_good = ${p.rows_good}, rows_bad = ${p.rows_bad}, updated_at = now()
    where id = ${id} and status = 'running'`;
}

/** Records the outcome and drops the upload; in the import's own transaction when it succeeded. */
export async function finishImport(sql: Tx, id: string, outcome: { status: 'succeeded'; result: unknown } | { status: 'failed'; error: string }) {
  await sql`
    update keyword_imports set status = ${outcome.status}, finished_at = now(), updated_at = now(),
      result = ${outcome.status === 'succeeded' ? sql.json(outcome.result as never) : null},
      error = ${outcome.status === 'failed' ? outcome.error : null}
    where id = ${id}`;
  await sql`delete from keyword_import_chunks where import_id = ${id}`;
}

// ---- CSV export: sector by sector, in keyset batches along the (sector_id, normalized) key.

export type ExportFilter = Pick<KeywordListQuery, 'site_id' | 'sector_id' | 'cluster_id' | 'status' | 'intent'>;

export async function exportSectors(tx: Tx, f: ExportFilter, accountId: string | null): Promise<string[]> {
  const rows = await tx`
    select id from sectors where true
    ${accountId ? tx`and account_id = ${accountId}` : tx``}
    ${f.site_id ? tx`and site_id = ${f.site_id}` : tx``}
    ${f.sector_id ? tx`and id = ${f.sector_id}` : tx``}
    order by id`;
  return rows.map((r) => r.id as string);
}

/** Up to `limit` keywords of a sector whose normalized form sorts after `after`, in that order. */
export async function exportBatch(tx: Tx, sectorId: string, f: ExportFilter, after: string | null, limit: number) {
  return tx`
    select k.normalized, k.keyword, k.volume, k.difficulty, k.cpc, k.intent, k.country, k.status, c.name as cluster
    from keywords k left join clusters c on c.id = k.cluster_id
    where k.sector_id = ${sectorId}
    ${after !== null ? tx`and k.normalized > ${after}` : tx``}
    ${f.cluster_id ? tx`and k.cluster_id = ${f.cluster_id}` : tx``}
    ${f.status ? tx`and k.status = ${f.status}` : tx``}
    ${f.intent ? tx`and k.intent = ${f.intent}` : tx``}
    order by k.normalized limit ${limit}`;
}
