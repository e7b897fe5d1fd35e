import type { Intent } from '@igny8/shared';
import type { Tx } from '../../../db/client';

export type IdeaCluster = {
  id: string;
  accountId: string;
  siteId: string;
  sectorId: string;
  name: string;
  description: string;
  intent: Intent | null;
  keywords: { keyword: string; volume: number | null }[];
};

export async function clusterSites(tx: Tx, ids: string[]) {
  const rows = await tx`select id, site_id, sector_id from clusters where id = any(${ids}::uuid[])`;
  return rows.map((r) => ({ id: r.id as string, siteId: r.site_id as string, sectorId: r.sector_id as string }));
}

/** The clusters with their top keywords by volume, in one query. */
export async function ideaClusters(tx: Tx, ids: string[], keywordsShown: number): Promise<IdeaCluster[]> {
  const rows = await tx`
    select c.id, c.account_id, c.site_id, c.sector_id, c.name, c.description, c.intent,
           coalesce((select json_agg(json_build_object('keyword', k.keyword, 'volume', k.volume) order by k.volume desc nulls last)
                     from (select keyword, volume from keywords where cluster_id = c.id
                           order by volume desc nulls last, id limit ${keywordsShown}) k), '[]') as keywords
    from clusters c where c.id = any(${ids}::uuid[]) order by c.name, c.id`;
  return rows.map((r) => ({
    id: r.id, accountId: r.account_id, siteId: r.site_id, sectorId: r.sector_id,
    name: r.name, description: r.description, intent: r.intent, keywords: r.keywords,
  }));
}

export async function existingClusters(tx: Tx, ids: string[]) {
  const rows = await tx`select id from clusters where id = any(${ids}::uuid[]) for share`;
  return new Set(rows.map((r) => r.id as string));
}

export async function insertIdeas(tx: Tx, rows: Record<string, unknown>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await tx`insert into content_ideas ${tx(rows.map((r) => ({ ...r, outline: tx.json(r.outline as never) })))} returning id`;
  return inserted.map((r) => r.id as string);
}

export async function authorProfileVisible(tx: Tx, id: string) {
  return (await tx`select 1 from author_profiles where id = ${id}`).length > 0;
}

export async function strategyVisible(tx: Tx, id: string) {
  return (await tx`select 1 from strategies where id = ${id}`).length > 0;
}
