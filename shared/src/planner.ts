import { z } from 'zod';
import { idSchema as id, nonBlank, queryFlag, timestampSchema as timestamp } from './common';

export const INTENTS = ['informational', 'navigational', 'commercial', 'transactional'] as const;
export type Intent = (typeof INTENTS)[number];

export const KEYWORD_STATUSES = ['new', 'clustered', 'archived'] as const;
export const CONTENT_TYPES = ['guide', 'listicle', 'comparison', 'how_to', 'review', 'explainer', 'case_study', 'news', 'landing_page'] as const;
export type ContentType = (typeof CONTENT_TYPES)[number];
export const IDEA_STATUSES = ['new', 'scheduled', 'archived'] as const;
export const CLUSTER_STATUSES = ['active', 'archived'] as const;
export const TASK_STATUSES = ['queued', 'in_progress', 'completed', 'failed'] as const;

/**
 * How coarse auto_cluster's clusters are: broad gives fewer, larger clusters, tight more, smaller
 * ones; each tight cluster lies within one balanced cluster, each balanced one within one broad one.
 */
export const CLUSTER_GRANULARITIES = ['broad', 'balanced', 'tight'] as const;
export type ClusterGranularity = (typeof CLUSTER_GRANULARITIES)[number];
export const clusterGranularitySchema = z
  .enum(CLUSTER_GRANULARITIES)
  .describe('broad: fewer, larger clusters; tight: more, smaller ones, each inside a balanced one (default balanced)');

/** Keyword list orderings the API accepts (`-` for descending). */
export const KEYWORD_ORDERINGS = ['volume', 'keyword', 'difficulty', 'cpc', 'created_at'] as const;

export const keywordSchema = z.object({
  id, account_id: id, site_id: id, sector_id: id,
  keyword: z.string(),
  volume: z.number().int().nullable(),
  difficulty: z.number().int().nullable(),
  cpc: z.number().nullable(),
  intent: z.enum(INTENTS).nullable(),
  country: z.string().nullable(),
  status: z.enum(KEYWORD_STATUSES),
  cluster_id: id.nullable(),
  cluster_locked: z.boolean(),
  created_at: timestamp,
  updated_at: timestamp,
}).meta({ id: 'Keyword' });
export type Keyword = z.infer<typeof keywordSchema>;

const keywordText = z.string().trim().min(1, 'A keyword cannot be empty.').max(255).meta({ pattern: '\\S' }).transform((k) => k.replace(/\s+/g, ' '));
const keywordFields = {
  volume: z.number().int().min(0).nullable(),
  difficulty: z.number().int().min(0).max(100).nullable(),
  cpc: z.number().min(0).max(100_000).nullable(),
  intent: z.enum(INTENTS).nullable(),
  // Two-letter country codes upper-cased, as the import does; longer names as written.
  country: z.string().trim().min(2).max(64).meta({ pattern: '\\S.*\\S' }).transform((c) => (/^[a-z]{2}$/i.test(c) ? c.toUpperCase() : c)).nullable(),
};

export const keywordCreateSchema = z
  .object({ sector_id: id, keyword: keywordText, ...keywordFields })
  .partial({ volume: true, difficulty: true, cpc: true, intent: true, country: true })
  .strict()
  .meta({ id: 'KeywordCreate' });

export const keywordPatchSchema = z
  .object({
    keyword: keywordText,
    ...keywordFields,
    status: z.enum(KEYWORD_STATUSES),
    /** Puts the keyword in a cluster by hand (it then stays there on re-clustering); null takes it out. */
    cluster_id: id.nullable(),
    /** False hands a keyword placed by hand back to automatic clustering. */
    cluster_locked: z.boolean(),
  })
  .partial()
  .strict()
  .meta({ id: 'KeywordPatch' });

export const bulkIdsSchema = z.object({ ids: z.array(id).min(1).max(10_000) }).strict().meta({ id: 'BulkIds' });

export const keywordListQuery = z.object({
  site_id: id.optional(),
  sector_id: id.optional(),
  cluster_id: id.optional(),
  unclustered: queryFlag().optional(),
  status: z.enum(KEYWORD_STATUSES).optional(),
  intent: z.enum(INTENTS).optional(),
  search: nonBlank(255).optional(),
  min_volume: z.coerce.number().int().min(0).optional(),
  max_volume: z.coerce.number().int().min(0).optional(),
  min_difficulty: z.coerce.number().int().min(0).max(100).optional(),
  max_difficulty: z.coerce.number().int().min(0).max(100).optional(),
  ordering: z.enum(KEYWORD_ORDERINGS.flatMap((o) => [o, `-${o}`]) as [string, ...string[]]).default('-volume'),
});
export type KeywordListQuery = z.infer<typeof keywordListQuery>;

export const importResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
  errors_truncated: z.boolean(),
  /** How the file was read: UTF-8, UTF-16, or Windows-1252 for legacy Excel "CSV (Comma delimited)" files. */
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']),
}).meta({ id: 'ImportResult' });

/** The answer to an upload too large to import while the client waits: poll `status_url`. */
export const importQueuedSchema = z.object({ import_id: id, status_url: z.string() }).meta({ id: 'ImportQueued' });

/** An import running as a job: its progress in rows, then its result (as an inline import answers) or error. */
export const importStatusSchema = z.object({
  id,
  sector_id: id,
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  bytes: z.number().int(),
  rows_read: z.number().int(),
  rows_good: z.number().int(),
  rows_bad: z.number().int(),
  // A union, not .nullable(): the document generator would otherwise lose the null of a named schema.
  result: z.union([importResultSchema, z.null()]),
  error: z.string().nullable(),
  created_at: timestamp,
  started_at: timestamp.nullable(),
  finished_at: timestamp.nullable(),
}).meta({ id: 'KeywordImport' });
export type KeywordImport = z.infer<typeof importStatusSchema>;

export const clusterSchema = z.object({
  id, account_id: id, site_id: id, sector_id: id,
  name: z.string(),
  description: z.string(),
  intent: z.enum(INTENTS).nullable(),
  pillar_keyword_id: id.nullable(),
  pillar_keyword: z.string().nullable(),
  keyword_count: z.number().int(),
  total_volume: z.number().int(),
  avg_difficulty: z.number().nullable(),
  status: z.enum(CLUSTER_STATUSES),
  source: z.enum(['auto', 'manual']),
  run_id: id.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
}).meta({ id: 'Cluster' });
export type Cluster = z.infer<typeof clusterSchema>;

export const clusterPatchSchema = z
  .object({
    name: nonBlank(300),
    description: z.string().trim().max(2000),
    intent: z.enum(INTENTS).nullable(),
    status: z.enum(CLUSTER_STATUSES),
  })
  .partial()
  .strict()
  .meta({ id: 'ClusterPatch' });

export const outlineSectionSchema = z.object({
  heading: z.string().min(1).max(300),
  level: z.union([z.literal(2), z.literal(3)]),
  /** What the section covers, in a line. */
  notes: z.string().max(1000).optional(),
}).meta({ id: 'OutlineSection' });

export const ideaSchema = z.object({
  id, account_id: id, site_id: id, sector_id: id,
  cluster_id: id.nullable(),
  title: z.string(),
  description: z.string(),
  content_type: z.enum(CONTENT_TYPES),
  outline: z.array(outlineSectionSchema),
  target_keyword: z.string(),
  secondary_keywords: z.array(z.string()),
  estimated_word_count: z.number().int(),
  status: z.enum(IDEA_STATUSES),
  run_id: id.nullable(),
  created_at: timestamp,
  updated_at: timestamp,
}).meta({ id: 'Idea' });
export type Idea = z.infer<typeof ideaSchema>;

export const ideaPatchSchema = z
  .object({
    title: nonBlank(300),
    description: z.string().trim().max(2000),
    content_type: z.enum(CONTENT_TYPES),
    outline: z.array(outlineSectionSchema).max(60),
    target_keyword: z.string().trim().max(255),
    secondary_keywords: z.array(nonBlank(255)).max(50),
    estimated_word_count: z.number().int().min(100).max(20000),
    status: z.enum(IDEA_STATUSES),
  })
  .partial()
  .strict()
  .meta({ id: 'IdeaPatch' });

export const taskSchema = z.object({
  id, account_id: id, site_id: id, sector_id: id,
  idea_id: id.nullable(),
  cluster_id: id.nullable(),
  title: z.string(),
  brief: z.string(),
  content_type: z.string(),
  outline: z.array(outlineSectionSchema),
  primary_keyword: z.string(),
  secondary_keywords: z.array(z.string()),
  target_word_count: z.number().int(),
  author_profile_id: id.nullable(),
  strategy_id: id.nullable(),
  status: z.enum(TASK_STATUSES),
  created_at: timestamp,
  updated_at: timestamp,
}).meta({ id: 'Task' });
export type Task = z.infer<typeof taskSchema>;
