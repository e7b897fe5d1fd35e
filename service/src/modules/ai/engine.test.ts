import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_TEST_OUTPUTS, echoFunction, TEST_FUNCTIONS } from '../../../test/ai-functions';
import { signup, type Session } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';
import type { UserCaller } from '../../access';
import { createEngine } from './setup';
import { startRun } from './service';
import type { Engine } from './engine';

let svc: TestService;
let engine: Engine;
beforeAll(async () => {
  svc = await createTestService();
  await svc.deps.db.owner.unsafe(CREATE_TEST_OUTPUTS);
  engine = createEngine(svc.deps, TEST_FUNCTIONS, async () => ({ text: null, images: null }));
});
afterAll(() => svc.close());

const owner = (s: Session): UserCaller => ({ kind: 'user', userId: s.userId, accountId: s.accountId, role: 'owner', sessionId: 'n/a', siteIds: null });
const scopeOf = (s: Session) => ({ kind: 'account' as const, accountId: s.accountId, siteIds: null, readOnly: false });

function start(s: Session, input: unknown) {
  return svc.deps.db.run(scopeOf(s), (tx) => startRun(tx, owner(s), echoFunction, input, { maxJobs: svc.config.accountMaxJobs }));
}

async function state(s: Session) {
  const sql = svc.deps.db.owner;
  const [account] = await sql`select credits from accounts where id = ${s.accountId}`;
  const ledger = await sql`select amount, kind, balance_after from credit_transactions where account_id = ${s.accountId} order by created_at, id`;
  const sum = ledger.reduce((n, r) => n + (r.amount as number), 0);
  return { credits: account!.credits as number, ledger, ledgerSum: sum };
}

async function jobsFor(runId: string) {
  return svc.deps.db.owner`select id from graphile_worker.jobs where key = ${`ai_run:${runId}`}`;
}

describe('starting a run', () => {
  it('reserves the estimate, queues one job and records the run, all in the request transaction', async () => {
    const s = await signup(svc);
    const { runId, existing } = await start(s, { items: ['a'], credits: 7 });
    expect(existing).toBe(false);
    const st = await state(s);
    expect(st.credits).toBe(93);
    expect(st.ledger.at(-1)).toMatchObject({ amount: -7, kind: 'reserve', balance_after: 93 });
    expect(st.ledgerSum).toBe(st.credits);
    expect(await jobsFor(runId)).toHaveLength(1);
    const [run] = await svc.deps.db.owner`select status, credits_reserved from ai_runs where id = ${runId}`;
    expect(run).toEqual({ status: 'queued', credits_reserved: 7 });
  });

  it('leaves no run, no job and no reservation when the request rolls back', async () => {
    const s = await signup(svc);
    let runId = '';
    await expect(
      svc.deps.db.run(scopeOf(s), async (tx) => {
        runId = (await startRun(tx, owner(s), echoFunction, { items: ['a'], credits: 5 }, { maxJobs: svc.config.accountMaxJobs })).runId;
        throw new Error('the rest of the request failed');
      }),
    ).rejects.toThrow('the rest of the request failed');
    expect(runId).not.toBe('');
    expect(await jobsFor(runId)).toHaveLength(0);
    expect(await svc.deps.db.owner`select 1 from ai_runs where id = ${runId}`).toHaveLength(0);
    expect((await state(s)).credits).toBe(100);
  });

  it('returns the in-flight run for an identical request instead of queueing twice', async () => {
    const s = await signup(svc);
    const first = await start(s, { items: ['x', 'y'], credits: 3 });
    const again = await start(s, { credits: 3, items: ['x', 'y'] });
    expect(again).toEqual({ runId: first.runId, existing: true });
    expect((await state(s)).credits).toBe(97);
  });

  it('tells requests apart by the function’s own de-duplication key: the order of an ordered list counts', async () => {
    const s = await signup(svc);
    const first = await start(s, { items: ['x', 'y'], credits: 3 });
    const reordered = await start(s, { items: ['y', 'x'], credits: 3 });
    expect(reordered.existing).toBe(false);
    expect(reordered.runId).not.toBe(first.runId);
    expect((await state(s)).credits).toBe(94);
  });

  it('answers 402 with the balance when the credits do not cover the estimate, and changes nothing', async () => {
    const s = await signup(svc);
    await expect(start(s, { items: ['a'], credits: 101 })).rejects.toMatchObject({
      code: 'insufficient_credits',
      extra: { data: { balance: 100, required: 101 } },
    });
    const st = await state(s);
    expect(st.credits).toBe(100);
    expect(st.ledger).toHaveLength(1);
  });
});

describe('executing a run', () => {
  it('goes through the phases, saves its rows, charges what it used and releases the rest', async () => {
    const s = await signup(svc);
    const { runId } = await start(s, { items: ['a', 'b', 'c'], credits: 10, used: 6 });
    await engine.execute(runId);
    const [run] = await svc.deps.db.owner`select * from ai_runs where id = ${runId}`;
    expect(run).toMatchObject({ status: 'succeeded', phase: 'DONE', progress: 100, credits_used: 6, result: { echoed: 3 }, error: null });
    expect(run!.finished_at).toBeInstanceOf(Date);
    const outputs = await svc.deps.db.owner`select value from test_outputs where run_id = ${runId} order by n`;
    expect(outputs.map((r) => r.value)).toEqual(['A', 'B', 'C']);
    const st = await state(s);
    expect(st.credits).toBe(94);
    expect(st.ledgerSum).toBe(94);
    expect(st.ledger.at(-1)).toMatchObject({ kind: 'settle', amount: 4, balance_after: 94 });
    const usage = await svc.deps.db.owner`select function, credits from credit_usage_logs where run_id = ${runId}`;
    expect(usage).toEqual([{ function: 'test_echo', credits: 6 }]);
  });

  it('never charges more than it reserved', async () => {
    const s = await signup(svc);
    const { runId } = await start(s, { items: ['a'], credits: 2, used: 50 });
    await engine.execute(runId);
    expect((await state(s)).credits).toBe(98);
  });

  it('runs exactly once when executed again', async () => {
    const s = await signup(svc);
    const { runId } = await start(s, { items: ['a', 'b'], credits: 2 });
    await engine.execute(runId);
    await engine.execute(runId);
    expect(await svc.deps.db.owner`select 1 from test_outputs where run_id = ${runId}`).toHaveLength(2);
    expect((await state(s)).credits).toBe(98);
  });

  it.each([
    ['a function error', 'run_error', 'The provider said no.'],
    ['an unexpected crash', 'crash', 'test_echo failed because of an internal error; the credits were refunded.'],
  ])('fails clearly on %s, refunds in full and leaves no rows', async (_what, fail, message) => {
    const s = await signup(svc);
    const { runId } = await start(s, { items: ['a'], credits: 9, fail });
    await engine.execute(runId);
    const [run] = await svc.deps.db.owner`select status, error, credits_used from ai_runs where id = ${runId}`;
    expect(run).toEqual({ status: 'failed', error: message, credits_used: 0 });
    expect(await svc.deps.db.owner`select 1 from test_outputs where run_id = ${runId}`).toHaveLength(0);
    const st = await state(s);
    expect(st.credits).toBe(100);
    expect(st.ledgerSum).toBe(100);
    expect(st.ledger.at(-1)).toMatchObject({ kind: 'refund', amount: 9 });
  });
});
