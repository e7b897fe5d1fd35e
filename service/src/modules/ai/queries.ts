import { pageOf, where, type Page } from '../../db/lists';
import type { AIRun, Phase } from '@igny8/shared';
import type { Tx } from '../../db/client';
import type { DbRow } from '../../db/rows';

export type RunRow = DbRow<AIRun>;

export const RUN_COLUMNS = [
  'id', 'function', 'status', 'phase', 'progress', 'message', 'result', 'error', 'site_id', 'sector_id', 'model',
  'credits_reserved', 'credits_used', 'tokens_in', 'tokens_out', 'cost_usd', 'created_at', 'started_at', 'finished_at',
];

/**
 * Inserts a queued run unless an identical one is in flight; returns the new id and the account's
 * job lane it goes to (the one of `lanes` with the fewest runs in flight), or null.
 */
export async function insertRun(
  tx: Tx,
  r: { accountId: string; siteIds: string[]; sectorId: string | null; fn: string; inputHash: string; payload: unknown; credits: number; createdBy: string | null; actor: string; lanes: number },
) {
  // site_id stays the one site of a single-site run (what lists filter and show); site_ids decides who sees it.
  const siteId = r.siteIds.length === 1 ? r.siteIds[0]! : null;
  const [row] = await tx`
    insert into ai_runs (account_id, site_id, site_ids, sector_id, function, input_hash, payload, credits_reserved, created_by, actor, job_lane)
    values (${r.accountId}, ${siteId}, ${r.siteIds}::uuid[], ${r.sectorId}, ${r.fn}, ${r.inputHash}, ${tx.json(r.payload as never)}, ${r.credits}, ${r.createdBy}, ${r.actor},
      (select lane from generate_series(0, ${r.lanes} - 1) lane
       order by (select count(*) from ai_runs q where q.account_id = ${r.accountId} and q.status in ('queued', 'running') and q.job_lane = lane), lane
       limit 1))
    on conflict (account_id, function, input_hash) where status in ('queued', 'running') do nothing
    returning id, job_lane`;
  return row ? { id: row.id as string, lane: row.job_lane as number } : null;
}

export async function inFlightRun(tx: Tx, accountId: string, fn: string, inputHash: string) {
  const [row] = await tx`
    select id from ai_runs where account_id = ${accountId} and function = ${fn} and input_hash = ${inputHash}
      and status in ('queued', 'running')`;
  return row ? (row.id as string) : null;
}

/** Queues the run's job in its account's lane: a lane runs one job at a time, in every process. */
export async function enqueueRun(tx: Tx, run: { id: string; accountId: string; lane: number }) {
  const queue = `ai:${run.accountId}:${run.lane}`;
  await tx`select igny8_enqueue_to(${queue}, 'ai__run', json_build_object('run_id', ${run.id}::uuid), ${`ai_run:${run.id}`})`;
}

export async function getRun(tx: Tx, runId: string) {
  const [row] = await tx<RunRow[]>`select ${tx(RUN_COLUMNS)} from ai_runs where id = ${runId}`;
  return row ?? null;
}

export async function listRuns(
  tx: Tx,
  f: { fn?: string | undefined; status?: string | undefined; siteId?: string | undefined },
  page: Page,
) {
  const filters = where(tx, { function: f.fn, status: f.status }, [f.siteId ? tx`${f.siteId}::uuid = any(site_ids)` : null]);
  return pageOf<RunRow>(tx, { select: tx`${tx(RUN_COLUMNS)}`, from: tx`from ai_runs ${filters}`, order: tx`created_at desc, id desc`, page });
}

/** Claims a run for execution; null when it already finished (a retried job then does nothing). */
export async function claimRun(tx: Tx, runId: string) {
  const [row] = await tx`
    with claimed as (
      update ai_runs set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()),
                         phase = 'INIT', progress = 0, message = 'Checking the request', updated_at = now()
      where id = ${runId} and status in ('queued', 'running')
      returning id, account_id, site_id, sector_id, function, payload, created_by, credits_reserved, attempts, created_at::text as requested_at)
    select claimed.*, pg_notify('igny8_ai_runs', ${runId}) from claimed`;
  return row ?? null;
}

/**
 * Records progress, forward only: progress reports may land out of order (a function reporting
 * without awaiting), and a late one must not take the run back to an earlier phase.
 */
export async function setProgress(tx: Tx, runId: string, p: { phase: Phase; progress: number; message: string }) {
  await tx`
    with u as (
      update ai_runs set phase = ${p.phase}, progress = ${p.progress}, message = ${p.message}, updated_at = now()
      where id = ${runId} and status = 'running' and progress <= ${p.progress} returning id)
    select pg_notify('igny8_ai_runs', ${runId}) from u`;
}

export type Usage = { tokensIn: number; tokensOut: number; costUsd: number; model: string | null };

/** Marks a running run succeeded; false when it is no longer running (then nothing else may be written). */
export async function finishRun(tx: Tx, runId: string, f: { result: unknown; credits: number; usage: Usage }) {
  const rows = await tx`
    update ai_runs set status = 'succeeded', phase = 'DONE', progress = 100, message = 'Done',
      result = ${tx.json(f.result as never)}, credits_used = ${f.credits}, tokens_in = ${f.usage.tokensIn},
      tokens_out = ${f.usage.tokensOut}, cost_usd = ${f.usage.costUsd}, model = ${f.usage.model},
      finished_at = now(), updated_at = now()
    where id = ${runId} and status = 'running' returning id`;
  if (rows.length) await tx`select pg_notify('igny8_ai_runs', ${runId})`;
  return rows.length > 0;
}

export async function failRun(tx: Tx, runId: string, f: { error: string; usage: Usage }) {
  const [row] = await tx`
    update ai_runs set status = 'failed', message = 'Failed', error = ${f.error}, tokens_in = ${f.usage.tokensIn},
      tokens_out = ${f.usage.tokensOut}, cost_usd = ${f.usage.costUsd}, model = ${f.usage.model},
      finished_at = now(), updated_at = now()
    where id = ${runId} and status in ('queued', 'running')
    returning account_id, function, credits_reserved`;
  if (row) await tx`select pg_notify('igny8_ai_runs', ${runId})`;
  return row ? { accountId: row.account_id as string, fn: row.function as string, reserved: row.credits_reserved as number } : null;
}

/** Runs queued or running whose row nobody touched for `seconds`: those a reaper looks at. */
export async function quietRunsInFlight(tx: Tx, seconds: number): Promise<string[]> {
  const rows = await tx`
    select id from ai_runs where status in ('queued', 'running') and updated_at < now() - make_interval(secs => ${seconds})`;
  return rows.map((r) => r.id as string);
}
