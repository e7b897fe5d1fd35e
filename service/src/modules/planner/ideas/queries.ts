import type { Idea } from '@igny8/shared';
import type { Tx } from '../../../db/client';
import type { DbRow } from '../../../db/rows';
import type { TaskFromIdea } from '../../writer';
import { containsPattern } from '../../../db/like';
import { pageOf, where, type Page } from '../../../db/lists';

export type IdeaRow = DbRow<Idea>;

export const IDEA_COLUMNS = [
  'id', 'account_id', 'site_id', 'sector_id', 'cluster_id', 'title', 'description', 'content_type', 'outline', 'target_keyword',
  'secondary_keywords', 'estimated_word_count', 'status', 'run_id', 'created_at', 'updated_at',
];

export type IdeaFilter = {
  site_id?: string | undefined;
  sector_id?: string | undefined;
  cluster_id?: string | undefined;
  status?: string | undefined;
  content_type?: string | undefined;
  search?: string | undefined;
};

export async function listIdeas(tx: Tx, f: IdeaFilter, page: Page) {
  const { search, ...equal } = f;
  return pageOf<IdeaRow>(tx, {
    select: tx`${tx(IDEA_COLUMNS)}`,
    from: tx`from content_ideas ${where(tx, equal, [search ? tx`title ilike ${containsPattern(search)}` : null])}`,
    order: tx`created_at desc, id`,
    page,
  });
}

export async function getIdea(tx: Tx, id: string) {
  const [row] = await tx<IdeaRow[]>`select ${tx(IDEA_COLUMNS)} from content_ideas where id = ${id}`;
  return row ?? null;
}

export async function updateIdea(tx: Tx, id: string, set: Record<string, unknown>) {
  if (Object.keys(set).length === 0) return getIdea(tx, id);
  const values = 'outline' in set ? { ...set, outline: tx.json(set.outline as never) } : set;
  const [row] = await tx<IdeaRow[]>`update content_ideas set ${tx(values)}, updated_at = now() where id = ${id} returning ${tx(IDEA_COLUMNS)}`;
  return row ?? null;
}

export async function deleteIdea(tx: Tx, id: string) {
  const rows = await tx`delete from content_ideas where id = ${id} returning id`;
  return rows.length > 0;
}


/** The ideas' plans as writer tasks take them over. */
export async function ideasForTasks(tx: Tx, ids: string[]) {
  return tx<TaskFromIdea[]>`
    select account_id, site_id, sector_id, id as idea_id, cluster_id, title, description as brief, content_type, outline,
           target_keyword as primary_keyword, secondary_keywords, estimated_word_count as target_word_count
    from content_ideas where id = any(${ids}::uuid[])`;
}

/** New ideas that got a task are scheduled. */
export async function markScheduled(tx: Tx, ids: string[]) {
  await tx`update content_ideas set status = 'scheduled', updated_at = now() where id = any(${ids}::uuid[]) and status = 'new'`;
}
