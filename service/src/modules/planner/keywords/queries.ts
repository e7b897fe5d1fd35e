import type { KeywordListQuery } from '@igny8/shared';
import type { Tx } from '../../../db/client';
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
    tx`select ${tx(KEYWORD_COLUMNS)} from keywords ${where} order by ${tx.unsafe(order)} limit ${page.limit} offset ${page.offset}`,
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
  const [row] = await tx`select ${tx(KEYWORD_COLUMNS)} from keywords where id = ${id}`;
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
  return tx`insert into keywords ${tx(rows)} returning ${tx(KEYWORD_COLUMNS)}`;
}

/** The normalized forms among `normalized` that the sector already holds. */
export async function existingInSector(tx: Tx, sectorId: string, normalized: string[]) {
  const rows = await tx`select normalized from keywords where sector_id = ${sectorId} and normalized = any(${normalized}::text[])`;
  return new Set(rows.map((r) => r.normalized as string));
}

export async function updateKeyword(tx: Tx, id: string, set: Record<string, unknown>) {
  if (Object.keys(set).length === 0) return getKeyword(tx, id);
  const [row] = await tx`update keywords set ${tx(set)}, updated_at = now() where id = ${id} returning ${tx(KEYWORD_COLUMNS)}`;
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
