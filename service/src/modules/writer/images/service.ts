import { createHash } from 'node:crypto';
import type { imagePatchSchema } from '@igny8/shared';
import type { z } from 'zod';
import { authorize, visibleOne, type Caller } from '../../../access';
import type { Deps } from '../../../context';
import type { Tx } from '../../../db/client';
import type { Page } from '../../../db/lists';
import { notFound } from '../../../http/errors';
import { definedOnly } from '../../../lib/defined';
import * as q from './queries';

/**
 * An image as the API shows it: where the service stores its bytes stays inside; `file_url` is
 * the API path that serves them to the users who may see the image (under the API prefix).
 */
function shown(row: q.ImageRow) {
  const { storage_key: key, ...rest } = row;
  return { ...rest, file_url: key ? `/api/v1/writer/images/${row.id}/file` : null };
}

export async function listImages(tx: Tx, _caller: Caller, filter: q.ImageFilter, page: Page) {
  const { results, count } = await q.listImages(tx, filter, page);
  return { results: results.map(shown), count };
}

export async function getImage(tx: Tx, _caller: Caller, id: string) {
  const row = await q.getImage(tx, id);
  if (!row) throw notFound('Image');
  return shown(row);
}

/** An edit of the words or the look; the file stays until the image is generated again. */
export async function updateImage(tx: Tx, caller: Caller, id: string, patch: z.infer<typeof imagePatchSchema>) {
  await visibleOne(tx, 'image', id);
  authorize(caller, 'write');
  const set = definedOnly(patch);
  if (Object.keys(set).length === 0) return getImage(tx, caller, id);
  return shown((await q.updateImage(tx, id, set))!);
}

/** Deletes the row; a trigger lists its file for removal once the deletion is committed (sweepOrphanFiles). */
export async function deleteImage(tx: Tx, caller: Caller, id: string): Promise<void> {
  await visibleOne(tx, 'image', id);
  authorize(caller, 'write');
  await q.deleteImage(tx, id);
}

/** Where the caller's image file is stored, with its type; 404 when the image has none. */
export async function imageFileRef(tx: Tx, _caller: Caller, id: string) {
  const row = await q.getImage(tx, id);
  if (!row) throw notFound('Image');
  if (!row.storage_key || !row.mime_type) throw notFound('Image file');
  return { key: row.storage_key, mime: row.mime_type };
}

/** The stored bytes and their entity tag; 404 when the store has lost them. */
export async function readImageFile(deps: Deps, ref: { key: string; mime: string }) {
  const bytes = await deps.files.get(ref.key);
  if (!bytes) throw notFound('Image file');
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
  return { bytes, mime: ref.mime, etag };
}
