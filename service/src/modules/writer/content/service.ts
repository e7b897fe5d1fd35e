import type { contentPatchSchema } from '@igny8/shared';
import type { z } from 'zod';
import { authorize, userOf, visibleOne, type Caller } from '../../../access';
import type { Tx } from '../../../db/client';
import type { Page } from '../../../db/lists';
import { found, invalid, notFound } from '../../../http/errors';
import { definedOnly } from '../../../lib/defined';
import { BlockMarkupError, checkBlockMarkup } from '../blocks/parse';
import * as q from './queries';

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

/** An edit; a change of the text keeps the previous version as a revision. */
export async function updateContent(tx: Tx, caller: Caller, id: string, patch: z.infer<typeof contentPatchSchema>) {
  await visibleOne(tx, 'content', id);
  authorize(caller, 'write');
  const { blocks, ...rest } = definedOnly(patch);
  const set = { ...rest, ...(blocks !== undefined ? blocksFields(blocks) : {}) };
  if (Object.keys(set).length === 0) return getContent(tx, caller, id);
  if (TEXT_FIELDS.some((f) => f in set)) await q.keepRevision(tx, id, 'edit', userOf(caller));
  return found(await q.updateContent(tx, id, set), 'Content');
}

export async function listRevisions(tx: Tx, _caller: Caller, id: string, page: Page) {
  await visibleOne(tx, 'content', id);
  return q.listRevisions(tx, id, page);
}
