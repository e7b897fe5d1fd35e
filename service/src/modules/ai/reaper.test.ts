import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { echoFunction } from '../../../test/ai-functions';
import { signup, type Session } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';
import { reapStuckRuns, STUCK_MESSAGE } from './reaper';
import { startRun } from './service';

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

const sql = () => svc.deps.db.owner;

async function start(s: Session, items: string[]) {
  const p = { kind: 'user' as const, userId: s.userId, accountId: s.accountId, role: 'owner' as const, sessionId: 'n/a', siteIds: null };
  return svc.deps.db.run({ kind: 'account', accountId: s.accountId, siteIds: null, readOnly: false }, (tx) =>
    startRun(tx, p, echoFunction, { items, credits: 10 }, { maxJobs: 2 }),
  );
}

/** The run as a worker left it: claimed, then silent for a minute. */
async function leftRunning(runId: string) {
  await sql()`update ai_runs set status = 'running', attempts = attempts + 1, updated_at = now() - interval '1 minute' where id = ${runId}`;
}

const balance = async (s: Session) => (await sql()`select credits from accounts where id = ${s.accountId}`)[0]!.credits as number;
const jobOf = async (runId: string) => (await sql()`select id, attempts, max_attempts from graphile_worker.jobs where key = ${`ai_run:${runId}`}`)[0];

describe('the stuck-run reaper', () => {
  it('fails and refunds a running run whose job used up its attempts, removes the job and lets the same request start again', async () => {
    const s = await signup(svc);
    const { runId } = await start(s, ['a']);
    expect(await balance(s)).toBe(90);
    await leftRunning(runId);
    const job = await jobOf(runId);
    // As after a worker was killed during the last attempt and its job unlocked.
    await sql()`select graphile_worker.reschedule_jobs(array[${job!.id}::bigint], attempts => ${job!.max_attempts}::int)`;
    // Before the reaper, the stuck run answers every identical request.
    expect(await start(s, ['a'])).toEqual({ runId, existing: true });

    expect(await reapStuckRuns(svc.deps, 30)).toEqual([runId]);
    const [run] = await sql()`select status, error from ai_runs where id = ${runId}`;
    expect(run).toEqual({ status: 'failed', error: STUCK_MESSAGE });
    expect(await balance(s)).toBe(100);
    expect(await jobOf(runId)).toBeUndefined();
    const again = await start(s, ['a']);
    expect(again.existing).toBe(false);
    expect(again.runId).not.toBe(runId);
  });

  it('fails and refunds a run whose job vanished', async () => {
    const s = await signup(svc);
    const { runId } = await start(s, ['b']);
    await sql()`update ai_runs set updated_at = now() - interval '1 minute' where id = ${runId}`;
    await sql()`select graphile_worker.remove_job(${`ai_run:${runId}`})`;
    expect(await reapStuckRuns(svc.deps, 30)).toEqual([runId]);
    expect((await sql()`select status from ai_runs where id = ${runId}`)[0]!.status).toBe('failed');
    expect(await balance(s)).toBe(100);
    const ledger = await sql()`select kind, amount from credit_transactions where run_id = ${runId} order by created_at`;
    expect(ledger).toEqual([{ kind: 'reserve', amount: -10 }, { kind: 'refund', amount: 10 }]);
  });

  it('leaves alone runs whose job will still run, and runs that were recently active', async () => {
    const s = await signup(svc);
    const waiting = await start(s, ['c']);
    await sql()`update ai_runs set updated_at = now() - interval '1 minute' where id = ${waiting.runId}`;
    const retrying = await start(s, ['d']);
    await leftRunning(retrying.runId);
    const recent = await start(s, ['e']);
    await sql()`select graphile_worker.remove_job(${`ai_run:${recent.runId}`})`;

    expect(await reapStuckRuns(svc.deps, 30)).toEqual([]);
    const runs = await sql()`select status from ai_runs where id = any(${[waiting.runId, retrying.runId, recent.runId]}::uuid[])`;
    expect(runs.map((r) => r.status).sort()).toEqual(['queued', 'queued', 'running']);
    expect(await balance(s)).toBe(70);
  });
});
