import { z } from 'zod';
import { CREDIT_COSTS } from './ai';
import { IMAGE_STYLES, imageSizeSchema } from './images';
import { outlineSectionSchema } from './planner';

/** What the block editor's sidebar can have written for the post being edited. */
export const ASSIST_KINDS = ['title', 'outline', 'section', 'draft', 'meta_description', 'featured_image'] as const;
export type AssistKind = (typeof ASSIST_KINDS)[number];

/** Credits per request: a whole draft costs what an article does, every smaller part one credit. */
export const ASSIST_CREDITS: Record<AssistKind, number> = {
  title: 1,
  outline: 1,
  section: 1,
  meta_description: 1,
  draft: CREDIT_COSTS.content,
  // Its prompt, alt text and caption, then the image: what planning and rendering one image cost.
  featured_image: CREDIT_COSTS.imagePrompts + CREDIT_COSTS.image,
};

const SOURCES = ['topic', 'keyword_id', 'cluster_id', 'idea_id'] as const;
const heading = z.string().trim().min(1).max(300);

/**
 * POST /writer/assist. The subject is exactly one of a typed topic (with the site it is for), a
 * keyword, a cluster or an idea; `title`, `outline` and `heading` say what the post has so far and,
 * for a section, which one to write (no heading: the introduction).
 */
export const assistInputSchema = z
  .object({
    kind: z.enum(ASSIST_KINDS),
    topic: z.string().trim().min(1).max(300).optional(),
    keyword_id: z.uuid().optional(),
    cluster_id: z.uuid().optional(),
    idea_id: z.uuid().optional(),
    /** The site a typed topic is for; a signed site's own when it sends none. */
    site_id: z.uuid().optional(),
    title: heading.optional(),
    outline: z.array(outlineSectionSchema).min(1).max(40).optional(),
    heading: heading.optional(),
    /** The post's text so far (plain text), so that a title or meta description fits what is written. */
    text: z.string().max(50_000).optional(),
    /** A featured image's look and size (realistic, 1536x1024 when not named). */
    style: z.enum(IMAGE_STYLES).optional(),
    size: imageSizeSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const named = SOURCES.filter((s) => v[s] !== undefined);
    if (named.length !== 1) {
      ctx.addIssue({ code: 'custom', path: [named[1] ?? 'topic'], message: 'Name exactly one of topic, keyword_id, cluster_id or idea_id.' });
    }
    if (v.heading !== undefined && v.kind !== 'section') {
      ctx.addIssue({ code: 'custom', path: ['heading'], message: 'Only a section is written for a heading.' });
    }
    for (const field of ['style', 'size'] as const) {
      if (v[field] !== undefined && v.kind !== 'featured_image') ctx.addIssue({ code: 'custom', path: [field], message: 'Only a featured image has a style and a size.' });
    }
    if (v.heading !== undefined && v.outline && !v.outline.some((s) => s.heading === v.heading)) {
      ctx.addIssue({ code: 'custom', path: ['heading'], message: 'The heading is not one of the outline’s.' });
    }
  });
export type AssistInput = z.infer<typeof assistInputSchema>;

/** The run's result: text for a title or meta description, block markup built by the service for the rest. */
export type AssistResult =
  | { kind: 'title'; title: string }
  | { kind: 'meta_description'; meta_description: string }
  | { kind: 'outline'; title: string; outline: { heading: string; level: 2 | 3; notes: string }[]; blocks: string }
  | { kind: 'section'; heading: string | null; blocks: string; word_count: number }
  | { kind: 'draft'; title: string; meta_title: string; meta_description: string; excerpt: string; blocks: string; word_count: number }
  | {
      kind: 'featured_image';
      /** Where the image's bytes are: GET this path of the API (`/writer/assist/{run_id}/image`). */
      file: string;
      mime_type: string;
      width: number;
      height: number;
      alt: string;
      caption: string;
      prompt: string;
    };
