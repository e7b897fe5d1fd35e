// The AI engine's own cost: 1 000 runs of a trivial AI function (one structured call to the fake
// provider, zero latency) against 1 000 bare graphile-worker no-op jobs, on the same database and
// worker concurrency, from the first enqueue to the last completion. Both are queued the way
// requests queue them: one transaction each, 50 in flight, spread over 10 accounts (a run's credit
// reservation locks its account's balance, so one account's requests queue one after another).
//   npx tsx bench/ai-overhead.ts [runs] [worker concurrency] [accounts]
import { Logger as QueueLogger, run as runQueue } from 'graphile-worker';
import { z } from 'zod';
import type { UserCaller } from '../service/src/access';
import { startJobRunner } from '../service/src/jobs/runner';
import { startRun } from '../service/src/modules/ai/service';
import { createEngine } from '../service/src/modules/ai/setup';
import { aiTasks } from '../service/src/modules/ai/tasks';
import type { AIFunction } from '../service/src/modules/ai/types';
import { createOpenAIProvider } from '../service/src/providers/openai-compatible';
import { startFakeProvider } from '../service/test/fake-provider';
import { benchDatabase, fmt } from './bench-db';

const RUNS = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 8);
const ACCOUNTS = Number(process.argv[4] ?? 10);
const IN_FLIGHT = 50;

/** Calls `fn(i)` for i in 0..n-1 with at most IN_FLIGHT calls at once. */
async function inFlight(n: number, fn: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < n) await fn(next++);
  }));
}

const trivial: AIFunction<{ n: number }, { n: number }, unknown[], unknown[]> = {
  name: 'bench_trivial',
  input: z.object({ n: z.number().int() }),
  dedupeKey: (input) => input,
  async estimate() {
    return { credits: 1 };
  },
  async prepare(_ctx, input) {
    return input;
  },
  buildPrompt: (_ctx, p) => [{ system: 'Answer.', user: `Echo ${p.n}`, schemaName: 'echo', schema: z.object({ value: z.string() }) }],
  parse: (_ctx, _p, answers) => answers,
  async save() {
    return { result: { ok: true }, credits: 1 };
  },
};

async function waitFor(probe: () => Promise<boolean>) {
  while (!(await probe())) await new Promise((r) => setTimeout(r, 20));
}

async function main() {
  const fake = await startFakeProvider();
  const db = await benchDatabase();
  const sql = db.deps.db.owner;
  try {
    // ---- baseline: bare no-op jobs, each queued in its own transaction
    let done = 0;
    const quiet = new QueueLogger(() => () => {});
    const t0 = performance.now();
    const queue = await runQueue({ connectionString: db.url, concurrency: CONCURRENCY, noHandleSignals: true, pollInterval: 1000, logger: quiet, taskList: { noop: async () => void done++ } });
    await inFlight(RUNS, (i) => sql.begin((tx) => tx`select graphile_worker.add_job('noop', json_build_object('i', ${i}::int))`));
    await waitFor(async () => done >= RUNS);
    const bare = performance.now() - t0;
    await queue.stop();

    // ---- the engine: RUNS requests over ACCOUNTS accounts, each reserving credits and queueing a run
    const principals: UserCaller[] = [];
    for (let a = 0; a < ACCOUNTS; a++) {
      const [account] = await sql`
        with p as (select id from plans where is_default)
        insert into accounts (name, plan_id, credits) select ${`Bench ${a}`}, p.id, ${RUNS * 2} from p returning id`;
      const [user] = await sql`insert into users (account_id, email, role) values (${account!.id}, ${`bench${a}@example.com`}, 'owner') returning id`;
      await sql`insert into credit_transactions (account_id, amount, balance_after, kind) values (${account!.id}, ${RUNS * 2}, ${RUNS * 2}, 'grant')`;
      principals.push({ kind: 'user', userId: user!.id, accountId: account!.id, role: 'owner', sessionId: 'bench', siteIds: null });
    }
    const text = createOpenAIProvider({
      baseUrl: fake.openaiBaseUrl, apiKey: 'sk-bench', textModel: 'gpt-4o-mini', embeddingModel: 'e', imageModel: 'i', fetch: db.deps.outbound.operator,
    });
    const engine = createEngine(db.deps, [trivial], async () => ({ text, images: null }));

    const t1 = performance.now();
    const runner = await startJobRunner(db.deps, db.url, { tasks: aiTasks(engine), concurrency: CONCURRENCY });
    await inFlight(RUNS, (i) => {
      const p = principals[i % ACCOUNTS]!;
      return db.deps.db.run({ kind: 'account', accountId: p.accountId, siteIds: null, readOnly: false }, (tx) => startRun(tx, p, trivial, { n: i }, { maxJobs: CONCURRENCY }));
    });
    const queued = performance.now() - t1;
    await waitFor(async () => (await sql`select count(*)::int as n from ai_runs where status = 'succeeded'`)[0]!.n >= RUNS);
    const engineMs = performance.now() - t1;
    await runner.stop();
    const [failed] = await sql`select count(*)::int as n from ai_runs where status <> 'succeeded'`;
    const [timing] = await sql`
      select avg(extract(epoch from started_at - created_at) * 1000)::int as queued_ms,
             avg(extract(epoch from finished_at - started_at) * 1000)::int as running_ms
      from ai_runs`;

    console.log(`runs: ${RUNS} over ${ACCOUNTS} accounts, worker concurrency: ${CONCURRENCY}, requests in flight: ${IN_FLIGHT}, provider calls answered: ${fake.requests.length}`);
    console.log(`bare graphile-worker no-op jobs : ${fmt(bare)}  (${(RUNS / (bare / 1000)).toFixed(0)} jobs/s)`);
    console.log(`AI engine runs (1 provider call): ${fmt(engineMs)}  (${(RUNS / (engineMs / 1000)).toFixed(0)} runs/s; all queued after ${fmt(queued)}), not succeeded: ${failed!.n}`);
    console.log(`per run on average: ${timing!.queued_ms} ms queued, ${timing!.running_ms} ms executing`);
    console.log(`ratio engine / bare: ${(engineMs / bare).toFixed(2)}x`);
  } finally {
    await db.drop();
    await fake.close();
  }
}

await main();
