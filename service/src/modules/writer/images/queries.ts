import type { Tx } from '../../../db/client';
import { pageOf, where, type Page } from '../../../db/lists';

// Stored columns; `file_url` is derived from them (see `withFileUrl`), never stored.
const COLUMNS = [
  'id', 'account_id', 'site_id', 'sector_id', 'content_id', 'kind', 'position', 'prompt', 'alt', 'caption', 'style', 'size', 'status', 'error',
  'storage_key', 'mime_type', 'width', 'height', 'bytes', 'provider', 'model', 'wp_attachment_id', 'wp_url', 'run_id', 'created_at', 'updated_at',
];

export type ImageRow = {
  id: string; account_id: string; site_id: string; sector_id: string; content_id: string; kind: 'featured' | 'in_article'; position: number;
  prompt: string; alt: string; caption: string; style: 'realistic' | 'artistic' | 'cartoon'; size: string; status: 'pending' | 'generated' | 'failed';
  error: string | null; storage_key: string | null; mime_type: string | null; width: number | null; height: number | null; bytes: number | null;
  provider: string | null; model: string | null; wp_attachment_id: number | null; wp_url: string | null; run_id: string | null;
  created_at: Date; updated_at: Date;
};

export type ImageFilter = { content_id?: string | undefined; site_id?: string | undefined; sector_id?: string | undefined; status?: string | undefined };

export function listImages(tx: Tx, f: ImageFilter, page: Page) {
  return pageOf<ImageRow>(tx, {
    select: tx`${tx(COLUMNS)}`,
    from: tx`from images ${where(tx, f)}`,
    // An article's images in reading order: the featured one, then by section.
    order: tx`created_at desc, content_id, kind, position, id`,
    page,
  });
}

export async function getImage(tx: Tx, id: string): Promise<ImageRow | null> {
  const [row] = await tx<ImageRow[]>`select ${tx(COLUMNS)} from images where id = ${id}`;
  return row ?? null;
}

export async function updateImage(tx: Tx, id: string, set: Record<string, unknown>): Promise<ImageRow | null> {
  const [row] = await tx<ImageRow[]>`update images set ${tx(set)}, updated_at = now() where id = ${id} returning ${tx(COLUMNS)}`;
  return row ?? null;
}

/** Deletes the row; returns where its bytes are stored, for the caller to remove once committed. */
export async function deleteImage(tx: Tx, id: string): Promise<{ storage_key: string | null } | null> {
  const [row] = await tx<{ storage_key: string | null }[]>`delete from images where id = ${id} returning storage_key`;
  return row ?? null;
}

// ---- generate_image_prompts -------------------------------------------------------------------

export type PromptContent = {
  id: string; account_id: string; site_id: string; sector_id: string; title: string; excerpt: string; primary_keyword: string;
  secondary_keywords: string[]; html: string;
};

export function contentForPrompts(tx: Tx, ids: string[]) {
  return tx<PromptContent[]>`
    select id, account_id, site_id, sector_id, title, excerpt, primary_keyword, secondary_keywords, html
    from content where id = any(${ids}::uuid[]) order by array_position(${ids}::uuid[], id)`;
}

/** The content that still exists, locked until its images are saved. */
export async function existingContent(tx: Tx, ids: string[]) {
  const rows = await tx`select id from content where id = any(${ids}::uuid[]) for update`;
  return new Set(rows.map((r) => r.id as string));
}

export type PromptRow = { kind: 'featured' | 'in_article'; position: number; prompt: string; alt: string; caption: string };

/**
 * Writes an article's prompts. A pending or failed image at the same place gets the new prompt;
 * a generated one keeps its prompt and bytes (reported as kept). Pending and failed images at
 * places the new plan no longer has are removed: they hold no bytes.
 */
export async function upsertPrompts(
  tx: Tx,
  content: PromptContent,
  rows: PromptRow[],
  opts: { style: string; size: string; runId: string },
): Promise<{ written: number; kept: number; removed: number }> {
  let written = 0;
  for (const r of rows) {
    const [row] = await tx`
      insert into images ${tx({
        account_id: content.account_id, site_id: content.site_id, sector_id: content.sector_id, content_id: content.id,
        ...r, style: opts.style, size: opts.size, run_id: opts.runId,
      })}
      on conflict (content_id, kind, position) do update
        set prompt = excluded.prompt, alt = excluded.alt, caption = excluded.caption, style = excluded.style, size = excluded.size,
            status = 'pending', error = null, run_id = excluded.run_id, updated_at = now()
        where images.status <> 'generated'
      returning id`;
    if (row) written++;
  }
  const places = rows.map((r) => `${r.kind}:${r.position}`);
  const removed = await tx`
    delete from images where content_id = ${content.id} and status <> 'generated'
      and not ((kind || ':' || position) = any(${places}::text[]))`;
  return { written, kept: rows.length - written, removed: removed.count };
}

// ---- generate_images --------------------------------------------------------------------------

/** The images to render, locked against a concurrent edit of their style or size. */
export function imagesForGeneration(tx: Tx, ids: string[]) {
  return tx<ImageRow[]>`select ${tx(COLUMNS)} from images where id = any(${ids}::uuid[]) order by array_position(${ids}::uuid[], id) for update`;
}

export async function setStyleAndSize(tx: Tx, ids: string[], set: { style?: string; size?: string }) {
  if (Object.keys(set).length === 0) return;
  await tx`update images set ${tx(set)}, updated_at = now() where id = any(${ids}::uuid[])`;
}

export async function existingImages(tx: Tx, ids: string[]) {
  const rows = await tx`select id from images where id = any(${ids}::uuid[]) for update`;
  return new Set(rows.map((r) => r.id as string));
}

export type StoredFile = { storage_key: string; mime_type: string; width: number; height: number; bytes: number; provider: string; model: string };

/**
 * The new file of an image. A WordPress attachment made from the previous bytes no longer shows
 * this image, so it is forgotten and publishing uploads the new one.
 */
export async function markGenerated(tx: Tx, id: string, file: StoredFile, runId: string): Promise<boolean> {
  const rows = await tx`
    update images set ${tx({ ...file, status: 'generated', error: null, run_id: runId, wp_attachment_id: null, wp_url: null })}, updated_at = now()
    where id = ${id}`;
  return rows.count > 0;
}

/** A failed rendering; an image that already has a file keeps it (and its status), with the error noted. */
export async function markFailed(tx: Tx, id: string, error: string, runId: string) {
  await tx`
    update images set status = case when storage_key is null then 'failed' else status end, error = ${error}, run_id = ${runId}, updated_at = now()
    where id = ${id}`;
}
