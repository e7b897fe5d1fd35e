import type { Task } from '@igny8/shared';
import type { Tx } from '../../../db/client';
import type { DbRow } from '../../../db/rows';
import { pageOf, where, type Page } from '../../../db/lists';

export type TaskRow = DbRow<Task>;

export const TASK_COLUMNS = [
  'id', 'account_id', 'site_id', 'sector_id', 'idea_id', 'cluster_id', 'title', 'brief', 'content_type', 'outline',
  'primary_keyword', 'secondary_keywords', 'target_word_count', 'author_profile_id', 'strategy_id', 'status', 'created_at', 'updated_at',
];

export type TaskFilter = { site_id?: string | undefined; sector_id?: string | undefined; status?: string | undefined };

export function listTasks(tx: Tx, f: TaskFilter, page: Page) {
  return pageOf<TaskRow>(tx, {
    select: tx`${tx(TASK_COLUMNS)}`,
    from: tx`from tasks ${where(tx, { site_id: f.site_id, sector_id: f.sector_id, status: f.status })}`,
    order: tx`created_at desc, id`,
    page,
  });
}

export async function getTask(tx: Tx, id: string) {
  const [row] = await tx<TaskRow[]>`select ${tx(TASK_COLUMNS)} from tasks where id = ${id}`;
  return row ?? null;
}

export async function insertTask(tx: Tx, row: Record<string, unknown>) {
  const values = { ...row, outline: tx.json((row.outline ?? []) as never) };
  const [inserted] = await tx<TaskRow[]>`insert into tasks ${tx(values)} returning ${tx(TASK_COLUMNS)}`;
  return inserted!;
}

export async function updateTask(tx: Tx, id: string, set: Record<string, unknown>) {
  if (Object.keys(set).length === 0) return getTask(tx, id);
  const values = 'outline' in set ? { ...set, outline: tx.json(set.outline as never) } : set;
  const [row] = await tx<TaskRow[]>`update tasks set ${tx(values)}, updated_at = now() where id = ${id} returning ${tx(TASK_COLUMNS)}`;
  return row ?? null;
}

export async function deleteTask(tx: Tx, id: string) {
  await tx`delete from tasks where id = ${id}`;
}

/** Tasks as generate_content writes them, with what the prompt needs. */
export async function tasksForGeneration(tx: Tx, ids: readonly string[]) {
  return tx<GenerationTask[]>`
    select id, account_id, site_id, sector_id, cluster_id, title, brief, content_type, outline, primary_keyword,
           secondary_keywords, target_word_count, author_profile_id, strategy_id
    from tasks where id = any(${ids as string[]}::uuid[]) order by created_at, id`;
}

export type GenerationTask = {
  id: string; account_id: string; site_id: string; sector_id: string; cluster_id: string | null;
  title: string; brief: string; content_type: string; outline: { heading: string; level: 2 | 3; notes?: string }[];
  primary_keyword: string; secondary_keywords: string[]; target_word_count: number;
  author_profile_id: string | null; strategy_id: string | null;
};

export async function setTaskStatus(tx: Tx, ids: readonly string[], status: 'in_progress' | 'completed' | 'failed') {
  if (ids.length === 0) return;
  await tx`update tasks set status = ${status}, updated_at = now() where id = any(${ids as string[]}::uuid[])`;
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
  return tx<TaskRow[]>`select ${tx(TASK_COLUMNS)} from tasks where idea_id = any(${ideas.map((i) => i.idea_id)}::uuid[]) order by created_at, id`;
}
