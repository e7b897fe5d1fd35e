import type { Content, ContentRevision, ContentStatus } from '@igny8/shared';
import type { Tx } from '../../../db/client';
import type { DbRow } from '../../../db/rows';
import { pageOf, where, type Page } from '../../../db/lists';

export type ContentRow = DbRow<Content>;
export type RevisionRow = DbRow<ContentRevision>;

export const CONTENT_COLUMNS = [
  'id', 'account_id', 'site_id', 'sector_id', 'task_id', 'title', 'meta_title', 'meta_description', 'excerpt', 'primary_keyword',
  'secondary_keywords', 'blocks', 'html', 'word_count', 'status', 'approved_by', 'approved_at', 'review_note', 'wp_post_id', 'wp_url', 'internal_links', 'run_id', 'created_at', 'updated_at',
  'published_at', 'publish_error', 'meta_not_set',
];
const REVISION_COLUMNS = ['id', 'content_id', 'title', 'meta_title', 'meta_description', 'excerpt', 'blocks', 'word_count', 'reason', 'created_by', 'created_at'];

export type ContentFilter = { site_id?: string | undefined; sector_id?: string | undefined; status?: string | undefined; task_id?: string | undefined };

export function listContent(tx: Tx, f: ContentFilter, page: Page) {
  return pageOf<ContentRow>(tx, {
    select: tx`${tx(CONTENT_COLUMNS)}`,
    from: tx`from content ${where(tx, f)}`,
    order: tx`created_at desc, id`,
    page,
  });
}

export async function getContent(tx: Tx, id: string) {
  const [row] = await tx<ContentRow[]>`select ${tx(CONTENT_COLUMNS)} from content where id = ${id}`;
  return row ?? null;
}

/** Keeps the current text of the content as a revision, before it is replaced. */
export async function keepRevision(tx: Tx, id: string, reason: 'edit' | 'generation' | 'internal_links', createdBy: string | null) {
  await tx`
    insert into content_revisions (account_id, site_id, content_id, title, meta_title, meta_description, excerpt, blocks, word_count, reason, created_by)
    select account_id, site_id, id, title, meta_title, meta_description, excerpt, blocks, word_count, ${reason}, ${createdBy}
    from content where id = ${id}`;
}

export async function updateContent(tx: Tx, id: string, set: Record<string, unknown>) {
  const [row] = await tx<ContentRow[]>`update content set ${tx(set)}, updated_at = now() where id = ${id} returning ${tx(CONTENT_COLUMNS)}`;
  return row ?? null;
}

export function listRevisions(tx: Tx, contentId: string, page: Page) {
  return pageOf<RevisionRow>(tx, {
    select: tx`${tx(REVISION_COLUMNS)}`,
    from: tx`from content_revisions where content_id = ${contentId}`,
    order: tx`created_at desc, id`,
    page,
  });
}

/** The content's status and whether its site requires approval; locked when a review step is to follow. */
export async function reviewState(tx: Tx, id: string, opts: { lock?: boolean } = {}) {
  const [row] = await tx<{ status: ContentStatus; require_approval: boolean }[]>`
    select c.status, s.require_approval from content c join sites s on s.id = c.site_id
    where c.id = ${id} ${opts.lock ? tx`for update of c` : tx``}`;
  return row ?? null;
}
