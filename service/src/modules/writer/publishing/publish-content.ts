import { extname } from 'node:path';
import { z } from 'zod';
import { visibleOne } from '../../../access';
import { ProviderError } from '../../../providers/types';
import type { WordPressClient, WordPressMedia, WordPressPost } from '../../../providers/wordpress';
import { RunError, type AIFunction, type RunContext } from '../../ai';
import { siteWordPress } from '../../tenancy';
import { withImages, type PlacedImage } from './image-blocks';
import * as q from './queries';
import { seoMeta, type SeoField } from './seo-meta';
import { wordpressClient } from './wordpress';

export const publishInput = z
  .object({
    content_id: z.uuid(),
    /** The post's status in WordPress. */
    status: z.enum(['draft', 'publish']),
    /** File the post under its cluster's name as category, tagged with its keywords. */
    categories_from_cluster: z.boolean().default(false),
  })
  .strict();
type Input = z.infer<typeof publishInput>;

/** The body of `POST /writer/content/{id}/publish`: the run's input without the id of the path. */
export const publishRequest = publishInput.omit({ content_id: true });

type Prepared = { input: Input; content: q.ContentToPublish; images: q.ImageToPublish[]; wp: WordPressClient };
type Published = { post: WordPressPost; attachments: number; metaNotSet: SeoField[] };

/** The slugs that find what a publish made even when its answer was lost: WordPress cannot look up by meta. */
export const postSlug = (contentId: string) => `igny8-${contentId}`;
export const imageSlug = (imageId: string) => `igny8-img-${imageId}`;

const EXTENSIONS: Record<string, string> = { 'image/webp': 'webp', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' };

/**
 * publish_content: sends a piece of content to its site's WordPress as a post, with its images in
 * the media library. It is an AI function without a provider call — the engine's run gives it the
 * recorded phases, progress, server-sent events and one run in flight per content — and costs no
 * credit. Exactly once: every image and the post are looked up (by the id stored last time, then
 * by a slug made from our id) before anything is created, and each id WordPress gives is stored
 * the moment it answers, so a retry after a timeout or a crash finds what the lost answer made.
 */
export const publishContent: AIFunction<Input, Prepared, Published, Published> = {
  name: 'publish_content',
  input: publishInput,
  // One publish of a content in flight at a time, whatever its options: a second click joins it.
  dedupeKey: (value) => ({ content_id: value.content_id }),

  async estimate(tx, value) {
    const content = await visibleOne(tx, 'content', value.content_id);
    return { credits: 0, siteIds: [content.siteId], sectorId: content.sectorId };
  },

  async prepare(ctx, input) {
    return ctx.db(async (tx) => {
      const content = await q.contentToPublish(tx, input.content_id);
      if (!content) throw new RunError('The content was deleted before it could be published.');
      const { login } = await siteWordPress(tx, ctx.deps.secrets, content.siteId);
      if (!login) throw await failed(ctx, content.id, new RunError('The site has no WordPress address, user name and application password: connect it again.'));
      return { input, content, images: await q.imagesToPublish(tx, content.id), wp: wordpressClient(ctx.deps, login) };
    });
  },

  async callAI(ctx, prepared) {
    try {
      return await publish(ctx, prepared);
    } catch (err) {
      throw await failed(ctx, prepared.content.id, err);
    }
  },

  parse: (_ctx, _prepared, published) => published,

  async save(_ctx, tx, prepared, published) {
    await q.markPublished(tx, prepared.content.id, published.metaNotSet);
    return {
      result: { wp_post_id: published.post.id, wp_url: published.post.link, wp_status: published.post.status, attachments: published.attachments, meta_not_set: published.metaNotSet },
      credits: 0,
    };
  },
};

/** Records why the publish failed on the content, in the words the run fails with; returns the error to throw. */
async function failed(ctx: RunContext, contentId: string, err: unknown): Promise<unknown> {
  const known = err instanceof RunError || err instanceof ProviderError;
  const message = known ? err.message : 'Publishing failed because of an internal error; try again.';
  await ctx.db((tx) => q.markPublishFailed(tx, contentId, message));
  return err;
}

async function publish(ctx: RunContext, { input, content, images, wp }: Prepared): Promise<Published> {
  const steps = images.length + 3;
  let step = 0;
  const progress = (message: string) => ctx.progress(++step / steps, message);

  const attachments = new Map<string, WordPressMedia>();
  for (const image of images) {
    await progress(`Image ${attachments.size + 1} of ${images.length}`);
    attachments.set(image.id, await mediaFor(ctx, wp, image));
  }

  await progress('Reading which SEO fields the site accepts');
  const { meta, notSet } = seoMeta(
    { meta_title: content.metaTitle || content.title, meta_description: content.metaDescription, focus_keyword: content.primaryKeyword },
    await wp.postMetaKeys(),
  );
  const featured = images.find((i) => i.kind === 'featured');
  const inArticle: PlacedImage[] = images
    .filter((i) => i.kind === 'in_article')
    .map((i) => ({ attachmentId: attachments.get(i.id)!.id, url: attachments.get(i.id)!.source_url, alt: i.alt, caption: i.caption, position: i.position }));
  const fields: Record<string, unknown> = {
    title: content.title,
    content: withImages(content.blocks, inArticle),
    excerpt: content.excerpt,
    status: input.status,
    featured_media: featured ? attachments.get(featured.id)!.id : 0,
    ...(Object.keys(meta).length ? { meta } : {}),
  };
  if (input.categories_from_cluster) {
    await progress('Finding the categories and tags');
    if (content.clusterName) fields.categories = [await wp.termId('categories', content.clusterName)];
    const tags = [...new Set([content.primaryKeyword, ...content.secondaryKeywords].map((k) => k.trim()).filter(Boolean))].slice(0, 10);
    fields.tags = await Promise.all(tags.map((t) => wp.termId('tags', t)));
  } else step++;

  await progress('Sending the post');
  // The post this content made before, by the id stored (its slug may have been changed in
  // WordPress since), else by the slug it was created with — a create whose answer was lost.
  let post = content.wpPostId !== null ? await wp.getPost(content.wpPostId) : null;
  if (post?.status === 'trash') post = null;
  post ??= await wp.findPost(postSlug(content.id));
  if (post) {
    await ctx.db((tx) => q.setPostOfContent(tx, content.id, { id: post!.id, url: post!.link }));
    post = await wp.savePost(post.id, fields);
  } else {
    post = await wp.savePost(null, { ...fields, slug: postSlug(content.id) });
  }
  const saved = post;
  await ctx.db((tx) => q.setPostOfContent(tx, content.id, { id: saved.id, url: saved.link }));
  return { post, attachments: attachments.size, metaNotSet: notSet };
}

/** The image's attachment: the one stored, else the one its slug finds, else a new upload (stored at once). */
async function mediaFor(ctx: RunContext, wp: WordPressClient, image: q.ImageToPublish): Promise<WordPressMedia> {
  let media = image.wpAttachmentId !== null ? await wp.getMedia(image.wpAttachmentId) : null;
  media ??= await wp.findMedia(imageSlug(image.id));
  if (!media) {
    const bytes = await ctx.deps.files.get(image.storageKey);
    if (!bytes) throw new RunError(`The stored file of an image of this content is missing (${image.kind === 'featured' ? 'the featured image' : `the image of section ${image.position + 1}`}): generate it again.`);
    const ext = EXTENSIONS[image.mimeType] ?? (extname(image.storageKey).slice(1) || 'webp');
    media = await wp.uploadMedia({
      slug: imageSlug(image.id), filename: `${imageSlug(image.id)}.${ext}`, mime: image.mimeType, bytes,
      title: image.alt || imageSlug(image.id), alt: image.alt, caption: image.caption,
    });
  }
  if (media.id !== image.wpAttachmentId || media.source_url !== image.wpUrl) {
    const found = media;
    await ctx.db((tx) => q.setImageAttachment(tx, image.id, { id: found.id, url: found.source_url }));
  }
  return media;
}
