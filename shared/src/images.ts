import { z } from 'zod';
import { idSchema as id, timestampSchema as timestamp } from './common';

export const IMAGE_KINDS = ['featured', 'in_article'] as const;
export const IMAGE_STYLES = ['realistic', 'artistic', 'cartoon'] as const;
export type ImageStyle = (typeof IMAGE_STYLES)[number];
export const IMAGE_STATUSES = ['pending', 'generated', 'failed'] as const;

/** Images one generate_images request may name, and articles one generate_image_prompts request may. */
export const MAX_IMAGES_PER_GENERATION = 50;
export const MAX_CONTENT_PER_IMAGE_PROMPTS = 50;
/** Alt text longer than this is cut: screen readers and search engines read about this much. */
export const ALT_TEXT_MAX = 125;

/** `WIDTHxHEIGHT` in pixels, each side 256–2048 (providers round to the sizes they render). */
export const imageSizeSchema = z
  .string()
  .regex(/^[0-9]{3,4}x[0-9]{3,4}$/, 'Write the size as WIDTHxHEIGHT, e.g. 1024x1024.')
  .refine((s) => s.split('x').every((n) => Number(n) >= 256 && Number(n) <= 2048), 'Each side must be 256 to 2048 pixels.')
  .meta({ example: '1024x1024', pattern: '^[0-9]{3,4}x[0-9]{3,4}$' });

export const imageSchema = z.object({
  id, account_id: id, site_id: id, sector_id: id, content_id: id,
  kind: z.enum(IMAGE_KINDS),
  /** For in-article images: the 0-based index of the article's H2 heading the image goes after. */
  position: z.number().int(),
  prompt: z.string(),
  alt: z.string(),
  caption: z.string(),
  style: z.enum(IMAGE_STYLES),
  size: z.string(),
  status: z.enum(IMAGE_STATUSES),
  /** Why the last generation failed, when it did. */
  error: z.string().nullable(),
  /** The stored file, served by the API (`GET /writer/images/{id}/file`); null until generated. */
  file_url: z.string().nullable(),
  mime_type: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  wp_attachment_id: z.number().int().nullable(),
  wp_url: z.string().nullable(),
  run_id: id.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
}).meta({ id: 'Image' });
export type Image = z.infer<typeof imageSchema>;

export const imagePatchSchema = z
  .object({
    prompt: z.string().trim().min(1).max(4000).meta({ pattern: '\\S' }),
    alt: z.string().trim().max(ALT_TEXT_MAX),
    caption: z.string().trim().max(500),
    style: z.enum(IMAGE_STYLES),
    size: imageSizeSchema,
  })
  .partial()
  .strict()
  .meta({ id: 'ImagePatch' });

export const generateImagePromptsSchema = z
  .object({
    content_ids: z.array(id).min(1).max(MAX_CONTENT_PER_IMAGE_PROMPTS),
    /** One in-article image per this many H2 sections (the first after the first section). */
    sections_per_image: z.number().int().min(1).max(20).default(3),
    style: z.enum(IMAGE_STYLES).default('realistic'),
    size: imageSizeSchema.default('1024x1024'),
  })
  .strict()
  .meta({ id: 'GenerateImagePrompts' });

export const generateImagesSchema = z
  .object({
    image_ids: z.array(id).min(1).max(MAX_IMAGES_PER_GENERATION),
    /** Replaces the style of every image named, before it is rendered. */
    style: z.enum(IMAGE_STYLES).optional(),
    /** Replaces the size of every image named, before it is rendered. */
    size: imageSizeSchema.optional(),
  })
  .strict()
  .meta({ id: 'GenerateImages' });
