import type { Deps } from '../../context';
import { GLOBAL } from '../../db/client';
import { liveJobKeys, removeJobs } from '../../jobs/queries';
import * as q from './queries';
import { failRunAndRefund } from './service';

export const STUCK_MESSAGE = 'The run stopped and could not be resumed; the credits were refunded. Start it again.';

const jobKey = (runId: string) => `ai_run:${runId}`;

/**
 * Fails and refunds runs that no job will ever finish: their job used up its attempts (a worker
 * killed during the last one, the database gone when the failure was to be recorded) or vanished.
 * Left alone, such a run kept its credits reserved and answered every identical request forever.
 * Only runs quiet for `quietSeconds` are looked at; their dead jobs are removed from the queue.
 */
export async function reapStuckRuns(deps: Deps, quietSeconds: number): Promise<string[]> {
  const candidates = await deps.db.run(GLOBAL, (tx) => q.quietRunsInFlight(tx, quietSeconds));
  if (candidates.length === 0) return [];
  const live = await liveJobKeys(deps.db.owner, candidates.map(jobKey));
  const stuck = candidates.filter((id) => !live.has(jobKey(id)));
  const reaped: string[] = [];
  for (const id of stuck) {
    if (await deps.db.run(GLOBAL, (tx) => failRunAndRefund(tx, id, STUCK_MESSAGE))) reaped.push(id);
  }
  await removeJobs(deps.db.owner, stuck.map(jobKey));
  if (reaped.length) deps.logger.warn({ runs: reaped }, 'failed and refunded runs that no job would finish');
  return reaped;
}

/** The reaper as heartbeat housekeeping: at most once every `quietSeconds`. */
export function stuckRunReaper(deps: Deps, quietSeconds: number): () => Promise<void> {
  let last = 0;
  return async () => {
    if (Date.now() - last < quietSeconds * 1000) return;
    last = Date.now();
    await reapStuckRuns(deps, quietSeconds);
  };
}
