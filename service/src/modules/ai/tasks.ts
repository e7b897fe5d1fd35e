import type { TaskList } from 'graphile-worker';
import { z } from 'zod';
import type { Engine } from './engine';

const runPayload = z.object({ run_id: z.uuid() });

/** The job queue's tasks of the AI engine: `ai__run` executes one run. */
export function aiTasks(engine: Engine): TaskList {
  return {
    ai__run: async (payload, helpers) => {
      const { run_id } = runPayload.parse(payload);
      await engine.execute(run_id, { finalAttempt: helpers.job.attempts >= helpers.job.max_attempts });
    },
  };
}
