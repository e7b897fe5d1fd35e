import { z } from 'zod';
import type { AIFunctionName } from './ai';
import { idSchema as id, nonBlank, timestampSchema as timestamp } from './common';

// ---- prompt templates -------------------------------------------------------------------------

/** The AI functions that run on a prompt template an account may override. */
export const PROMPT_FUNCTIONS = [
  'auto_cluster',
  'generate_ideas',
  'generate_content',
  'generate_image_prompts',
  'generate_images',
] as const satisfies readonly AIFunctionName[];
export type PromptFunction = (typeof PROMPT_FUNCTIONS)[number];

/** A `{{name}}` placeholder a prompt template may use; required ones must appear in every template. */
export type PromptVariable = { name: string; description: string; required: boolean };

const v = (name: string, description: string, required = false): PromptVariable => ({ name, description, required });

/** The variables each AI function fills in, in the order the dashboard lists them. */
export const PROMPT_VARIABLES: Record<PromptFunction, readonly PromptVariable[]> = {
  auto_cluster: [v('keywords', 'The clusters found by similarity, one per line: its number, size and top keywords with volume.', true)],
  generate_ideas: [
    v('cluster_name', 'Name of the keyword cluster.', true),
    v('cluster_description', 'What the cluster is about.'),
    v('keywords', "The cluster's keywords, one per line with volume when known.", true),
    v('intent', 'Dominant search intent: informational, commercial, transactional or navigational.'),
    v('ideas_per_cluster', 'How many ideas to propose.'),
    v('author_profile', 'The author profile: voice, audience, reading level, dos and don’ts.'),
    v('strategy', 'The content strategy: content types, length, tone and instructions.'),
  ],
  generate_content: [
    v('title', 'Working title of the piece.', true),
    v('outline', 'The planned outline (headings and what each section covers).'),
    v('primary_keyword', 'The keyword the piece must rank for.', true),
    v('secondary_keywords', 'Related keywords to cover naturally, comma-separated.'),
    v('word_count', 'Target length in words.'),
    v('content_type', 'Kind of piece, e.g. blog_post, guide, listicle, comparison.'),
    v('author_profile', 'The author profile: voice, audience, reading level, dos and don’ts.'),
    v('strategy', 'The content strategy: content types, length, tone and instructions.'),
  ],
  generate_image_prompts: [
    v('title', 'Title of the article.', true),
    v('content_excerpt', 'The opening of the article (plain text).', true),
    v('sections', 'The article’s section headings, one per line.'),
    v('style', 'Visual style wanted for the images.'),
  ],
  generate_images: [v('prompt', 'The image description to render.', true), v('style', 'Visual style wanted for the image.')],
};

/** Longest prompt template accepted, in characters. */
export const PROMPT_TEMPLATE_MAX_LENGTH = 20_000;

export const promptTemplatePutSchema = z
  .object({
    template: z
      .string()
      .max(PROMPT_TEMPLATE_MAX_LENGTH, `Use at most ${PROMPT_TEMPLATE_MAX_LENGTH} characters.`)
      .refine((t) => t.trim().length > 0, 'The template is empty.')
      .meta({
        pattern: '\\S',
        description: 'The template text. It must use every required `{{variable}}` of its function (see `variables` of GET /thinker/prompts/{function}).',
      }),
  })
  .strict()
  .meta({ id: 'PromptTemplatePut' });

export const promptTemplateSchema = z.object({
  function: z.enum(PROMPT_FUNCTIONS),
  template: z.string(),
  /** True when the account has no override and the built-in template applies. */
  is_default: z.boolean(),
  default_template: z.string(),
  variables: z.array(z.object({ name: z.string(), description: z.string(), required: z.boolean() })),
  updated_at: timestamp.nullable(),
  updated_by: id.nullable(),
}).meta({ id: 'PromptTemplate' });
export type PromptTemplate = z.infer<typeof promptTemplateSchema>;

// ---- author profiles and strategies -----------------------------------------------------------

const name = nonBlank(200);
const text = (max: number) => z.string().trim().max(max);
const rules = z.array(nonBlank(300)).max(30);

export const authorProfileCreateSchema = z
  .object({
    name,
    description: text(2000).default(''),
    tone: text(500).default(''),
    audience: text(500).default(''),
    reading_level: text(100).default(''),
    do_list: rules.default([]),
    dont_list: rules.default([]),
    is_default: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'AuthorProfileCreate' });
export const authorProfilePatchSchema = z
  .object({
    name,
    description: text(2000),
    tone: text(500),
    audience: text(500),
    reading_level: text(100),
    do_list: rules,
    dont_list: rules,
    is_default: z.boolean(),
  })
  .partial()
  .strict()
  .meta({ id: 'AuthorProfilePatch' });

export const authorProfileSchema = z.object({
  id,
  account_id: id,
  name: z.string(),
  description: z.string(),
  tone: z.string(),
  audience: z.string(),
  reading_level: z.string(),
  do_list: z.array(z.string()),
  dont_list: z.array(z.string()),
  is_default: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
}).meta({ id: 'AuthorProfile' });
export type AuthorProfile = z.infer<typeof authorProfileSchema>;

/** A content type slug such as `blog_post`, `guide` or `comparison`. */
const contentType = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,49}$/, 'Use a lower-case slug such as blog_post.');

export const strategyCreateSchema = z
  .object({
    name,
    description: text(2000).default(''),
    content_types: z.array(contentType).max(20).default([]),
    target_word_count: z.number().int().min(100).max(20_000).nullable().default(null),
    tone: text(500).default(''),
    instructions: text(5000).default(''),
    is_default: z.boolean().default(false),
    site_id: id.nullable().default(null),
    sector_id: id.nullable().default(null),
  })
  .strict()
  .meta({ id: 'StrategyCreate' });
export const strategyPatchSchema = z
  .object({
    name,
    description: text(2000),
    content_types: z.array(contentType).max(20),
    target_word_count: z.number().int().min(100).max(20_000).nullable(),
    tone: text(500),
    instructions: text(5000),
    is_default: z.boolean(),
    site_id: id.nullable(),
    sector_id: id.nullable(),
  })
  .partial()
  .strict()
  .meta({ id: 'StrategyPatch' });

export const strategySchema = z.object({
  id,
  account_id: id,
  site_id: id.nullable(),
  sector_id: id.nullable(),
  name: z.string(),
  description: z.string(),
  content_types: z.array(z.string()),
  target_word_count: z.number().int().nullable(),
  tone: z.string(),
  instructions: z.string(),
  is_default: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
}).meta({ id: 'Strategy' });
export type Strategy = z.infer<typeof strategySchema>;

// ---- provider integrations --------------------------------------------------------------------

export const INTEGRATION_TYPES = ['openai', 'runware'] as const;
export type IntegrationType = (typeof INTEGRATION_TYPES)[number];

const apiKey = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .regex(/^\S+$/, 'An API key has no spaces.');
const baseUrl = z
  .url({ protocol: /^https?$/, message: 'Enter an http:// or https:// URL.' })
  .max(500)
  .transform((u) => u.replace(/\/+$/, ''));
const model = z.string().trim().min(1, 'Name a model.').max(200).meta({ pattern: '\\S' });

/**
 * Changes to an integration. An omitted field keeps its value; `null` clears it (for the key:
 * removes it; for the others: falls back to the service default).
 */
export const openaiIntegrationPutSchema = z
  .object({
    api_key: apiKey.nullable(),
    base_url: baseUrl.nullable(),
    text_model: model.nullable(),
    embedding_model: model.nullable(),
    image_model: model.nullable(),
    is_enabled: z.boolean(),
  })
  .partial()
  .strict()
  .meta({ id: 'OpenAIIntegrationPut' });
export const runwareIntegrationPutSchema = z
  .object({
    api_key: apiKey.nullable(),
    base_url: baseUrl.nullable(),
    model: model.nullable(),
    is_enabled: z.boolean(),
  })
  .partial()
  .strict()
  .meta({ id: 'RunwareIntegrationPut' });

/** Where an effective setting comes from: the account, the server's environment, or the built-in default. */
export const SETTING_SOURCES = ['account', 'environment', 'default', 'none'] as const;

const integrationCommon = {
  /** The account's key masked (`sk-...abcd`), never whole; null when the key is not the account's own. */
  api_key: z.string().nullable(),
  has_api_key: z.boolean(),
  is_enabled: z.boolean(),
  /** Where each effective value comes from. */
  sources: z.record(z.string(), z.enum(SETTING_SOURCES)),
  updated_at: timestamp.nullable(),
};
export const openaiIntegrationSchema = z.object({
  type: z.literal('openai'),
  ...integrationCommon,
  base_url: z.string(),
  text_model: z.string(),
  embedding_model: z.string(),
  image_model: z.string(),
}).meta({ id: 'OpenAIIntegration' });
export const runwareIntegrationSchema = z.object({
  type: z.literal('runware'),
  ...integrationCommon,
  base_url: z.string(),
  model: z.string(),
}).meta({ id: 'RunwareIntegration' });
export const integrationSchema = z.discriminatedUnion('type', [openaiIntegrationSchema, runwareIntegrationSchema]);
export type Integration = z.infer<typeof integrationSchema>;

export const integrationTestResultSchema = z.object({
  ok: z.boolean(),
  model: z.string(),
  latency_ms: z.number().int(),
  error: z.string().optional(),
}).meta({ id: 'IntegrationTestResult' });
