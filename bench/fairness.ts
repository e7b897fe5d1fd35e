// Fair share of the job slots: one account ("tarpit") points its provider at a server that
// accepts connections and never answers and starts 6 runs; a moment later another account starts
// 3 ordinary runs. Prints how long the second account's runs waited in the queue with the share
// off (IGNY8_ACCOUNT_MAX_JOBS = the worker concurrency) and on (the default, half of it).
//   npx tsx bench/fairness.ts [worker concurrency] [provider timeout ms]
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { UserCaller } from '../service/src/access';
import { startJobRunner } from '../service/src/jobs/runner';
import { startRun } from '../service/src/modules/ai/service';
import { createEngine } from '../service/src/modules/ai/setup';
import { aiTasks } from '../service/src/modules/ai/tasks';
import type { AIFunction } from '../service/src/modules/ai/types';
import { createOpenAIProvider } from '../service/src/providers/openai-compatible';
import { startFakeProvider } from '../service/test/fake-provider';
import { startTarpit } from '../service/test/tarpit';
import { benchDatabase } from './bench-db';

const CONCURRENCY = Number(process.argv[2] ?? 4);
const TIMEOUT_MS = Number(process.argv[3] ?? 5000);
const TARPIT_RUNS = 6;
const NORMAL_RUNS = 3;

const oneCall: AIFunction<{ n: number }, { n: number }, unknown[], unknown[]> = {
  name: 'bench_one_call',
  input: z.object({ n: z.number().int() }),
  dedupeKey: (input) => input,
  estimate: async () => ({ credits: 1 }),
  prepare: async (_ctx, input) => input,
  buildPrompt: (_ctx, p) => [{ system: 'Answer.', user: `Echo ${p.n}`, schemaName: 'echo', schema: z.object({ value: z.string() }) }],
  parse: (_ctx, _p, answers) => answers,
  save: async () => ({ result: { ok: true }, credits: 1 }),
};

async function measure(maxJobs: number, providers: { tarpit: string; fake: string }) {
  const db = await benchDatabase({ IGNY8_WORKER_CONCURRENCY: String(CONCURRENCY) });
  const sql = db.deps.db.owner;
  try {
    const principals: UserCaller[] = [];
    for (const name of ['Tarpit', 'Normal']) {
      const [account] = await sql`
        with p as (select id from plans where is_default) insert into accounts (name, plan_id, credits) select ${name}, p.id, 100 from p returning id`;
      const [user] = await sql`insert into users (account_id, email, role) values (${account!.id}, ${`${name.toLowerCase()}@example.com`}, 'owner') returning id`;
      await sql`insert into credit_transactions (account_id, amount, balance_after, kind) values (${account!.id}, 100, 100, 'grant')`;
      principals.push({ kind: 'user', userId: user!.id, accountId: account!.id, role: 'owner', sessionId: 'bench', siteIds: null });
    }
    const [tarpit, normal] = principals as [UserCaller, UserCaller];
    const provider = (baseUrl: string) =>
      createOpenAIProvider({ baseUrl, apiKey: 'sk-bench', textModel: 'gpt-4o-mini', embeddingModel: 'e', imageModel: 'i', timeoutMs: TIMEOUT_MS, fetch: db.deps.outbound.operator });
    const engine = createEngine(db.deps, [oneCall], async (accountId) => ({
      text: provider(accountId === tarpit.accountId ? providers.tarpit : providers.fake),
      images: null,
    }));
    const start = (p: UserCaller, n: number) =>
      db.deps.db.run({ kind: 'account', accountId: p.accountId, siteIds: null, readOnly: false }, (tx) => startRun(tx, p, oneCall, { n }, { maxJobs }));

    const runner = await startJobRunner(db.deps, db.url, { tasks: aiTasks(engine), concurrency: CONCURRENCY });
    for (let i = 0; i < TARPIT_RUNS; i++) await start(tarpit, i);
    await sleep(1000);
    const ids: string[] = [];
    for (let i = 0; i < NORMAL_RUNS; i++) ids.push((await start(normal, i)).runId);
    for (;;) {
      const [done] = await sql`select count(*)::int as n from ai_runs where id = any(${ids}::uuid[]) and status in ('succeeded', 'failed')`;
      if (done!.n === NORMAL_RUNS) break;
      await sleep(100);
    }
    const [wait] = await sql`
      select avg(extract(epoch from started_at - created_at))::float8 as avg, max(extract(epoch from started_at - created_at))::float8 as max
      from ai_runs where id = any(${ids}::uuid[])`;
    await sql`select graphile_worker.remove_job(key) from graphile_worker.jobs where locked_at is null`;
    void runner.stop();
    return { avg: wait!.avg as number, max: wait!.max as number };
  } finally {
    await db.drop();
  }
}

async function main() {
  const fake = await startFakeProvider();
  const tarpit = await startTarpit();
  try {
    const providers = { tarpit: tarpit.baseUrl, fake: fake.openaiBaseUrl };
    const off = await measure(CONCURRENCY, providers);
    const share = Math.max(1, Math.floor(CONCURRENCY / 2));
    const on = await measure(share, providers);
    const s = (x: number) => `${x.toFixed(2)} s`;
    console.log(`worker concurrency ${CONCURRENCY}; tarpit account: ${TARPIT_RUNS} runs, provider timeout ${TIMEOUT_MS} ms (retried); other account: ${NORMAL_RUNS} runs`);
    console.log(`fair share off (${CONCURRENCY} slots per account): other account queued ${s(off.avg)} on average, ${s(off.max)} at most`);
    console.log(`fair share on  (${share} slots per account): other account queued ${s(on.avg)} on average, ${s(on.max)} at most`);
    console.log(`ratio off / on (average wait): ${(off.avg / Math.max(on.avg, 0.001)).toFixed(1)}x`);
  } finally {
    await tarpit.close();
    await fake.close();
  }
  process.exit(0);
}

await main();
