import { z } from 'zod';
import { nonBlank, timestampSchema } from './common';

export const AI_FUNCTIONS = ['auto_cluster', 'generate_ideas', 'generate_content', 'generate_image_prompts', 'generate_images'] as const;
export type AIFunctionName = (typeof AI_FUNCTIONS)[number];

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** The six phases of every AI run and the share of the progress bar each one owns. */
export const PHASES = {
  INIT: [0, 10],
  PREP: [10, 25],
  AI_CALL: [25, 70],
  PARSE: [70, 85],
  SAVE: [85, 98],
  DONE: [98, 100],
} as const satisfies Record<string, readonly [number, number]>;
export type Phase = keyof typeof PHASES;

export { CREDIT_COSTS, clusteringCredits } from './credits';

export const aiRunSchema = z.object({
  id: z.uuid(),
  function: z.string(),
  status: z.enum(RUN_STATUSES),
  phase: z.enum(Object.keys(PHASES) as [Phase, ...Phase[]]),
  progress: z.number().int().min(0).max(100),
  message: z.string(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  site_id: z.uuid().nullable(),
  sector_id: z.uuid().nullable(),
  model: z.string().nullable(),
  credits_reserved: z.number().int(),
  credits_used: z.number().int(),
  tokens_in: z.number().int(),
  tokens_out: z.number().int(),
  cost_usd: z.number(),
  created_at: timestampSchema,
  started_at: timestampSchema.nullable(),
  finished_at: timestampSchema.nullable(),
}).meta({ id: 'AIRun' });
export type AIRun = z.infer<typeof aiRunSchema>;

export const CREDIT_KINDS = ['grant', 'purchase', 'adjustment', 'reserve', 'settle', 'refund'] as const;

/** An entry of the append-only credit ledger. */
export const creditTransactionSchema = z.object({
  id: z.uuid(),
  amount: z.number().int(),
  balance_after: z.number().int(),
  kind: z.enum(CREDIT_KINDS),
  reason: z.string(),
  run_id: z.uuid().nullable(),
  created_by: z.uuid().nullable(),
  actor: z.string().nullable().meta({ description: 'Who made the entry: `user:<id>`, `site:<id>/wp-user:<id>` or `system`' }),
  created_at: timestampSchema,
});
export type CreditTransaction = z.infer<typeof creditTransactionSchema>;

/** Usage summed per day (`day`) or per AI function (`function`). */
export const usageRowSchema = z.object({
  day: z.string().optional(),
  function: z.string().optional(),
  runs: z.number().int(),
  credits: z.number().int(),
  tokens_in: z.number().int(),
  tokens_out: z.number().int(),
  cost_usd: z.number(),
});
export type UsageRow = z.infer<typeof usageRowSchema>;

export const creditGrantSchema = z
  .object({
    account_id: z.uuid(),
    amount: z.number().int().min(-10_000_000).max(10_000_000).refine((n) => n !== 0, 'Use a non-zero amount.').meta({ not: { const: 0 } }),
    reason: nonBlank(500),
    kind: z.enum(['grant', 'purchase', 'adjustment']).default('adjustment'),
  })
  .strict()
  .meta({ id: 'CreditGrant' });
