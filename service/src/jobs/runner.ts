import { hostname } from 'node:os';
import { EventEmitter } from 'node:events';
import { Logger as QueueLogger, run, runMigrations, type Runner, type TaskList, type WorkerEvents } from 'graphile-worker';
import { z } from 'zod';
import type { Deps } from '../context';
import type { Logger } from '../logger';
import type { Engine } from '../modules/ai/engine';
import { keywords__import } from '../modules/planner/keywords/tasks';
import * as q from './queries';

const runPayload = z.object({ run_id: z.uuid() });

export type JobRunnerOptions = {
  concurrency: number;
  /** How often this process beats and looks for abandoned jobs. */
  heartbeatMs?: number;
  /** A worker silent for this long is considered dead and its jobs are unlocked. */
  staleSeconds?: number;
};

/** Installs or upgrades the job queue's schema (graphile-worker's own migrations). */
export async function migrateJobQueue(ownerUrl: string, log: Logger): Promise<void> {
  await runMigrations({ connectionString: ownerUrl, logger: queueLogger(log) });
}

/** graphile-worker's logs, in our structured log: its info and debug chatter at debug level. */
function queueLogger(log: Logger) {
  return new QueueLogger((scope) => (level, message, meta) => {
    const fields = { ...scope, ...meta };
    if (level === 'error') log.error(fields, message);
    else if (level === 'warning') log.warn(fields, message);
    else log.debug(fields, message);
  });
}

/**
 * Starts graphile-worker in this process with the service's tasks. Several processes on one
 * database cooperate: the queue hands each job to one worker, and the heartbeat lets survivors
 * take over the jobs of a process that died.
 */
export async function startJobRunner(deps: Deps, engine: Engine, ownerUrl: string, opts: JobRunnerOptions) {
  const log = deps.logger.child({ component: 'jobs' });
  const taskList: TaskList = {
    ai__run: async (payload, helpers) => {
      const { run_id } = runPayload.parse(payload);
      await engine.execute(run_id, { finalAttempt: helpers.job.attempts >= helpers.job.max_attempts });
    },
    keywords__import: (payload, helpers) => keywords__import(deps, payload, helpers),
  };
  // Jobs are locked in the name of the worker pool (graphile-worker 0.17), which is created during
  // run(): listen before starting it.
  const events: WorkerEvents = new EventEmitter();
  const workerIds = new Set<string>();
  events.on('pool:create', ({ workerPool }) => workerIds.add(workerPool.id));
  const runner: Runner = await run({
    connectionString: ownerUrl,
    concurrency: opts.concurrency,
    taskList,
    noHandleSignals: true,
    pollInterval: 2000,
    logger: queueLogger(log),
    events,
  });
  runner.events.on('job:error', ({ job, error }) => log.warn({ err: error, job: job.task_identifier, attempts: job.attempts }, 'job failed; it will be retried'));

  const processName = `${hostname()}:${process.pid}`;
  const staleSeconds = opts.staleSeconds ?? 30;
  const tick = async () => {
    try {
      await q.beat(deps.db.owner, [...workerIds], processName);
      const unlocked = await q.unlockAbandoned(deps.db.owner, staleSeconds);
      if (unlocked.length) log.warn({ workers: unlocked }, 'unlocked jobs of workers that stopped');
    } catch (err) {
      log.warn({ err }, 'heartbeat failed');
    }
  };
  await tick();
  const timer = setInterval(() => void tick(), opts.heartbeatMs ?? 5000);
  timer.unref();

  return {
    runner,
    async stop() {
      clearInterval(timer);
      await runner.stop();
      await q.forget(deps.db.owner, [...workerIds]).catch(() => {});
    },
  };
}
