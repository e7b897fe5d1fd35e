import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../src/modules/ai/engine';
import { createEngine } from '../src/modules/ai/setup';
import { createSector, createSite, signup, type Session } from './factories';
import { AI_FUNCTIONS } from '../src/worker';
import { createTestService, type TestService } from './service';
import { useFakeProvider } from './use-fake-provider';

/**
 * The credit ledger is append-only, and AI runs are its history: deleting what a run worked on
 * (its sector, its site) keeps the run and the ledger rows as they were.
 */

let svc: TestService;
let engine: Engine;
const fake = useFakeProvider();
beforeAll(async () => {
  svc = await createTestService({ IGNY8_AI_TIMEOUT_MS: '2000' });
  engine = createEngine(svc.deps, AI_FUNCTIONS);
});
afterAll(() => svc.close());

/** A site and a sector whose keywords were clustered. */
async function clusteredSector(owner: Session) {
  const site = await createSite(svc, owner);
  const sector = await createSector(svc, owner, site.id);
  const keywords = ['running shoes', 'best running shoes', 'trail running shoes', 'yoga mat', 'best yoga mat', 'thick yoga mat'];
  const created = await svc.call('POST', '/planner/keywords', { token: owner.token, body: keywords.map((keyword) => ({ sector_id: sector.id, keyword })) });
  expect(created.status, created.text).toBe(201);
  const started = await svc.call('POST', '/planner/keywords/auto-cluster', { token: owner.token, body: { sector_id: sector.id } });
  expect(started.status, started.text).toBe(202);
  const runId = started.body.data.run_id as string;
  await engine.execute(runId);
  const run = await svc.call('GET', `/ai/runs/${runId}`, { token: owner.token });
  expect(run.body.data).toMatchObject({ status: 'succeeded', credits_used: 1 });
  return { site, sector, runId };
}

const ledgerOf = (accountId: string) =>
  svc.deps.db.owner`select id, amount, balance_after, kind, run_id, created_by from credit_transactions where account_id = ${accountId} order by created_at, id`;

describe('deleting what AI runs worked on', () => {
  it('deletes a sector, then its site, keeping the run readable and the ledger untouched', async () => {
    const owner = await signup(svc, 'History');
    const put = await svc.call('PUT', '/system/integrations/openai', { token: owner.token, body: { api_key: 'sk-test-key', base_url: fake.openaiBaseUrl } });
    expect(put.status, put.text).toBe(200);
    const { site, sector, runId } = await clusteredSector(owner);
    expect(fake.requests.length).toBeGreaterThan(0);
    const ledger = await ledgerOf(owner.accountId);
    expect(ledger.filter((t) => t.run_id === runId).map((t) => t.kind)).toEqual(['reserve']);

    const delSector = await svc.call('DELETE', `/sectors/${sector.id}`, { token: owner.token });
    expect(delSector.status, delSector.text).toBe(200);
    const delSite = await svc.call('DELETE', `/sites/${site.id}`, { token: owner.token });
    expect(delSite.status, delSite.text).toBe(200);
    expect((await svc.call('GET', `/sites/${site.id}`, { token: owner.token })).status).toBe(404);

    expect(await ledgerOf(owner.accountId)).toEqual(ledger);
    const run = await svc.call('GET', `/ai/runs/${runId}`, { token: owner.token });
    expect(run.status, run.text).toBe(200);
    expect(run.body.data).toMatchObject({ id: runId, function: 'auto_cluster', status: 'succeeded', credits_used: 1 });
    const log = await svc.call('GET', '/ai/runs', { token: owner.token });
    expect(log.body.results.map((r: { id: string }) => r.id)).toContain(runId);
    expect((await svc.call('GET', '/billing/balance', { token: owner.token })).body.data.credits).toBe(99);
  });

  it('deletes a whole site with its sectors in one go', async () => {
    const owner = await signup(svc, 'Whole site');
    const { site, runId } = await clusteredSector(owner);
    const ledger = await ledgerOf(owner.accountId);
    const del = await svc.call('DELETE', `/sites/${site.id}`, { token: owner.token });
    expect(del.status, del.text).toBe(200);
    expect(await ledgerOf(owner.accountId)).toEqual(ledger);
    expect((await svc.call('GET', `/ai/runs/${runId}`, { token: owner.token })).status).toBe(200);
  });
});
