import type { Tx } from '../../../db/client';
import { containsPattern } from '../../../db/like';

export const IDEA_COLUMNS = [
  'id', 'account_id', 'site_id', 'sector_id', 'cluster_id', 'title', 'description', 'content_type', 'outline', 'target_keyword',
  'secondary_keywords', 'estimated_word_count', 'status', 'run_id', 'created_at', 'updated_at',
];

export const TASK_COLUMNS = [
  'id', 'account_id', 'site_id', 'sector_id', 'idea_id', 'cluster_id', 'title', 'brief', 'content_type', 'outline',
  'primary_keyword', 'secondary_keywords', 'target_word_count', 'status', 'created_at', 'updated_at',
];

export type IdeaFilter = {
  site_id?: string | undefined;
  sector_id?: string | undefined;
  cluster_id?: string | undefined;
  status?: string | undefined;
  content_type?: string | undefined;
  search?: string | undefined;
};

export async function listIdeas(tx: Tx, f: IdeaFilter, page: { limit: number; offset: number }) {
  const where = tx`
    where true
    ${f.site_id ? tx`and site_id = ${f.site_id}` : tx``}
    ${f.sector_id ? tx`and sector_id = ${f.sector_id}` : tx``}
    ${f.cluster_id ? tx`and cluster_id = ${f.cluster_id}` : tx``}
    ${f.status ? tx`and status = ${f.status}` : tx``}
    ${f.content_type ? tx`and content_type = ${f.content_type}` : tx``}
    ${f.search ? tx`and title ilike ${containsPattern(f.search)}` : tx``}`;
  const [rows, [count]] = await Promise.all([
    tx`select ${tx(IDEA_COLUMNS)} from content_ideas ${where} order by created_at desc, id limit ${page.limit} offset ${page.offset}`,
    tx`select count(*)::int as n from content_ideas ${where}`,
  ]);
  return { results: rows, count: count!.n as number };
}

export async function getIdea(tx: Tx, id: string) {
  const [row] = await tx`select ${tx(IDEA_COLUMNS)} from content_ideas where id = ${id}`;
  return row ?? null;
}

export async function updateIdea(tx: Tx, id: string, set: Record<string, unknown>) {
  if (Object.keys(set).length === 0) return getIdea(tx, id);
  const values = 'outline' in set ? { ...set, outline: tx.json(set.outline as never) } : set;
  const [row] = await tx`update content_ideas set ${tx(values)}, updated_at = now() where id = ${id} returning ${tx(IDEA_COLUMNS)}`;
  return row ?? null;
}

export async function deleteIdea(tx: Tx, id: string) {
  const rows = await tx`delete from content_ideas where id = ${id} returning id`;
  return rows.length > 0;
}

export async function visibleIdeaIds(tx: Tx, ids: string[]) {
  const rows = await tx`select id from content_ideas where id = any(${ids}::uuid[])`;
  return new Set(rows.map((r) => r.id as string));
}

/**
 * One task per idea, carrying its plan to the writer. Ideas that already have a task keep it: the
 * answer lists the existing task, so a repeated request creates nothing twice.
 */
export async function createTasksFromIdeas(tx: Tx, ideaIds: string[], userId: string) {
  await tx`
    insert into tasks (account_id, site_id, sector_id, idea_id, cluster_id, title, brief, content_type, outline,
                       primary_keyword, secondary_keywords, target_word_count, created_by)
    select account_id, site_id, sector_id, id, cluster_id, title, description, content_type, outline,
           target_keyword, secondary_keywords, estimated_word_count, ${userId}
    from content_ideas where id = any(${ideaIds}::uuid[])
    on conflict (idea_id) do nothing`;
  await tx`update content_ideas set status = 'scheduled', updated_at = now() where id = any(${ideaIds}::uuid[]) and status = 'new'`;
  return tx`select ${tx(TASK_COLUMNS)} from tasks where idea_id = any(${ideaIds}::uuid[]) order by created_at, id`;
}

export async function listTasks(tx: Tx, f: { site_id?: string | undefined; sector_id?: string | undefined; status?: string | undefined }, page: { limit: number; offset: number }) {
  const where = tx`
    where true
    ${f.site_id ? tx`and site_id = ${f.site_id}` : tx``}
    ${f.sector_id ? tx`and sector_id = ${f.sector_id}` : tx``}
    ${f.status ? tx`and status = ${f.status}` : tx``}`;
  const [rows, [count]] = await Promise.all([
    tx`select ${tx(TASK_COLUMNS)} from tasks ${where} order by created_at desc, id limit ${page.limit} offset ${page.offset}`,
    tx`select count(*)::int as n from tasks ${where}`,
  ]);
  return { results: rows, count: count!.n as number };
}
