// The AI engine as other modules see it: start a run of one of the service's AI functions.
import { z } from 'zod';

export { startRun } from './service';
export type { Engine } from './engine';
export type { AIFunction, PromptRequest, RunContext } from './types';
export { RunError } from './types';

/** The answer of every request that starts an AI run. */
export const runStartedSchema = z.object({
  run_id: z.uuid(),
  /** True when an identical request was still queued or running and this is its run. */
  existing: z.boolean(),
});
