import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../context';
import { inScope } from '../../http/scope';
import { startRun } from './service';
import type { AIFunction } from './types';

/** What an endpoint that starts an AI run answers (202). */
export const runStartedSchema = z
  .object({
    run_id: z.uuid(),
    /** True when an identical request was still queued or running and this is its run. */
    existing: z.boolean(),
  })
  .openapi('RunStarted');

/** Starts `fn` for the caller of an HTTP request, in its tenant transaction, within the account's job share. */
export async function requestRun(c: Context<AppEnv>, fn: AIFunction, input: unknown): Promise<z.infer<typeof runStartedSchema>> {
  const maxJobs = c.get('deps').config.accountMaxJobs;
  const { runId, existing } = await inScope(c, (tx) => startRun(tx, c.get('caller'), fn, input, { maxJobs }));
  return { run_id: runId, existing };
}
