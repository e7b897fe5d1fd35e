import type postgres from 'postgres';
import type { Tx } from './client';

type Fragment = postgres.PendingQuery<postgres.Row[]>;

/** A slice of a list: what the API's `page` and `page_size` ask for. */
export type Page = { limit: number; offset: number };

/**
 * `where` with the conditions that apply: `equal` holds column → value filters that apply when
 * the value is given (undefined leaves the column unfiltered), `also` further conditions or
 * nothing. The one way lists build their optional filters.
 */
export function where(tx: Tx, equal: Record<string, string | number | boolean | null | undefined>, also: (Fragment | false | undefined | null)[] = []): Fragment {
  const parts: Fragment[] = [];
  for (const [column, value] of Object.entries(equal)) {
    if (value === undefined) continue;
    parts.push(value === null ? tx`${tx(column)} is null` : tx`${tx(column)} = ${value}`);
  }
  for (const part of also) if (part) parts.push(part);
  if (parts.length === 0) return tx``;
  return parts.slice(1).reduce((acc, p) => tx`${acc} and ${p}`, tx`where ${parts[0]!}`);
}

/**
 * One page of a list and its total count, from the same `from … where …` fragment: the one way
 * lists answer `{results, count}`.
 */
export async function pageOf<T extends object>(tx: Tx, q: { select: Fragment; from: Fragment; order: Fragment; page: Page }): Promise<{ results: T[]; count: number }> {
  const [results, [counted]] = await Promise.all([
    tx<T[]>`select ${q.select} ${q.from} order by ${q.order} limit ${q.page.limit} offset ${q.page.offset}`,
    tx<{ n: number }[]>`select count(*)::int as n ${q.from}`,
  ]);
  return { results, count: counted!.n };
}
