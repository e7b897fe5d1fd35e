import { z } from 'zod';
import { idSchema as id, nonBlank, timestampSchema as timestamp } from './common';
import { CONTENT_TYPES, TASK_STATUSES, outlineSectionSchema } from './planner';

export const CONTENT_STATUSES = ['draft', 'review', 'approved', 'published', 'failed'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

/** Longest meta title and meta description search engines show in full. */
export const META_TITLE_MAX = 60;
export const META_DESCRIPTION_MAX = 160;
/** Tasks one generate_content request may name. */
export const MAX_TASKS_PER_GENERATION = 50;

const taskFields = {
  title: nonBlank(300),
  brief: z.string().trim().max(5000),
  content_type: z.enum(CONTENT_TYPES),
  outline: z.array(outlineSectionSchema).max(60),
  primary_keyword: z.string().trim().max(255),
  secondary_keywords: z.array(nonBlank(255)).max(50),
  target_word_count: z.number().int().min(100).max(20000),
  author_profile_id: id.nullable(),
  strategy_id: id.nullable(),
};

/** A task written by hand, in a sector. */
export const taskCreateSchema = z
  .object({ sector_id: id, ...taskFields })
  .partial({ brief: true, content_type: true, outline: true, primary_keyword: true, secondary_keywords: true, target_word_count: true, author_profile_id: true, strategy_id: true })
  .strict()
  .meta({ id: 'TaskCreate' });

export const taskPatchSchema = z
  .object({ ...taskFields, status: z.enum(TASK_STATUSES) })
  .partial()
  .strict()
  .meta({ id: 'TaskPatch' });

export const INTERNAL_LINK_KINDS = ['pillar', 'sibling'] as const;
/**
 * `linked`: the link is in the article's text. `pending`: the cluster's pillar article has no
 * WordPress address yet, so nothing links to it until links are placed again. `no_anchor`: no
 * paragraph of the article holds a phrase that fits as the pillar's anchor.
 */
export const INTERNAL_LINK_STATUSES = ['linked', 'pending', 'no_anchor'] as const;

/** A link the article holds (or would hold) to another article of its cluster. */
export const internalLinkSchema = z.object({
  target_content_id: id,
  target_title: z.string(),
  kind: z.enum(INTERNAL_LINK_KINDS),
  status: z.enum(INTERNAL_LINK_STATUSES),
  /** The target's WordPress address; null while it is not published. */
  url: z.string().nullable(),
  /** The words of the article that carry the link; null when it is not linked. */
  anchor: z.string().nullable(),
}).meta({ id: 'InternalLink' });
export type InternalLink = z.infer<typeof internalLinkSchema>;

export const contentSchema = z.object({
  id, account_id: id, site_id: id, sector_id: id,
  task_id: id.nullable(),
  title: z.string(),
  meta_title: z.string(),
  meta_description: z.string(),
  excerpt: z.string(),
  primary_keyword: z.string(),
  secondary_keywords: z.array(z.string()),
  /** The article as serialized block markup (core blocks only). */
  blocks: z.string(),
  /** The same article as plain HTML, without the block delimiters. */
  html: z.string(),
  word_count: z.number().int(),
  status: z.enum(CONTENT_STATUSES),
  /** Who approved the content and when; cleared when it goes back to draft or review. */
  approved_by: id.nullable(),
  approved_at: timestamp.nullable(),
  /** What the reviewer said when sending it back to draft; cleared by the next approval. */
  review_note: z.string(),
  wp_post_id: z.number().int().nullable(),
  wp_url: z.string().nullable(),
  internal_links: z.array(internalLinkSchema),
  run_id: id.nullable(),
  /** The last publish to WordPress: when it ended well, or why not (in words a user can act on). */
  published_at: timestamp.nullable(),
  publish_error: z.string().nullable(),
  /** SEO fields (meta_title, meta_description, focus_keyword) the site did not let the last publish set. */
  meta_not_set: z.array(z.string()),
  created_at: timestamp,
  updated_at: timestamp,
}).meta({ id: 'Content' });
export type Content = z.infer<typeof contentSchema>;

export const contentPatchSchema = z
  .object({
    title: nonBlank(300),
    meta_title: z.string().trim().max(META_TITLE_MAX),
    meta_description: z.string().trim().max(META_DESCRIPTION_MAX),
    excerpt: z.string().trim().max(1000),
    primary_keyword: z.string().trim().max(255),
    secondary_keywords: z.array(nonBlank(255)).max(50),
    /** Block markup; only the core blocks generation produces are accepted, each checked. */
    blocks: z.string().max(2_000_000),
    /**
     * A review step, under the same rules as `submit`, `approve` and `reject`: `review` submits,
     * `approved` approves (owners and admins), `draft` sends back to draft (owners and admins).
     */
    status: z.enum(['draft', 'review', 'approved']),
  })
  .partial()
  .strict()
  .meta({ id: 'ContentPatch' });

export const contentRevisionSchema = z.object({
  id,
  content_id: id,
  title: z.string(),
  meta_title: z.string(),
  meta_description: z.string(),
  excerpt: z.string(),
  blocks: z.string(),
  word_count: z.number().int(),
  /** What replaced this version: an edit, a new generation, or internal links placed again. */
  reason: z.enum(['edit', 'generation', 'internal_links']),
  created_by: id.nullable(),
  created_at: timestamp,
}).meta({ id: 'ContentRevision' });
export type ContentRevision = z.infer<typeof contentRevisionSchema>;

/** Why content goes back to draft, for its writers. */
export const contentRejectSchema = z
  .object({ note: z.string().trim().max(2000).default('') })
  .strict()
  .meta({ id: 'ContentReject' });
