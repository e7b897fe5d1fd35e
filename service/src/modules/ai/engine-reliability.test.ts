import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_TEST_OUTPUTS, echoFunction, TEST_FUNCTIONS } from '../../../test/ai-functions';
import { signup, type Session } from '../../../test/factories';
import { workerProcesses } from '../../../test/worker-process';
import { createTestService, type TestService } from '../../../test/service';
import type { UserCaller } from '../../access';
import { startJobRunner } from '../../jobs/runner';
import { createEngine } from './setup';
import { aiTasks } from './tasks';
import { startRun } from './service';

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
  await svc.deps.db.owner.unsafe(CREATE_TEST_OUTPUTS);
});
afterAll(() => svc.close());

const owner = (s: Session): UserCaller => ({ kind: 'user', userId: s.userId, accountId: s.accountId, role: 'owner', sessionId: 'n/a', siteIds: null });
const start = (s: Session, input: unknown) =>
  svc.deps.db.run({ kind: 'account', accountId: s.accountId, siteIds: null, readOnly: false }, (tx) => startRun(tx, owner(s), echoFunction, input, { maxJobs: svc.config.accountMaxJobs }));

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function setCredits(s: Session, credits: number) {
  // Through the ledger, as a developer would: the ledger keeps summing to the balance.
  const current = (await svc.deps.db.owner`select credits from accounts where id = ${s.accountId}`)[0]!.credits as number;
  await svc.deps.db.run({ kind: 'global' }, async (tx) => {
    await tx`update accounts set credits = ${credits} where id = ${s.accountId}`;
    await tx`insert into credit_transactions (account_id, amount, balance_after, kind, reason)
             values (${s.accountId}, ${credits - current}, ${credits}, 'adjustment', 'test')`;
  });
}

describe('credits under concurrency', () => {
  it('lets exactly ten of a hundred concurrent requests run against a balance that covers ten', async () => {
    const s = await signup(svc);
    await setCredits(s, 10);
    const outcomes = await Promise.allSettled(Array.from({ length: 100 }, (_, i) => start(s, { items: [`k${i}`], credits: 1 })));
    const started = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(started).toHaveLength(10);
    expect(refused).toHaveLength(90);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'insufficient_credits' });

    const runner = await startJobRunner(svc.deps, svc.url, { tasks: aiTasks(createEngine(svc.deps, TEST_FUNCTIONS, async () => ({ text: null, images: null }))), concurrency: 4 });
    try {
      await until('ten runs to finish', async () => {
        const [r] = await svc.deps.db.owner`select count(*)::int as n from ai_runs where account_id = ${s.accountId} and status = 'succeeded'`;
        return r!.n === 10;
      });
    } finally {
      await runner.stop();
    }
    const [account] = await svc.deps.db.owner`select credits from accounts where id = ${s.accountId}`;
    const [sum] = await svc.deps.db.owner`select sum(amount)::int as total, min(balance_after)::int as lowest from credit_transactions where account_id = ${s.accountId}`;
    expect(account!.credits).toBe(0);
    expect(sum!.total).toBe(0);
    expect(sum!.lowest).toBeGreaterThanOrEqual(0);
    expect(await svc.deps.db.owner`select 1 from test_outputs where account_id = ${s.accountId}`).toHaveLength(10);
  });
});

describe('several workers on one database', () => {
  it('share the queue and run each run exactly once', async () => {
    const s = await signup(svc);
    const engineFor = () => createEngine(svc.deps, TEST_FUNCTIONS, async () => ({ text: null, images: null }));
    const runners = await Promise.all([
      startJobRunner(svc.deps, svc.url, { tasks: aiTasks(engineFor()), concurrency: 2 }),
      startJobRunner(svc.deps, svc.url, { tasks: aiTasks(engineFor()), concurrency: 2 }),
    ]);
    try {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push((await start(s, { items: [`w${i}`, `x${i}`], credits: 1 })).runId);
      await until('twenty runs to finish', async () => {
        const [r] = await svc.deps.db.owner`select count(*)::int as n from ai_runs where id = any(${ids}::uuid[]) and status = 'succeeded'`;
        return r!.n === 20;
      });
      const attempts = await svc.deps.db.owner`select attempts from ai_runs where id = any(${ids}::uuid[])`;
      expect(attempts.every((r) => r.attempts === 1)).toBe(true);
      const [outputs] = await svc.deps.db.owner`select count(*)::int as n, count(distinct run_id)::int as runs from test_outputs where run_id = any(${ids}::uuid[])`;
      expect(outputs).toEqual({ n: 40, runs: 20 });
      const [beats] = await svc.deps.db.owner`select count(*)::int as n from worker_heartbeats`;
      expect(beats!.n).toBeGreaterThanOrEqual(2);
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
  });
});

describe('progress as server-sent events', () => {
  it('streams the run through the phases in order, ending at 100', async () => {
    const s = await signup(svc);
    const runner = await startJobRunner(svc.deps, svc.url, { tasks: aiTasks(createEngine(svc.deps, TEST_FUNCTIONS, async () => ({ text: null, images: null }))), concurrency: 1 });
    try {
      const { runId } = await start(s, { items: ['a'], credits: 1, steps: 4 });
      const res = await svc.app.request(`/api/v1/ai/runs/${runId}/events`, { headers: { authorization: `Bearer ${s.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const text = await res.text(); // the stream ends when the run finishes
      const runs = text
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => JSON.parse(l.slice(6)));
      const order = ['INIT', 'PREP', 'AI_CALL', 'PARSE', 'SAVE', 'DONE'];
      const phases = runs.map((r) => order.indexOf(r.phase));
      expect(phases).toEqual([...phases].sort((a, b) => a - b));
      const progress = runs.map((r) => r.progress);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      expect(runs.at(-1)).toMatchObject({ status: 'succeeded', phase: 'DONE', progress: 100 });
      // The AI_CALL steps show up between 25 and 70.
      expect(runs.some((r) => r.phase === 'AI_CALL' && r.progress > 25 && r.progress <= 70)).toBe(true);
    } finally {
      await runner.stop();
    }
  });

  it('answers 404 for another account’s run', async () => {
    const a = await signup(svc);
    const b = await signup(svc);
    const { runId } = await start(a, { items: ['a'], credits: 1 });
    expect((await svc.call('GET', `/ai/runs/${runId}/events`, { token: b.token })).status).toBe(404);
    expect((await svc.call('GET', `/ai/runs/${runId}`, { token: b.token })).status).toBe(404);
    expect((await svc.call('GET', `/ai/runs/${runId}`, { token: a.token })).body.data).toMatchObject({ id: runId, status: 'queued' });
  });
});

describe('a worker killed in the middle of a run', () => {
  const workers = workerProcesses(() => svc.url);
  afterAll(() => workers.killAll());

  const worker = () => workers.start({ IGNY8_WORKER_STALE_SECONDS: '3', IGNY8_WORKER_CONCURRENCY: '2' });

  it('leaves a live worker its long run: the other worker does not take it over', async () => {
    const s = await signup(svc);
    const { runId } = await start(s, { items: ['a'], credits: 1, wait_ms: 8_000 });
    const workers = [worker(), worker()];
    await until('the run to succeed', async () => {
      const [r] = await svc.deps.db.owner`select status from ai_runs where id = ${runId}`;
      return r!.status === 'succeeded';
    }, 60_000);
    // Longer than IGNY8_WORKER_STALE_SECONDS (3 s), yet the heartbeat kept it with its worker.
    const [run] = await svc.deps.db.owner`select attempts from ai_runs where id = ${runId}`;
    expect(run!.attempts).toBe(1);
    expect(await svc.deps.db.owner`select 1 from test_outputs where run_id = ${runId}`).toHaveLength(1);
    for (const w of workers) {
      w.kill('SIGTERM');
      await new Promise((r) => w.once('exit', r));
    }
  }, 120_000);

  it('completes exactly once after a restart: one set of rows, credits charged once', async () => {
    const s = await signup(svc);
    const { runId } = await start(s, { items: ['a', 'b', 'c'], credits: 5, used: 3, wait_ms: 60_000 });
    const first = worker();
    await until('the run to be in AI_CALL', async () => {
      const [r] = await svc.deps.db.owner`select phase from ai_runs where id = ${runId}`;
      return r!.phase === 'AI_CALL';
    });
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    // Shorten the wait for the second attempt: the job payload is the run id, the input lives on the run.
    await svc.deps.db.owner`update ai_runs set payload = payload || '{"wait_ms": 0}' where id = ${runId}`;
    worker();
    await until('the run to succeed', async () => {
      const [r] = await svc.deps.db.owner`select status from ai_runs where id = ${runId}`;
      return r!.status === 'succeeded';
    }, 60_000);
    const [run] = await svc.deps.db.owner`select attempts, credits_used from ai_runs where id = ${runId}`;
    expect(run).toEqual({ attempts: 2, credits_used: 3 });
    expect(await svc.deps.db.owner`select value from test_outputs where run_id = ${runId} order by n`).toEqual([{ value: 'A' }, { value: 'B' }, { value: 'C' }]);
    const ledger = await svc.deps.db.owner`select kind, amount from credit_transactions where run_id = ${runId} order by created_at`;
    expect(ledger).toEqual([{ kind: 'reserve', amount: -5 }, { kind: 'settle', amount: 2 }]);
    const [account] = await svc.deps.db.owner`select credits from accounts where id = ${s.accountId}`;
    expect(account!.credits).toBe(97);
    expect(await svc.deps.db.owner`select 1 from graphile_worker.jobs where key = ${`ai_run:${runId}`}`).toHaveLength(0);
  }, 120_000);
});
