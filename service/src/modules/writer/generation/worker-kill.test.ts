import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, signup } from '../../../../test/factories';
import { workerProcesses } from '../../../../test/worker-process';
import { createTestService, type TestService } from '../../../../test/service';
import { useFakeProvider } from '../../../../test/use-fake-provider';

let svc: TestService;
const fake = useFakeProvider();
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Which part of the article a provider request asks for: the outline, the introduction or section N. */
function partOf(body: any): string {
  const prompt: string = body.messages.map((m: any) => m.content).join('\n');
  if (JSON.stringify(body).includes('content_outline')) return 'outline';
  return /Task now: write only (the introduction|section \d+)/.exec(prompt)![1]!;
}

describe('a worker killed in the middle of an article', () => {
  const workers = workerProcesses(() => svc.url);
  afterAll(() => workers.killAll());

  // One provider call at a time, so that the article is killed between two of its sections.
  const worker = () => workers.start({ IGNY8_WORKER_STALE_SECONDS: '2', IGNY8_AI_CONCURRENCY: '1', IGNY8_ALLOW_PRIVATE_NETWORK: 'true' });

  it('resumes from its checkpoints after a restart: each part asked once beyond the one in flight, charged once, saved once', async () => {
    const s = await signup(svc);
    const site = await createSite(svc, s);
    const sector = await createSector(svc, s, site.id);
    await svc.call('PUT', '/system/integrations/openai', { token: s.token, body: { api_key: 'sk-kill', base_url: fake.openaiBaseUrl } });
    const task = (await svc.call('POST', '/writer/tasks', { token: s.token, body: { sector_id: sector.id, title: 'Green tea at home', primary_keyword: 'green tea' } })).body.data;
    fake.onChat('content_outline', () => ({
      title: 'Green tea at home', meta_title: 'Green tea at home', meta_description: 'Brew green tea.', excerpt: 'Brew it well.',
      sections: ['Leaves', 'Water', 'Time', 'Cups'].map((heading) => ({ heading, level: 2, notes: '' })), faq: [],
    }));
    fake.onChat('content_section', (body) => ({ blocks: [{ type: 'paragraph', text: `About ${partOf(body)} of green tea.` }] }));
    fake.latency(700);
    const before = (await svc.call('GET', '/billing/balance', { token: s.token })).body.data.credits;

    const res = await svc.call('POST', '/writer/tasks/generate-content', { token: s.token, body: { task_ids: [task.id] } });
    expect(res.status).toBe(202);
    const runId = res.body.data.run_id;
    const first = worker();
    // The outline and at least one section are kept; the rest is still to be asked.
    const kept = await until('two parts to be checkpointed', async () => {
      const rows = await svc.deps.db.owner`select part from content_checkpoints where run_id = ${runId} order by part`;
      return rows.length >= 2 && rows.map((r) => r.part as number);
    });
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const askedBeforeKill = fake.requests.filter((r) => r.path.includes('chat')).map((r) => partOf(r.body));
    expect(kept.length).toBeLessThan(6);

    const second = worker();
    await until('the run to finish', async () => {
      const [r] = await svc.deps.db.owner`select status from ai_runs where id = ${runId}`;
      return r!.status === 'succeeded' || r!.status === 'failed';
    }, 90_000);
    const [run] = await svc.deps.db.owner`select status, attempts, credits_used from ai_runs where id = ${runId}`;
    expect(run).toEqual({ status: 'succeeded', attempts: 2, credits_used: 3 });

    // Every part asked at least once; a part kept before the kill is never asked again, and only
    // what was in flight when the worker died (one call at a time) is asked twice.
    const asked = fake.requests.filter((r) => r.path.includes('chat')).map((r) => partOf(r.body));
    const counts = asked.reduce<Record<string, number>>((m, p) => ({ ...m, [p]: (m[p] ?? 0) + 1 }), {});
    const parts = ['outline', 'the introduction', 'section 1', 'section 2', 'section 3', 'section 4'];
    expect(Object.keys(counts).sort()).toEqual([...parts].sort());
    const keptParts = kept.map((n) => parts[n]!);
    for (const p of keptParts) expect(counts[p], p).toBe(1);
    const twice = Object.entries(counts).filter(([, n]) => n > 1).map(([p]) => p);
    expect(twice.length).toBeLessThanOrEqual(1);
    for (const p of twice) {
      expect(counts[p]).toBe(2);
      expect(askedBeforeKill).toContain(p);
    }
    expect(asked.length).toBe(parts.length + twice.length);

    // One article with each section once, charged 3 credits once; no checkpoint left behind.
    const content = await svc.deps.db.owner`select blocks from content where task_id = ${task.id}`;
    expect(content).toHaveLength(1);
    for (const heading of ['Leaves', 'Water', 'Time', 'Cups']) expect(content[0]!.blocks.split(`>${heading}</h2>`)).toHaveLength(2);
    expect((await svc.call('GET', '/billing/balance', { token: s.token })).body.data.credits).toBe(before - 3);
    const ledger = await svc.deps.db.owner`select kind, amount from credit_transactions where run_id = ${runId} order by created_at`;
    expect(ledger.filter((t) => t.kind === 'reserve')).toHaveLength(1);
    expect(ledger.reduce((sum, t) => sum + (t.amount as number), 0)).toBe(-3);
    expect(await svc.deps.db.owner`select 1 from content_checkpoints where run_id = ${runId}`).toHaveLength(0);
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
  }, 180_000);
});
