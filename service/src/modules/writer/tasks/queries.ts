import type { Tx } from '../../../db/client';
import { pageOf, where, type Page } from '../../../db/lists';

export const TASK_COLUMNS = [
  'id', 'account_id', 'site_id', 'sector_id', 'idea_id', 'cluster_id', 'title', 'brief', 'content_type', 'outline',
  'primary_keyword', 'secondary_keywords', 'target_word_count', 'status', 'created_at', 'updated_at',
];

export type TaskFilter = { site_id?: string | undefined; sector_id?: string | undefined; status?: string | undefined };

export function listTasks(tx: Tx, f: TaskFilter, page: Page) {
  return pageOf(tx, {
    select: tx`${tx(TASK_COLUMNS)}`,
    from: tx`from tasks ${where(tx, { site_id: f.site_id, sector_id: f.sector_id, status: f.status })}`,
    order: tx`created_at desc, id`,
    page,
  });
}

/** What a task takes over from the idea it is made from. */
export type TaskFromIdea = {
  account_id: string;
  site_id: string;
  sector_id: string;
  idea_id: string;
  cluster_id: string | null;
  title: string;
  brief: string;
  content_type: string;
  outline: unknown;
  primary_keyword: string;
  secondary_keywords: string[];
  target_word_count: number;
};

/**
 * One task per idea. An idea that already has a task keeps it: the answer lists the existing task,
 * so a repeated request creates nothing twice.
 */
export async function insertTasksFromIdeas(tx: Tx, ideas: readonly TaskFromIdea[], by: { createdBy: string | null; actor: string }) {
  if (ideas.length === 0) return [];
  const rows = ideas.map((i) => ({ ...i, outline: i.outline ?? [], created_by: by.createdBy, actor: by.actor }));
  await tx`
    insert into tasks (account_id, site_id, sector_id, idea_id, cluster_id, title, brief, content_type, outline,
                       primary_keyword, secondary_keywords, target_word_count, created_by, actor)
    select account_id, site_id, sector_id, idea_id, cluster_id, title, brief, content_type, outline,
           primary_keyword, secondary_keywords, target_word_count, created_by, actor
    from jsonb_to_recordset(${tx.json(rows as never)}) as r(
      account_id uuid, site_id uuid, sector_id uuid, idea_id uuid, cluster_id uuid, title text, brief text, content_type text,
      outline jsonb, primary_keyword text, secondary_keywords text[], target_word_count int, created_by uuid, actor text)
    on conflict (idea_id) do nothing`;
  return tx`select ${tx(TASK_COLUMNS)} from tasks where idea_id = any(${ideas.map((i) => i.idea_id)}::uuid[]) order by created_at, id`;
}
