import type { Cluster, Keyword } from '@igny8/shared';
import type { Tx } from '../../../db/client';
import type { DbRow } from '../../../db/rows';
import { containsPattern } from '../../../db/like';
import { pageOf, where, type Page } from '../../../db/lists';

export type ClusterRow = DbRow<Cluster>;
export type ClusterKeyword = Pick<Keyword, 'id' | 'keyword' | 'volume' | 'difficulty' | 'cpc' | 'intent' | 'status' | 'cluster_locked'>;

const CLUSTER_SELECT = (tx: Tx) => tx`
  c.id, c.account_id, c.site_id, c.sector_id, c.name, c.description, c.intent, c.pillar_keyword_id,
  (select k.keyword from keywords k where k.id = c.pillar_keyword_id) as pillar_keyword,
  c.keyword_count, c.total_volume, c.avg_difficulty::float8 as avg_difficulty, c.status, c.source, c.run_id,
  c.created_at, c.updated_at`;

const ORDERINGS: Record<string, string> = {
  '-total_volume': 'c.total_volume desc, c.id',
  total_volume: 'c.total_volume asc, c.id',
  '-keyword_count': 'c.keyword_count desc, c.id',
  keyword_count: 'c.keyword_count asc, c.id',
  name: 'c.name asc, c.id',
  '-name': 'c.name desc, c.id',
  '-created_at': 'c.created_at desc, c.id',
  created_at: 'c.created_at asc, c.id',
};
export const CLUSTER_ORDERINGS = Object.keys(ORDERINGS) as [string, ...string[]];

export type ClusterFilter = { site_id?: string | undefined; sector_id?: string | undefined; status?: string | undefined; search?: string | undefined; ordering: string };

export async function listClusters(tx: Tx, f: ClusterFilter, page: Page) {
  const filters = where(tx, { 'c.site_id': f.site_id, 'c.sector_id': f.sector_id, 'c.status': f.status }, [
    f.search ? tx`c.name ilike ${containsPattern(f.search)}` : null,
  ]);
  return pageOf<ClusterRow>(tx, {
    select: CLUSTER_SELECT(tx),
    from: tx`from clusters c ${filters}`,
    order: tx.unsafe(ORDERINGS[f.ordering] ?? ORDERINGS['-total_volume']!),
    page,
  });
}

export async function getCluster(tx: Tx, id: string) {
  const [row] = await tx<ClusterRow[]>`select ${CLUSTER_SELECT(tx)} from clusters c where c.id = ${id}`;
  return row ?? null;
}

export const CLUSTER_KEYWORDS_SHOWN = 1000;

export async function clusterKeywords(tx: Tx, id: string) {
  return tx<ClusterKeyword[]>`
    select id, keyword, volume, difficulty, cpc, intent, status, cluster_locked from keywords
    where cluster_id = ${id} order by volume desc nulls last, id limit ${CLUSTER_KEYWORDS_SHOWN}`;
}

export async function updateCluster(tx: Tx, id: string, set: Record<string, unknown>) {
  if (Object.keys(set).length > 0) await tx`update clusters set ${tx(set)}, updated_at = now() where id = ${id}`;
  return getCluster(tx, id);
}

/** Deletes a cluster; its keywords go back to unclustered and to automatic clustering. */
export async function deleteCluster(tx: Tx, id: string) {
  await tx`update keywords set cluster_id = null, cluster_locked = false, status = 'new', updated_at = now() where cluster_id = ${id}`;
  const rows = await tx`delete from clusters where id = ${id} returning id`;
  return rows.length > 0;
}

/** Recomputes the stored counts of clusters after keywords moved in or out of them. */
export async function refreshClusterStats(tx: Tx, clusterIds: (string | null)[]) {
  const ids = [...new Set(clusterIds.filter((c): c is string => c !== null))];
  if (ids.length === 0) return;
  await tx`
    update clusters c set
      keyword_count = s.n, total_volume = s.volume, avg_difficulty = s.difficulty, updated_at = now()
    from (
      select c2.id, count(k.id)::int as n, coalesce(sum(k.volume), 0)::bigint as volume, avg(k.difficulty)::numeric(5, 2) as difficulty
      from clusters c2 left join keywords k on k.cluster_id = c2.id
      where c2.id = any(${ids}::uuid[]) group by c2.id
    ) s
    where c.id = s.id`;
}

/** A cluster's sector, or null when the caller cannot see the cluster. */
export async function clusterSector(tx: Tx, id: string): Promise<string | null> {
  const [row] = await tx`select sector_id from clusters where id = ${id}`;
  return row ? (row.sector_id as string) : null;
}
