import type { InternalLink } from '@igny8/shared';
import type { Tx } from '../../../db/client';

/** An article as links are placed in it: its text, the links placed last time, its cluster and its site's cap. */
export type LinkSubject = {
  id: string; blocks: string; primary_keyword: string; internal_links: InternalLink[];
  cluster_id: string | null; pillar_keyword: string | null; internal_links_max: number;
};

export async function linkSubject(tx: Tx, contentId: string): Promise<LinkSubject | null> {
  const [row] = await tx<LinkSubject[]>`
    select c.id, c.blocks, c.primary_keyword, c.internal_links, t.cluster_id, k.keyword as pillar_keyword, s.internal_links_max
    from content c
    join sites s on s.id = c.site_id
    left join tasks t on t.id = c.task_id
    left join clusters cl on cl.id = t.cluster_id
    left join keywords k on k.id = cl.pillar_keyword_id
    where c.id = ${contentId}`;
  return row ?? null;
}

export type ClusterArticle = { id: string; title: string; primary_keyword: string; task_keyword: string; wp_url: string | null };

/**
 * The articles of a cluster (those whose task is in it), oldest first. The pillar article is the
 * first whose task's primary keyword is the cluster's pillar keyword; siblings follow, the most
 * recently published first.
 */
export function clusterArticles(tx: Tx, clusterId: string) {
  return tx<(ClusterArticle & { created_at: Date })[]>`
    select c.id, c.title, c.primary_keyword, t.primary_keyword as task_keyword, c.wp_url, c.created_at
    from content c join tasks t on t.id = c.task_id
    where t.cluster_id = ${clusterId}
    order by c.published_at desc nulls last, c.created_at, c.id`;
}

export async function saveLinks(tx: Tx, id: string, set: { blocks: string; html: string; word_count: number; internal_links: InternalLink[] }) {
  await tx`
    update content set blocks = ${set.blocks}, html = ${set.html}, word_count = ${set.word_count},
      internal_links = ${tx.json(set.internal_links as never)}, updated_at = now()
    where id = ${id}`;
}
