import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBlocks } from '../../../../test/block-editor';
import { createSector, createSite, signup, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { useFakeProvider } from '../../../../test/use-fake-provider';
import type { Engine } from '../../ai/engine';
import { createEngine } from '../../ai/setup';
import { writerFunctions } from '.';

let svc: TestService;
const fake = useFakeProvider();
let engine: Engine;
beforeAll(async () => {
  svc = await createTestService({ IGNY8_AI_TIMEOUT_MS: '2000' });
  engine = createEngine(svc.deps, writerFunctions);
});
afterAll(() => svc.close());

/** Section bodies covering what the editor must accept: nested lists, tables, quotes, H3–H4, links, special characters, emoji, RTL. */
const CORPUS = [
  [{ type: 'paragraph', text: 'Green tea starts here: <strong>brew</strong> at 80 °C & wait <em>2 minutes</em> — 5 < 6 > 4 "quoted" it\'s fine. <a href="https://example.org/?a=1&b=2">Guide</a>' }],
  [{ type: 'heading', level: 3, text: 'Steps' }, { type: 'list', ordered: true, items: [{ text: 'Heat water', items: [{ text: 'Use <code>filtered</code> water' }] }, { text: 'Steep', items: [] }] }],
  [{ type: 'table', head: ['Tea', 'Temp'], rows: [['Sencha', '70–80 °C'], ['<script>alert(1)</script>', '<b>hot</b>']] }, { type: 'heading', level: 4, text: 'Notes 🍵' }],
  [{ type: 'quote', text: 'שלום — tea is peace. مرحبا', citation: 'A proverb' }, { type: 'paragraph', text: 'Evil <img src=x onerror=alert(1)> <a href="javascript:alert(1)">link</a><br>next line 😀' }],
];

let sectionCalls = 0;
function answer(opts: { failTitle?: string } = {}) {
  fake.onChat('content_outline', (body) => {
    const prompt: string = body.messages.map((m: any) => m.content).join('\n');
    const title = /Title: (.*)/.exec(prompt)![1]!;
    if (opts.failTitle && title === opts.failTitle) return { nonsense: true };
    return {
      title: `${title} with green tea`, meta_title: 'A guide to green tea brewing that is far longer than sixty characters allow',
      meta_description: 'Learn to brew.', excerpt: 'How to brew green tea.',
      sections: [{ heading: 'Why green tea', level: 2, notes: '' }, { heading: 'Brewing', level: 2, notes: '' }, { heading: 'Details', level: 3, notes: '' }],
      faq: [{ question: 'Is green tea bitter?', answer: 'Only when <b>over</b>-brewed.' }],
    };
  });
  fake.onChat('content_section', () => ({ blocks: CORPUS[sectionCalls++ % CORPUS.length] }));
}

async function setup(titles: string[]) {
  const s = await signup(svc);
  const site = await createSite(svc, s);
  const sector = await createSector(svc, s, site.id);
  await svc.call('PUT', '/system/integrations/openai', { token: s.token, body: { api_key: 'sk-writer', base_url: fake.openaiBaseUrl } });
  const tasks = [];
  for (const title of titles) {
    const res = await svc.call('POST', '/writer/tasks', { token: s.token, body: { sector_id: sector.id, title, primary_keyword: 'green tea', content_type: 'guide' } });
    expect(res.status).toBe(201);
    tasks.push(res.body.data);
  }
  return { s, tasks };
}

const generate = async (s: Session, taskIds: string[]) => {
  const res = await svc.call('POST', '/writer/tasks/generate-content', { token: s.token, body: { task_ids: taskIds } });
  expect(res.status).toBe(202);
  await engine.execute(res.body.data.run_id);
  return (await svc.call('GET', `/ai/runs/${res.body.data.run_id}`, { token: s.token })).body.data;
};
const credits = async (s: Session) => (await svc.call('GET', '/billing/balance', { token: s.token })).body.data.credits;
const chats = (schema: string) => fake.requests.filter((r) => r.path.includes('chat') && JSON.stringify(r.body).includes(schema)).length;

describe('generate_content', () => {
  it('asks once per section beyond the retries when a section fails twice, with no duplicated section', async () => {
    const { s, tasks } = await setup(['Retries']);
    answer();
    fake.fault({ kind: '500', times: 2, path: 'chat' });
    const run = await generate(s, [tasks[0].id]);
    expect(run.status).toBe('succeeded');
    // One outline and four sections (introduction + three), plus the two failed attempts.
    expect(fake.requests.filter((r) => r.path.includes('chat'))).toHaveLength(1 + 4 + 2);
    const content = (await svc.call('GET', `/writer/content/${run.result.items[0].content_id}`, { token: s.token })).body.data;
    expect(content.blocks.match(/Why green tea<\/h2>/g)).toHaveLength(1);
  }, 60_000);

  it('fails and refunds only the article that keeps failing in a batch of three', async () => {
    const { s, tasks } = await setup(['One', 'Two', 'Three']);
    answer({ failTitle: 'Two' });
    const before = await credits(s);
    const run = await generate(s, tasks.map((t: any) => t.id));
    expect(run).toMatchObject({ status: 'succeeded', credits_used: 6, result: { articles: 2, failed: 1 } });
    const failed = run.result.items.filter((i: any) => i.status === 'failed');
    expect(failed).toEqual([expect.objectContaining({ task_id: tasks[1].id, content_id: null, error: expect.any(String) })]);
    expect(await credits(s)).toBe(before - 6);
    const list = await svc.call('GET', '/writer/content', { token: s.token });
    expect(list.body.count).toBe(2);
    expect((await svc.call('GET', `/writer/tasks/${tasks[1].id}`, { token: s.token })).body.data.status).toBe('failed');
  }, 60_000);

  it('resumes from its checkpoints: a retried run asks only for the missing sections', async () => {
    const { s, tasks } = await setup(['Resume']);
    answer();
    const res = await svc.call('POST', '/writer/tasks/generate-content', { token: s.token, body: { task_ids: [tasks[0].id] } });
    const runId = res.body.data.run_id;
    const db = svc.deps.db.owner;
    // What a worker stopped mid-article left: the run running, the outline and the introduction kept.
    const outline = { title: 'Resume with green tea', meta_title: 'Green tea', meta_description: 'green tea', excerpt: 'x', sections: [{ heading: 'Why green tea', level: 2, notes: '' }, { heading: 'Brewing', level: 2, notes: '' }], faq: [] };
    await db`update ai_runs set status = 'running' where id = ${runId}`;
    for (const [part, answerValue] of [[0, outline], [1, { blocks: CORPUS[0] }]] as const) {
      await db`insert into content_checkpoints (run_id, task_id, part, account_id, site_id, answer)
               values (${runId}, ${tasks[0].id}, ${part}, ${s.accountId}, ${tasks[0].site_id}, ${db.json(answerValue as never)})`;
    }
    await engine.execute(runId);
    expect(chats('content_outline')).toBe(0);
    expect(fake.requests.filter((r) => r.path.includes('chat'))).toHaveLength(2);
    const run = (await svc.call('GET', `/ai/runs/${runId}`, { token: s.token })).body.data;
    expect(run).toMatchObject({ status: 'succeeded', credits_used: 3 });
    expect(await db`select 1 from content_checkpoints where run_id = ${runId}`).toHaveLength(0);
  }, 60_000);
  // Last in the file: the block checker installs jsdom's window globals, which the provider client must not see.
  it('writes native blocks the block editor accepts, with meta within limits, and charges 3 credits', async () => {
    const { s, tasks } = await setup(['Brewing']);
    answer();
    const before = await credits(s);
    const run = await generate(s, [tasks[0].id]);
    expect(run).toMatchObject({ status: 'succeeded', credits_used: 3, result: { articles: 1, failed: 0 } });
    expect(await credits(s)).toBe(before - 3);
    const content = (await svc.call('GET', `/writer/content/${run.result.items[0].content_id}`, { token: s.token })).body.data;
    expect(content.meta_title.length).toBeLessThanOrEqual(60);
    expect(content.meta_title.toLowerCase()).toContain('green tea');
    expect(content.meta_description).toContain('green tea');
    expect(content.blocks).not.toMatch(/wp:(html|freeform)/);
    expect(content.blocks).not.toMatch(/<script|<img|javascript:/);
    expect(content.blocks).toContain('Frequently asked questions');
    const checked = await checkBlocks(content.blocks);
    expect(checked.invalid).toEqual([]);
    expect(new Set(checked.names)).toEqual(new Set(['core/paragraph', 'core/heading', 'core/list', 'core/list-item', 'core/table', 'core/quote']));
    expect(content.word_count).toBeGreaterThan(50);
    // The checker itself can fail: markup the editor would rewrite or flag is reported.
    for (const wrong of [
      '<!-- wp:paragraph --><div>x</div><!-- /wp:paragraph -->',
      '<!-- wp:paragraph --><p class="x" style="color:red">x</p><!-- /wp:paragraph -->',
      '<!-- wp:heading --><h2>No class</h2><!-- /wp:heading -->',
      '<!-- wp:list --><ul><li>not a list-item block</li></ul><!-- /wp:list -->',
    ]) {
      expect((await checkBlocks(wrong)).invalid, wrong).not.toEqual([]);
    }
  }, 120_000);
});
