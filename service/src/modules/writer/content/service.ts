import { isDeepStrictEqual } from 'node:util';
import type { contentPatchSchema } from '@igny8/shared';
import type { z } from 'zod';
import { authorize, userOf, visibleOne, type Caller } from '../../../access';
import type { Tx } from '../../../db/client';
import type { Page } from '../../../db/lists';
import { conflict, found, invalid, notFound } from '../../../http/errors';
import { definedOnly } from '../../../lib/defined';
import { BlockMarkupError, checkBlockMarkup } from '../blocks/parse';
import { linkedText } from '../links/service';
import * as q from './queries';
import { REVIEW_STEPS, STEP_TO, type ReviewAction } from './review';

export function listContent(tx: Tx, _caller: Caller, filter: q.ContentFilter, page: Page) {
  return q.listContent(tx, filter, page);
}

export async function getContent(tx: Tx, _caller: Caller, id: string) {
  const content = await q.getContent(tx, id);
  if (!content) throw notFound('Content');
  return content;
}

/** Block markup as a PATCH may set it: checked as generation renders it; its HTML and word count follow. */
function blocksFields(markup: string) {
  try {
    const { blocks, html, wordCount } = checkBlockMarkup(markup);
    return { blocks, html, word_count: wordCount };
  } catch (err) {
    if (err instanceof BlockMarkupError) throw invalid('The block markup is not accepted.', { blocks: err.problems });
    throw err;
  }
}

const TEXT_FIELDS = ['title', 'meta_title', 'meta_description', 'excerpt', 'blocks'] as const;

/**
 * What a change of the text does to the review: an approval is for the text that was read, so on
 * a site that requires approval, approved content goes back to review.
 */
async function reviewAfterTextChange(tx: Tx, id: string) {
  const state = await q.reviewState(tx, id);
  return state?.status === 'approved' && state.require_approval ? { status: 'review', approved_by: null, approved_at: null } : {};
}

/**
 * An edit; a change of the text keeps the previous version as a revision. A `status` is a review
 * step under the rules of `review`, taken after the edit (so an approver approves what they sent).
 */
export async function updateContent(tx: Tx, caller: Caller, id: string, patch: z.infer<typeof contentPatchSchema>) {
  await visibleOne(tx, 'content', id);
  authorize(caller, 'write');
  const { blocks, status, ...rest } = definedOnly(patch);
  const set: Record<string, unknown> = { ...rest, ...(blocks !== undefined ? blocksFields(blocks) : {}) };
  if (Object.keys(set).length > 0) {
    if (TEXT_FIELDS.some((f) => f in set)) {
      await q.keepRevision(tx, id, 'edit', userOf(caller));
      Object.assign(set, await reviewAfterTextChange(tx, id));
    }
    await q.updateContent(tx, id, set);
  }
  if (status !== undefined) return review(tx, caller, id, STEP_TO[status], {});
  return getContent(tx, caller, id);
}

/**
 * A review step: submit (draft → review), approve (→ approved, recording who and when) or reject
 * (→ draft, with the reviewer's note). Content already where the step leads is answered as it
 * is; a step that does not start from the content's status is a 409 that says why.
 */
export async function review(tx: Tx, caller: Caller, id: string, action: ReviewAction, opts: { note?: string }) {
  await visibleOne(tx, 'content', id);
  authorize(caller, 'write');
  const step = REVIEW_STEPS[action];
  authorize(caller, step.permission);
  const current = await q.reviewState(tx, id, { lock: true });
  if (!current) throw notFound('Content');
  if (current.status === step.to) return getContent(tx, caller, id);
  if (!step.from.includes(current.status)) {
    throw conflict(
      current.status === 'published'
        ? `Published content cannot be ${step.verb}; edit it and publish again.`
        : `Content in ${current.status} cannot be ${step.verb}; it must be ${step.from.join(' or ')}.`,
    );
  }
  const set: Record<string, unknown> = { status: step.to };
  if (action === 'approve') Object.assign(set, { approved_by: userOf(caller), approved_at: new Date(), review_note: '' });
  else Object.assign(set, { approved_by: null, approved_at: null });
  if (action === 'reject') set.review_note = opts.note ?? '';
  return found(await q.updateContent(tx, id, set), 'Content');
}

/**
 * Places the article's internal links again, from the cluster as it is now, and answers the
 * content. When the text changes, the previous one is kept as a revision and the review follows
 * the text as after an edit; when nothing changed, neither does the content.
 */
export async function placeInternalLinks(tx: Tx, caller: Caller, id: string) {
  await visibleOne(tx, 'content', id);
  authorize(caller, 'write');
  const linked = await linkedText(tx, id);
  if (!linked) throw conflict('Links cannot be placed: the article holds blocks the writer does not produce.');
  const { before, ...set } = linked;
  const current = await getContent(tx, caller, id);
  if (set.blocks === before && isDeepStrictEqual(set.internal_links, current.internal_links)) return current;
  if (set.blocks !== before) {
    await q.keepRevision(tx, id, 'internal_links', userOf(caller));
    Object.assign(set, await reviewAfterTextChange(tx, id));
  }
  return found(await q.updateContent(tx, id, { ...set, internal_links: tx.json(set.internal_links as never) }), 'Content');
}

export async function listRevisions(tx: Tx, _caller: Caller, id: string, page: Page) {
  await visibleOne(tx, 'content', id);
  return q.listRevisions(tx, id, page);
}
