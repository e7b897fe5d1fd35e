import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, signup } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';
import { useFakeProvider } from '../../../test/use-fake-provider';
import { SlotLeases } from '../../providers/slot-leases';
import { plannerFunctions } from '../planner/functions';
import { createEngine } from './setup';

let svc: TestService;
const fake = useFakeProvider();
beforeAll(async () => {
  svc = await createTestService({ IGNY8_AI_CONCURRENCY: '2' });
});
afterAll(() => svc.close());

describe('the per-account provider concurrency limit', () => {
  it('holds across processes: two workers running the account’s runs never make more than IGNY8_AI_CONCURRENCY calls at once', async () => {
    const s = await signup(svc);
    const site = await createSite(svc, s);
    const sector = await createSector(svc, s, site.id);
    const key = `sk-${randomUUID()}`;
    await svc.call('PUT', '/system/integrations/openai', { token: s.token, body: { api_key: key, base_url: fake.openaiBaseUrl } });
    const clusters = [];
    for (let i = 0; i < 12; i++) {
      const [row] = await svc.deps.db.owner`
        insert into clusters (account_id, site_id, sector_id, name) values (${s.accountId}, ${site.id}, ${sector.id}, ${`Topic ${i}`}) returning id`;
      clusters.push(row!.id as string);
    }
    const runs = [];
    for (const half of [clusters.slice(0, 6), clusters.slice(6)]) {
      const res = await svc.call('POST', '/planner/clusters/generate-ideas', { token: s.token, body: { cluster_ids: half, ideas_per_cluster: 1 } });
      expect(res.status).toBe(202);
      runs.push(res.body.data.run_id as string);
    }
    fake.latency(300);

    // One engine per worker process: each has its own in-process limiter.
    const workers = [createEngine(svc.deps, plannerFunctions), createEngine(svc.deps, plannerFunctions)];
    await Promise.all(runs.map((id, i) => workers[i]!.execute(id)));

    const statuses = await svc.deps.db.owner`select status from ai_runs where id = any(${runs}::uuid[])`;
    expect(statuses.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(fake.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(12);
    expect(fake.peakInFlight(`Bearer ${key}`)).toBe(2);
    expect(await svc.deps.db.owner`select 1 from provider_leases where key = ${s.accountId}`).toHaveLength(0);
  }, 60_000);

  it('frees the slots of a process that died once their lease expires', async () => {
    const account = randomUUID();
    // Both slots held by a process that stopped renewing them a moment ago.
    await svc.deps.db.owner`
      insert into provider_leases (key, slot, holder, expires_at)
      select ${account}, s, 'dead-process', now() + interval '1 second' from generate_series(0, 1) s`;
    const leases = new SlotLeases(svc.deps.db.owner, 30, 50);
    const started = performance.now();
    const release = await leases.acquire(account, 2);
    expect(performance.now() - started).toBeGreaterThan(500);
    const [row] = await svc.deps.db.owner`select count(*)::int as n from provider_leases where key = ${account} and holder = ${leases.holder}`;
    expect(row!.n).toBe(1);
    await release();
    expect(await svc.deps.db.owner`select 1 from provider_leases where holder = ${leases.holder}`).toHaveLength(0);
  });
});
