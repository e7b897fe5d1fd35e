import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, signup, type Session } from '../../test/factories';
import { createTestService, type TestService } from '../../test/service';
import { startTarpit } from '../../test/tarpit';
import { createEngine } from '../modules/ai/setup';
import { aiTasks } from '../modules/ai/tasks';
import { plannerFunctions } from '../modules/planner/functions';
import { startJobRunner } from './runner';

let svc: TestService;
beforeAll(async () => {
  // Four job slots, at most two per account (the default share: half).
  svc = await createTestService({ IGNY8_WORKER_CONCURRENCY: '4' });
});
afterAll(() => svc.close());

async function sectorsWithKeywords(s: Session, n: number) {
  const site = await createSite(svc, s);
  const sectors = [];
  for (let i = 0; i < n; i++) {
    const sector = await createSector(svc, s, site.id);
    await svc.call('POST', '/planner/keywords', { token: s.token, body: ['red shoes', 'blue shoes', 'green hats'].map((keyword) => ({ sector_id: sector.id, keyword })) });
    sectors.push(sector.id as string);
  }
  return sectors;
}

const clusterSector = async (s: Session, sectorId: string) =>
  (await svc.call('POST', '/planner/keywords/auto-cluster', { token: s.token, body: { sector_id: sectorId } })).body.data.run_id as string;

const running = async (s: Session) =>
  (await svc.deps.db.owner`select count(*)::int as n from ai_runs where account_id = ${s.accountId} and status = 'running'`)[0]!.n as number;

describe('fair share of the job slots', () => {
  it('keeps an account whose provider never answers to its share, so another account’s run starts at once', async () => {
    expect(svc.config.accountMaxJobs).toBe(2);
    const tarpit = await startTarpit();
    const a = await signup(svc, 'Tarpit');
    const b = await signup(svc, 'Bystander');
    await svc.call('PUT', '/system/integrations/openai', { token: a.token, body: { api_key: 'sk-tarpit', base_url: tarpit.baseUrl } });
    const aSectors = await sectorsWithKeywords(a, 5);
    const [bSector] = await sectorsWithKeywords(b, 1);
    for (const id of aSectors) await clusterSector(a, id);

    const runner = await startJobRunner(svc.deps, svc.url, { tasks: aiTasks(createEngine(svc.deps, plannerFunctions)), concurrency: 4 });
    try {
      const deadline = Date.now() + 20_000;
      while ((await running(a)) < 2 || tarpit.connections() < 2) {
        if (Date.now() > deadline) throw new Error('the tarpit account never started its runs');
        await new Promise((r) => setTimeout(r, 100));
      }
      const bRun = await clusterSector(b, bSector!);
      const asked = Date.now();
      let bStatus = 'queued';
      while (bStatus !== 'succeeded' && Date.now() - asked < 10_000) {
        // The tarpit account never gets beyond its share meanwhile.
        expect(await running(a)).toBeLessThanOrEqual(2);
        bStatus = (await svc.deps.db.owner`select status from ai_runs where id = ${bRun}`)[0]!.status as string;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(bStatus).toBe('succeeded');
      const [wait] = await svc.deps.db.owner`select extract(epoch from started_at - created_at)::float8 as s from ai_runs where id = ${bRun}`;
      expect(wait!.s).toBeLessThan(2);
      expect(await running(a)).toBe(2);
    } finally {
      // Dropping the tarpit's connections ends the hanging calls, so the runner can stop.
      await svc.deps.db.owner`select graphile_worker.remove_job(key) from graphile_worker.jobs where locked_at is null`;
      await tarpit.close();
      await runner.stop();
    }
  }, 90_000);
});
