import type { KeywordListQuery } from '@igny8/shared';
import type { Tx } from '../../../db/client';
import { csvRow, EXPORT_COLUMNS } from '../csv/write-keywords';

/**
 * Yields the keywords matching `f` as CSV text in chunks, reading the table with a cursor. The file
 * starts with a byte order mark so that spreadsheets read non-English keywords as UTF-8; the
 * import accepts it.
 */
export async function* exportKeywords(tx: Tx, f: Pick<KeywordListQuery, 'site_id' | 'sector_id' | 'cluster_id' | 'status' | 'intent'>): AsyncGenerator<string> {
  yield `\ufeff${csvRow(EXPORT_COLUMNS)}`;
  const cursor = tx`
    select k.keyword, k.volume, k.difficulty, k.cpc, k.intent, k.country, k.status, c.name as cluster
    from keywords k left join clusters c on c.id = k.cluster_id
    where true
    ${f.site_id ? tx`and k.site_id = ${f.site_id}` : tx``}
    ${f.sector_id ? tx`and k.sector_id = ${f.sector_id}` : tx``}
    ${f.cluster_id ? tx`and k.cluster_id = ${f.cluster_id}` : tx``}
    ${f.status ? tx`and k.status = ${f.status}` : tx``}
    ${f.intent ? tx`and k.intent = ${f.intent}` : tx``}
    order by k.sector_id, k.volume desc nulls last, k.id`.cursor(2000);
  for await (const rows of cursor) {
    yield rows.map((r) => csvRow(EXPORT_COLUMNS.map((col) => r[col]))).join('');
  }
}
