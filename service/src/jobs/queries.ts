import type { Sql } from '../db/client';

// The job queue's own tables belong to the owner role; these run on the owner connection.

export async function beat(owner: Sql, workerIds: string[], processName: string) {
  if (workerIds.length === 0) return;
  await owner`
    insert into worker_heartbeats (worker_id, process, last_seen)
    select unnest(${workerIds}::text[]), ${processName}, now()
    on conflict (worker_id) do update set last_seen = now()`;
}

export async function forget(owner: Sql, workerIds: string[]) {
  if (workerIds.length === 0) return;
  await owner`delete from worker_heartbeats where worker_id = any(${workerIds}::text[])`;
}

/**
 * Jobs held by workers that stopped beating `staleSeconds` ago (a SIGKILL, a lost machine) are
 * unlocked so that a live worker picks them up; the queue itself would wait four hours.
 */
export async function unlockAbandoned(owner: Sql, staleSeconds: number): Promise<string[]> {
  const rows = await owner`
    select distinct j.locked_by as worker_id
    from graphile_worker.jobs j
    where j.locked_by is not null
      and j.locked_at < now() - make_interval(secs => ${staleSeconds})
      and not exists (
        select 1 from worker_heartbeats h
        where h.worker_id = j.locked_by and h.last_seen > now() - make_interval(secs => ${staleSeconds}))`;
  const ids = rows.map((r) => r.worker_id as string);
  if (ids.length > 0) {
    await owner`select graphile_worker.force_unlock_workers(${ids}::text[])`;
    await forget(owner, ids);
  }
  return ids;
}

/**
 * Of the jobs with these keys, those that still exist and will run (again): waiting, locked by a
 * worker, or failed with attempts left. Read through graphile-worker's public `jobs` view.
 */
export async function liveJobKeys(owner: Sql, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await owner`
    select key from graphile_worker.jobs
    where key = any(${keys}::text[]) and (attempts < max_attempts or locked_at is not null)`;
  return new Set(rows.map((r) => r.key as string));
}

/** Removes jobs by key (graphile-worker's remove_job; a locked job is left to finish). */
export async function removeJobs(owner: Sql, keys: string[]) {
  if (keys.length === 0) return;
  await owner`select graphile_worker.remove_job(k) from unnest(${keys}::text[]) k`;
}
