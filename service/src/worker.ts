import { basename } from 'node:path';
import { loadConfig, type Config } from './config';
import type { Deps } from './context';
import { closeDeps, createDeps } from './deps';
import { startJobRunner } from './jobs/runner';
import { createLogger } from './logger';
import { stuckRunReaper } from './modules/ai/reaper';
import { createEngine } from './modules/ai/setup';
import { aiTasks } from './modules/ai/tasks';
import type { AIFunction } from './modules/ai/types';
import { keywordTasks, plannerFunctions } from './modules/planner';
import { orphanFileSweeper, writerFunctions } from './modules/writer';

/** Every AI function the service offers, from the modules that own them. */
export const AI_FUNCTIONS: readonly AIFunction[] = [...plannerFunctions, ...writerFunctions];

/** Starts the job workers for `deps`: in-process under `npm start`, or alone in a worker process. */
export async function startWorkers(deps: Deps, ownerUrl: string, functions: readonly AIFunction[] = AI_FUNCTIONS) {
  const stale = deps.config.workerStaleSeconds;
  return startJobRunner(deps, ownerUrl, {
    tasks: { ...aiTasks(createEngine(deps, functions)), ...keywordTasks(deps) },
    onHeartbeat: [stuckRunReaper(deps, stale), orphanFileSweeper(deps)],
    concurrency: deps.config.workerConcurrency,
    staleSeconds: stale,
    heartbeatMs: Math.max(500, (stale * 1000) / 6),
  });
}

/**
 * A worker process for scale-out (`npm run worker`): runs jobs against DATABASE_URL alongside the
 * HTTP service and any other workers on the same database.
 */
export async function runWorkerProcess(config: Config = loadConfig(), functions: readonly AIFunction[] = AI_FUNCTIONS): Promise<void> {
  const logger = createLogger(config.logLevel);
  // The embedded database belongs to `npm start` (which runs its own workers); a second process
  // starting it from the same folder would take it over. Scale-out needs a shared database.
  const ownerUrl = config.databaseUrl;
  if (!ownerUrl) throw new Error('npm run worker needs DATABASE_URL: separate workers share one PostgreSQL with the service (npm start already runs workers in-process).');
  const deps = await createDeps(config, logger, ownerUrl, { migrate: true });
  const workers = await startWorkers(deps, ownerUrl, functions);
  logger.info({ concurrency: config.workerConcurrency }, 'worker started');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    await workers.stop();
    await closeDeps(deps);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

// Run as a program: `tsx src/worker.ts` or the compiled `node dist/worker.js`. Judged by the file's
// name, not by import.meta.url: the compiled dist/main.js holds this module too, and must not start it.
if (process.argv[1] && /^worker\.[cm]?[jt]s$/.test(basename(process.argv[1]))) {
  runWorkerProcess().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
