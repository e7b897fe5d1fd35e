import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFakeProvider } from '../../../../test/use-fake-provider';
import { createSector, createSite, signup, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import type { Engine } from '../../ai/engine';
import { createEngine } from '../../ai/setup';
import { plannerFunctions } from '.';

let svc: TestService;
const fake = useFakeProvider();
let engine: Engine;
beforeAll(async () => {
  svc = await createTestService({ IGNY8_AI_TIMEOUT_MS: '1000' });
  engine = createEngine(svc.deps, plannerFunctions);
});
afterAll(() => svc.close());

async function clustered() {
  const s = await signup(svc);
  const site = await createSite(svc, s);
  const sector = await createSector(svc, s, site.id);
  const body = ['running shoes', 'best running shoes', 'trail running shoes', 'coffee grinder', 'burr coffee grinder', 'best coffee grinder'].map((keyword, i) => ({ sector_id: sector.id, keyword, volume: 100 - i }));
  await svc.call('POST', '/planner/keywords', { token: s.token, body });
  const start = await svc.call('POST', '/planner/keywords/auto-cluster', { token: s.token, body: { sector_id: sector.id } });
  await engine.execute(start.body.data.run_id);
  await svc.call('PUT', '/system/integrations/openai', { token: s.token, body: { api_key: 'sk-ideas', base_url: fake.openaiBaseUrl } });
  const clusters = (await svc.call('GET', `/planner/clusters?sector_id=${sector.id}`, { token: s.token })).body.results;
  return { s, sector, clusters };
}

let calls = 0;
function answerIdeas() {
  fake.onChat('content_ideas', (body) => {
    calls++;
    const prompt: string = body.messages.map((m: any) => m.content).join('\n');
    const cluster = /Keyword cluster: (.*)/.exec(prompt)![1];
    const count = Number(/Propose (\d+) distinct/.exec(prompt)![1]);
    return {
      ideas: Array.from({ length: count + 1 }, (_, i) => ({
        title: `${cluster}: idea ${i + 1}`,
        description: 'An angle nobody covers.',
        content_type: 'guide',
        primary_keyword: cluster,
        secondary_keywords: ['a', 'b'],
        outline: [{ heading: 'Why it matters', level: 2, notes: 'Context.' }, { heading: 'Details', level: 3, notes: '' }],
        estimated_word_count: 1800,
      })),
    };
  });
}

const run = async (s: Session, body: unknown) => {
  const res = await svc.call('POST', '/planner/clusters/generate-ideas', { token: s.token, body });
  if (res.status !== 202) return { res, run: null };
  await engine.execute(res.body.data.run_id);
  return { res, run: (await svc.call('GET', `/ai/runs/${res.body.data.run_id}`, { token: s.token })).body.data };
};

describe('generate_ideas', () => {
  it('asks once per cluster, keeps the requested number of ideas and charges one credit per idea', async () => {
    const { s, clusters } = await clustered();
    answerIdeas();
    calls = 0;
    const before = (await svc.call('GET', '/billing/balance', { token: s.token })).body.data.credits;
    const { res, run: r } = await run(s, { cluster_ids: clusters.map((c: any) => c.id), ideas_per_cluster: 2 });
    expect(res.status).toBe(202);
    expect(r).toMatchObject({ status: 'succeeded', credits_used: 4, result: { ideas: 4 } });
    expect(calls).toBe(2);
    const ideas = await svc.call('GET', `/planner/ideas?cluster_id=${clusters[0].id}`, { token: s.token });
    expect(ideas.body.count).toBe(2);
    expect(ideas.body.results[0]).toMatchObject({ content_type: 'guide', estimated_word_count: 1800, status: 'new', secondary_keywords: ['a', 'b'] });
    expect(ideas.body.results[0].outline).toEqual([{ heading: 'Why it matters', level: 2, notes: 'Context.' }, { heading: 'Details', level: 3, notes: '' }]);
    expect((await svc.call('GET', '/billing/balance', { token: s.token })).body.data.credits).toBe(before - 4);
  });

  it('saves nothing and refunds when one cluster keeps failing', async () => {
    const { s, clusters } = await clustered();
    answerIdeas();
    fake.fault({ kind: '500', times: 100, path: 'chat' });
    const { run: r } = await run(s, { cluster_ids: clusters.map((c: any) => c.id) });
    fake.clearFaults();
    expect(r).toMatchObject({ status: 'failed', credits_used: 0 });
    expect((await svc.call('GET', '/planner/ideas', { token: s.token })).body.count).toBe(0);
    expect((await svc.call('GET', '/billing/balance', { token: s.token })).body.data.credits).toBe(99);
  }, 30_000);

  it('refuses clusters the caller cannot see', async () => {
    const { clusters } = await clustered();
    const other = await signup(svc);
    expect((await run(other, { cluster_ids: [clusters[0].id] })).res.status).toBe(404);
    expect((await run(other, { cluster_ids: [] })).res.status).toBe(400);
    // Another account's author profile is as unknown as one that does not exist: 404, no run.
    const mine = await clustered();
    const theirs = await clustered();
    const profile = await svc.call('POST', '/thinker/author-profiles', { token: mine.s.token, body: { name: 'House voice' } });
    expect(profile.status).toBe(201);
    const borrowed = await run(theirs.s, { cluster_ids: [theirs.clusters[0].id], author_profile_id: profile.body.data.id });
    expect(borrowed.res.status).toBe(404);
    expect((await svc.call('GET', '/ai/runs?function=generate_ideas', { token: theirs.s.token })).body.count).toBe(0);
  });
});

describe('ideas to tasks', () => {
  it('creates one task per idea, carries the plan over, and creates nothing twice', async () => {
    const { s, clusters } = await clustered();
    answerIdeas();
    await run(s, { cluster_ids: [clusters[0].id], ideas_per_cluster: 2 });
    const ideas = (await svc.call('GET', '/planner/ideas', { token: s.token })).body.results;
    const ids = ideas.map((i: any) => i.id);
    const first = await svc.call('POST', '/planner/ideas/create-tasks', { token: s.token, body: { idea_ids: ids } });
    expect(first.status).toBe(201);
    expect(first.body.data.tasks).toHaveLength(2);
    expect(first.body.data.tasks[0]).toMatchObject({ status: 'queued', target_word_count: 1800, brief: 'An angle nobody covers.', cluster_id: clusters[0].id });
    const again = await svc.call('POST', '/planner/ideas/create-tasks', { token: s.token, body: { idea_ids: ids } });
    expect(again.body.data.tasks.map((t: any) => t.id).sort()).toEqual(first.body.data.tasks.map((t: any) => t.id).sort());
    expect((await svc.call('GET', '/writer/tasks', { token: s.token })).body.count).toBe(2);
    expect((await svc.call('GET', `/planner/ideas/${ids[0]}`, { token: s.token })).body.data.status).toBe('scheduled');
    const other = await signup(svc);
    expect((await svc.call('POST', '/planner/ideas/create-tasks', { token: other.token, body: { idea_ids: ids } })).status).toBe(404);
    expect((await svc.call('PATCH', `/planner/ideas/${ids[0]}`, { token: other.token, body: { title: 'x' } })).status).toBe(404);
    const patched = await svc.call('PATCH', `/planner/ideas/${ids[0]}`, { token: s.token, body: { title: 'Better title', outline: [{ heading: 'One', level: 2 }] } });
    expect(patched.body.data).toMatchObject({ title: 'Better title', outline: [{ heading: 'One', level: 2 }] });
  });
});
