import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../../../test/fake-provider';
import { useFakeProvider } from '../../../../test/use-fake-provider';
import { createSector, createSite, signup, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { API_PREFIX } from '../../../app';
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

const FAMILIES = {
  shoes: ['running shoes', 'best running shoes', 'running shoes for women', 'trail running shoes', 'cheap running shoes'],
  coffee: ['coffee grinder', 'burr coffee grinder', 'best coffee grinder', 'manual coffee grinder'],
  yoga: ['yoga mat', 'best yoga mat', 'thick yoga mat', 'yoga mat for beginners'],
};

async function workspace(opts: { provider?: boolean } = {}) {
  const s = await signup(svc);
  const site = await createSite(svc, s);
  const sector = await createSector(svc, s, site.id);
  const body = Object.values(FAMILIES).flat().map((keyword, i) => ({ sector_id: sector.id, keyword, volume: 1000 - i * 10, intent: 'commercial' }));
  const created = await svc.call('POST', '/planner/keywords', { token: s.token, body });
  if (created.status !== 201) throw new Error(created.text);
  if (opts.provider) {
    const put = await svc.call('PUT', '/system/integrations/openai', { token: s.token, body: { api_key: 'sk-test-key', base_url: fake.openaiBaseUrl } });
    if (put.status !== 200) throw new Error(put.text);
  }
  return { s, sector, keywords: created.body.data as { id: string; keyword: string }[] };
}

async function cluster(s: Session, body: unknown) {
  const res = await svc.call('POST', '/planner/keywords/auto-cluster', { token: s.token, body });
  if (res.status !== 202) return { res, run: null };
  await engine.execute(res.body.data.run_id);
  const run = await svc.call('GET', `/ai/runs/${res.body.data.run_id}`, { token: s.token });
  return { res, run: run.body.data };
}

async function clustersOf(s: Session, sectorId: string) {
  const list = await svc.call('GET', `/planner/clusters?sector_id=${sectorId}&ordering=name`, { token: s.token });
  return Promise.all(list.body.results.map(async (c: any) => (await svc.call('GET', `/planner/clusters/${c.id}`, { token: s.token })).body.data));
}

const balance = async (s: Session) => (await svc.call('GET', '/billing/balance', { token: s.token })).body.data.credits;

describe('auto_cluster without a provider', () => {
  it('groups a whole sector lexically, names clusters after their pillar keyword and charges 1 credit per 30 keywords', async () => {
    const { s, sector } = await workspace();
    const { res, run } = await cluster(s, { sector_id: sector.id });
    expect(res.status).toBe(202);
    expect(run).toMatchObject({ status: 'succeeded', progress: 100, credits_used: 1, result: { method: 'lexical', granularity: 'balanced', named_by: 'pillar_keyword', clusters: 3 } });
    const clusters = await clustersOf(s, sector.id);
    const families = clusters.map((c: any) => c.keywords.map((k: any) => k.keyword).sort());
    expect(families.sort()).toEqual(Object.values(FAMILIES).map((f) => [...f].sort()).sort());
    for (const c of clusters) {
      expect(c.keywords.map((k: any) => k.keyword)).toContain(c.name);
      expect(c.pillar_keyword).toBe(c.name);
      expect(c.keyword_count).toBe(c.keywords.length);
      expect(c.total_volume).toBe(c.keywords.reduce((n: number, k: any) => n + k.volume, 0));
      expect(c.intent).toBe('commercial');
    }
    expect(await balance(s)).toBe(99);
  });

  // Three clear families stay three at every granularity; the strict ordering on a graded case is
  // tested beside the clustering (cut.test.ts).
  it('clusters at the granularity asked for, never more groups for broad, and says which it used', async () => {
    const { s, sector } = await workspace();
    const counts: Record<string, number> = {};
    for (const granularity of ['tight', 'balanced', 'broad']) {
      const { res, run } = await cluster(s, { sector_id: sector.id, granularity });
      expect(res.status).toBe(202);
      expect(run).toMatchObject({ status: 'succeeded', result: { granularity } });
      counts[granularity] = run.result.clusters + run.result.unclustered_keywords;
    }
    expect(counts.broad).toBeLessThanOrEqual(counts.balanced!);
    expect(counts.balanced).toBeLessThanOrEqual(counts.tight!);
    const bad = await svc.call('POST', '/planner/keywords/auto-cluster', { token: s.token, body: { sector_id: sector.id, granularity: 'medium' } });
    expect(bad.status).toBe(400);
    const doc = await svc.call('GET', `${API_PREFIX}/openapi.json`);
    const body = doc.body.paths[`${API_PREFIX}/planner/keywords/auto-cluster`].post.requestBody.content['application/json'].schema;
    expect(body.properties.granularity.enum).toEqual(['broad', 'balanced', 'tight']);
  });

  it('leaves keywords placed by hand where they are and replaces the earlier automatic clusters', async () => {
    const { s, sector, keywords } = await workspace();
    await cluster(s, { sector_id: sector.id });
    const before = await clustersOf(s, sector.id);
    const coffeeCluster = before.find((c: any) => c.keywords.some((k: any) => k.keyword === 'coffee grinder'));
    const yogaMat = keywords.find((k) => k.keyword === 'yoga mat')!;
    // The user insists that "yoga mat" belongs with the coffee grinders.
    expect((await svc.call('PATCH', `/planner/keywords/${yogaMat.id}`, { token: s.token, body: { cluster_id: coffeeCluster.id } })).status).toBe(200);
    const { run } = await cluster(s, { sector_id: sector.id });
    expect(run.status).toBe('succeeded');
    const kept = await svc.call('GET', `/planner/keywords/${yogaMat.id}`, { token: s.token });
    expect(kept.body.data).toMatchObject({ cluster_id: coffeeCluster.id, cluster_locked: true });
    const after = await clustersOf(s, sector.id);
    // The earlier automatic clusters that lost all their keywords are gone; the one holding the hand-placed keyword stays.
    expect(after.map((c: any) => c.id)).toContain(coffeeCluster.id);
    expect(after.filter((c: any) => before.some((b: any) => b.id === c.id)).map((c: any) => c.id)).toEqual([coffeeCluster.id]);
  });

  it('answers 404 for keywords or sectors the caller cannot see, 400 for mixed sectors, 402 when credits are short', async () => {
    const { s, sector, keywords } = await workspace();
    const other = await workspace();
    expect((await cluster(other.s, { sector_id: sector.id })).res.status).toBe(404);
    expect((await cluster(other.s, { keyword_ids: [keywords[0]!.id] })).res.status).toBe(404);
    const secondSector = await createSector(svc, s, sector.site_id);
    const k2 = await svc.call('POST', '/planner/keywords', { token: s.token, body: { sector_id: secondSector.id, keyword: 'other' } });
    expect((await cluster(s, { keyword_ids: [keywords[0]!.id, k2.body.data.id] })).res.status).toBe(400);
    expect((await cluster(s, { keyword_ids: [], sector_id: sector.id })).res.status).toBe(400);
    await svc.deps.db.owner`update accounts set credits = 0 where id = ${s.accountId}`;
    const short = await cluster(s, { sector_id: sector.id });
    expect(short.res.status).toBe(402);
    expect(short.res.body).toMatchObject({ code: 'insufficient_credits', balance: 0, required: 1 });
  });
});

describe('auto_cluster with an OpenAI-compatible provider', () => {
  it('embeds the keywords and lets the provider name, describe and label each cluster', async () => {
    const { s, sector } = await workspace({ provider: true });
    fake.onChat('cluster_names', (body) => {
      const prompt: string = body.messages.map((m: any) => m.content).join('\n');
      const numbers = [...prompt.matchAll(/Cluster (\d+) \(/g)].map((m) => Number(m[1]));
      return { clusters: numbers.map((number) => ({ number, name: `Topic ${number}`, description: `About topic ${number}.`, intent: 'informational' })) };
    });
    const { run } = await cluster(s, { sector_id: sector.id });
    expect(run).toMatchObject({ status: 'succeeded', result: { method: 'embeddings', named_by: 'ai' } });
    expect(run.tokens_in).toBeGreaterThan(0);
    const clusters = await clustersOf(s, sector.id);
    expect(clusters.length).toBeGreaterThan(0);
    for (const c of clusters) expect(c).toMatchObject({ name: expect.stringMatching(/^Topic \d+$/), intent: 'informational' });
    expect(fake.requests.some((r) => r.path.endsWith('/embeddings') && r.headers.authorization === 'Bearer sk-test-key')).toBe(true);
  });

  const faults: Fault['kind'][] = ['429', '500', 'slow', 'malformed_json', 'schema_violation', 'drop'];

  it.each(faults)('retries a passing %s fault and succeeds', async (kind) => {
    const { s, sector } = await workspace({ provider: true });
    fake.clearFaults();
    fake.fault({ kind, times: 1, path: kind === 'malformed_json' || kind === 'schema_violation' ? 'chat' : 'embeddings', retryAfterSeconds: 0, delayMs: 3000 });
    const { run } = await cluster(s, { sector_id: sector.id });
    expect(run.status).toBe('succeeded');
  });

  it.each(faults)('fails clearly on a persisting %s fault, refunds and leaves no clusters', async (kind) => {
    const { s, sector } = await workspace({ provider: true });
    fake.clearFaults();
    fake.fault({ kind, times: 100, path: kind === 'malformed_json' || kind === 'schema_violation' ? 'chat' : 'embeddings', retryAfterSeconds: 0, delayMs: 3000 });
    const { run } = await cluster(s, { sector_id: sector.id });
    fake.clearFaults();
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/./);
    expect(run.error).not.toMatch(/internal error/);
    expect(await clustersOf(s, sector.id)).toEqual([]);
    expect(await balance(s)).toBe(100);
    const unclustered = await svc.call('GET', `/planner/keywords?sector_id=${sector.id}&unclustered=true`, { token: s.token });
    expect(unclustered.body.count).toBe(13);
  }, 60_000);
});
