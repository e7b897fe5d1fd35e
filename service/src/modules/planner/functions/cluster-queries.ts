import type { Intent } from '@igny8/shared';
import type { Tx } from '../../../db/client';
import { refreshClusterStats } from '../clusters/queries';

export type ClusterableKeyword = { id: string; keyword: string; volume: number | null; difficulty: number | null; intent: Intent | null };

/** Keywords of the sector that clustering may move: not archived, not placed by hand. */
export async function countClusterable(tx: Tx, sectorId: string) {
  const [row] = await tx`select count(*)::int as n from keywords where sector_id = ${sectorId} and not cluster_locked and status <> 'archived'`;
  return row!.n as number;
}

export async function keywordSectors(tx: Tx, ids: string[]) {
  const rows = await tx`select sector_id, count(*)::int as n from keywords where id = any(${ids}::uuid[]) group by sector_id`;
  return { count: rows.reduce((n, r) => n + (r.n as number), 0), sectors: rows.map((r) => r.sector_id as string) };
}

/** The sector's clusterable keywords that existed at `asOf` (timestamptz text). */
export async function clusterableInSector(tx: Tx, sectorId: string, asOf: string) {
  return tx<ClusterableKeyword[]>`
    select id, keyword, volume, difficulty, intent from keywords
    where sector_id = ${sectorId} and not cluster_locked and status <> 'archived' and created_at <= ${asOf}::timestamptz order by id`;
}

export async function clusterableByIds(tx: Tx, ids: string[]) {
  return tx<ClusterableKeyword[]>`
    select id, keyword, volume, difficulty, intent from keywords
    where id = any(${ids}::uuid[]) and not cluster_locked order by id`;
}

export async function existingIds(tx: Tx, ids: string[]) {
  const rows = await tx`select id from keywords where id = any(${ids}::uuid[]) for update`;
  return new Set(rows.map((r) => r.id as string));
}

export async function autoClustersOfSector(tx: Tx, sectorId: string) {
  const rows = await tx`select id from clusters where sector_id = ${sectorId} and source = 'auto'`;
  return rows.map((r) => r.id as string);
}

export async function clustersOf(tx: Tx, keywordIds: string[]) {
  const rows = await tx`select distinct cluster_id from keywords where id = any(${keywordIds}::uuid[]) and cluster_id is not null`;
  return rows.map((r) => r.cluster_id as string);
}

export async function insertClusters(
  tx: Tx,
  at: { accountId: string; siteId: string; sectorId: string; runId: string },
  rows: { name: string; description: string; intent: Intent | null; pillar_keyword_id: string }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx`
    insert into clusters (account_id, site_id, sector_id, run_id, name, description, intent, pillar_keyword_id)
    select ${at.accountId}, ${at.siteId}, ${at.sectorId}, ${at.runId}, v.name, v.description, v.intent, v.pillar
    from unnest(${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.description)}::text[],
                ${rows.map((r) => r.intent)}::text[], ${rows.map((r) => r.pillar_keyword_id)}::uuid[])
         with ordinality as v(name, description, intent, pillar, n)
    order by v.n
    returning id`;
  return inserted.map((r) => r.id as string);
}

/** Moves keywords into their new clusters and takes the rest out of any cluster, in two statements. */
export async function assignKeywords(tx: Tx, pairs: (readonly [string, string])[], unclustered: string[]) {
  if (pairs.length > 0) {
    await tx`
      update keywords k set cluster_id = v.cluster_id, status = 'clustered', updated_at = now()
      from unnest(${pairs.map((p) => p[0])}::uuid[], ${pairs.map((p) => p[1])}::uuid[]) as v(id, cluster_id)
      where k.id = v.id`;
  }
  if (unclustered.length > 0) {
    await tx`update keywords set cluster_id = null, status = 'new', updated_at = now() where id = any(${unclustered}::uuid[]) and status <> 'archived'`;
  }
}

/** Automatic clusters that lost every keyword to a re-clustering are removed; the others recounted. */
export async function dropEmptyAutoClusters(tx: Tx, clusterIds: string[]) {
  if (clusterIds.length === 0) return;
  await tx`
    delete from clusters c where c.id = any(${clusterIds}::uuid[]) and c.source = 'auto'
      and not exists (select 1 from keywords k where k.cluster_id = c.id)`;
  await refreshClusterStats(tx, clusterIds);
}
