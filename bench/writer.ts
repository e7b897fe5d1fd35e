// generate_content at scale: 50 articles in one run against a fake provider that answers every
// call in 300 ms, with the account's provider concurrency C (IGNY8_AI_CONCURRENCY) at two values.
// Each article is an outline and then its introduction and sections, one call each; the ideal wall
// time is ceil(calls / C) × 300 ms, as if the provider were busy every moment. Then the longest
// article: 40 sections (the outline's maximum) of about 1 000 words each, written without any
// call coming near the per-call timeout.
//   npx tsx bench/writer.ts [articles] [C1,C2] [latency ms]
import { CREDIT_COSTS } from '@igny8/shared';
import type { UserCaller } from '../service/src/access';
import { startJobRunner } from '../service/src/jobs/runner';
import { startRun } from '../service/src/modules/ai/service';
import { createEngine } from '../service/src/modules/ai/setup';
import { aiTasks } from '../service/src/modules/ai/tasks';
import { generateContent, writerFunctions } from '../service/src/modules/writer';
import { createOpenAIProvider } from '../service/src/providers/openai-compatible';
import { startFakeProvider, type FakeProvider } from '../service/test/fake-provider';
import { benchDatabase, fmt } from './bench-db';

const ARTICLES = Number(process.argv[2] ?? 50);
const LEVELS = (process.argv[3] ?? '4,16').split(',').map(Number);
const LATENCY_MS = Number(process.argv[4] ?? 300);
const SECTIONS = 4;

const words = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed}${i % 7 === 0 ? ',' : ''}`).join(' ');

function answers(fake: FakeProvider, sections: number, paragraphs: number, wordsPerParagraph: number) {
  fake.onChat('content_outline', () => ({
    title: 'Green tea at home', meta_title: 'Green tea at home', meta_description: 'How to brew green tea at home.', excerpt: 'Brew green tea well.',
    sections: Array.from({ length: sections }, (_, i) => ({ heading: `Part ${i + 1} of green tea`, level: 2, notes: '' })), faq: [],
  }));
  fake.onChat('content_section', () => ({ blocks: Array.from({ length: paragraphs }, (_, i) => ({ type: 'paragraph', text: words(wordsPerParagraph, `tea${i}`) })) }));
}

/** One run of generate_content over `count` tasks of a fresh account; wall time from the request to the saved articles. */
async function generate(count: number, concurrency: number, shape: { sections: number; paragraphs: number; words: number; targetWords: number }) {
  const fake = await startFakeProvider();
  const db = await benchDatabase({ IGNY8_AI_CONCURRENCY: String(concurrency), IGNY8_AI_TIMEOUT_MS: String(Math.max(5_000, LATENCY_MS * 10)) });
  const sql = db.deps.db.owner;
  try {
    fake.latency(LATENCY_MS);
    answers(fake, shape.sections, shape.paragraphs, shape.words);
    const credits = count * CREDIT_COSTS.content;
    const [account] = await sql`
      with p as (select id from plans where is_default)
      insert into accounts (name, plan_id, credits) select 'Bench writer', p.id, ${credits} from p returning id`;
    const accountId = account!.id as string;
    await sql`insert into credit_transactions (account_id, amount, balance_after, kind) values (${accountId}, ${credits}, ${credits}, 'grant')`;
    const [user] = await sql`insert into users (account_id, email, role) values (${accountId}, 'writer@example.com', 'owner') returning id`;
    const [site] = await sql`insert into sites (account_id, name) values (${accountId}, 'Blog') returning id`;
    const [sector] = await sql`insert into sectors (account_id, site_id, name) values (${accountId}, ${site!.id}, 'Tea') returning id`;
    const tasks = await sql`
      insert into tasks (account_id, site_id, sector_id, title, primary_keyword, content_type, target_word_count)
      select ${accountId}, ${site!.id}, ${sector!.id}, 'Green tea article ' || n, 'green tea', 'news', ${shape.targetWords}
      from generate_series(1, ${count}) n returning id`;
    const caller: UserCaller = { kind: 'user', userId: user!.id, accountId, role: 'owner', sessionId: 'bench', siteIds: null };
    const text = createOpenAIProvider({
      baseUrl: fake.openaiBaseUrl, apiKey: 'sk-bench', textModel: 'gpt-4o-mini', embeddingModel: 'e', imageModel: 'i', fetch: db.deps.outbound.operator,
    });
    const engine = createEngine(db.deps, writerFunctions, async () => ({ text, images: null }));
    const runner = await startJobRunner(db.deps, db.url, { tasks: aiTasks(engine), concurrency: 2 });
    const t0 = performance.now();
    const { runId } = await db.deps.db.run({ kind: 'account', accountId, siteIds: null, readOnly: false }, (tx) =>
      startRun(tx, caller, generateContent, { task_ids: tasks.map((t) => t.id as string) }, { maxJobs: 2 }));
    let run;
    for (;;) {
      [run] = await sql`select status, error, credits_used, extract(epoch from finished_at - started_at) * 1000 as running_ms from ai_runs where id = ${runId}`;
      if (run!.status === 'succeeded' || run!.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const wall = performance.now() - t0;
    await runner.stop();
    const [content] = await sql`select count(*)::int as n, max(word_count)::int as longest, sum(word_count)::int as total from content`;
    return { wall, running: Number(run!.running_ms), status: run!.status as string, error: run!.error as string | null, calls: fake.requests.length, peak: fake.peakInFlight('Bearer sk-bench'), content: content! };
  } finally {
    await db.drop();
    await fake.close();
  }
}

async function main() {
  console.log(`generate_content: ${ARTICLES} articles of ${SECTIONS} sections, ${LATENCY_MS} ms per provider call`);
  for (const c of LEVELS) {
    const r = await generate(ARTICLES, c, { sections: SECTIONS, paragraphs: 2, words: 60, targetWords: 600 });
    const ideal = Math.ceil(r.calls / c) * LATENCY_MS;
    console.log(
      `C=${String(c).padStart(2)}: ${r.content.n} articles (${r.status}${r.error ? `: ${r.error}` : ''}), ${r.calls} calls, at most ${r.peak} at once; ` +
      `wall ${fmt(r.wall)} (running ${fmt(r.running)}), ideal ceil(${r.calls}/${c}) × ${LATENCY_MS} ms = ${fmt(ideal)}; ` +
      `ratio wall/ideal ${(r.wall / ideal).toFixed(3)}x, running/ideal ${(r.running / ideal).toFixed(3)}x`,
    );
  }
  const c = Math.max(...LEVELS);
  const long = await generate(1, c, { sections: 40, paragraphs: 8, words: 125, targetWords: 20_000 });
  console.log(
    `longest article: ${long.content.longest} words in one article (${long.status}${long.error ? `: ${long.error}` : ''}), ` +
    `${long.calls} calls of ${LATENCY_MS} ms each at C=${c}, written in ${fmt(long.wall)}; per-call timeout ${fmt(Math.max(5_000, LATENCY_MS * 10))}, never reached`,
  );
}

await main();
