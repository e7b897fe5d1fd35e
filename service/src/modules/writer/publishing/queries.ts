import type { Tx } from '../../../db/client';

/** The content as publishing sends it, with its cluster's name (for categories) when its task has one. */
export async function contentToPublish(tx: Tx, id: string) {
  const [row] = await tx`
    select c.id, c.site_id, c.title, c.meta_title, c.meta_description, c.excerpt, c.primary_keyword, c.secondary_keywords,
           c.blocks, c.status, c.approved_at, c.wp_post_id, cl.name as cluster_name
    from content c left join tasks t on t.id = c.task_id left join clusters cl on cl.id = t.cluster_id
    where c.id = ${id}`;
  if (!row) return null;
  return {
    id: row.id as string,
    siteId: row.site_id as string,
    title: row.title as string,
    metaTitle: row.meta_title as string,
    metaDescription: row.meta_description as string,
    excerpt: row.excerpt as string,
    primaryKeyword: row.primary_keyword as string,
    secondaryKeywords: row.secondary_keywords as string[],
    blocks: row.blocks as string,
    status: row.status as string,
    approvedAt: row.approved_at as Date | null,
    wpPostId: row.wp_post_id === null ? null : Number(row.wp_post_id),
    clusterName: row.cluster_name as string | null,
  };
}
export type ContentToPublish = NonNullable<Awaited<ReturnType<typeof contentToPublish>>>;

/** The content's images whose bytes are stored, featured first, then in the order of the article. */
export async function imagesToPublish(tx: Tx, contentId: string) {
  const rows = await tx`
    select id, kind, position, alt, caption, storage_key, mime_type, wp_attachment_id, wp_url
    from images where content_id = ${contentId} and status = 'generated' and storage_key is not null
    order by kind = 'featured' desc, position, id`;
  return rows.map((r) => ({
    id: r.id as string,
    kind: r.kind as 'featured' | 'in_article',
    position: r.position as number,
    alt: r.alt as string,
    caption: r.caption as string,
    storageKey: r.storage_key as string,
    mimeType: (r.mime_type as string | null) ?? 'image/webp',
    wpAttachmentId: r.wp_attachment_id === null ? null : Number(r.wp_attachment_id),
    wpUrl: r.wp_url as string | null,
  }));
}
export type ImageToPublish = Awaited<ReturnType<typeof imagesToPublish>>[number];

export async function setImageAttachment(tx: Tx, imageId: string, a: { id: number; url: string }) {
  await tx`update images set wp_attachment_id = ${a.id}, wp_url = ${a.url}, updated_at = now() where id = ${imageId}`;
}

export async function setPostOfContent(tx: Tx, contentId: string, p: { id: number; url: string }) {
  await tx`update content set wp_post_id = ${p.id}, wp_url = ${p.url}, updated_at = now() where id = ${contentId}`;
}

export async function markPublished(tx: Tx, contentId: string, metaNotSet: string[]) {
  await tx`
    update content set status = 'published', published_at = now(), publish_error = null, meta_not_set = ${metaNotSet}, updated_at = now()
    where id = ${contentId}`;
}

export async function markPublishFailed(tx: Tx, contentId: string, error: string) {
  await tx`update content set status = 'failed', publish_error = ${error}, updated_at = now() where id = ${contentId}`;
}
