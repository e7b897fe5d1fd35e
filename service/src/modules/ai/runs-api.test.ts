import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, grantSite, signup, upgradePlan, userWithRole, type Session } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

/** A cluster straight in the database (clusters are otherwise made by a clustering run). */
async function cluster(s: Session, siteId: string, sectorId: string): Promise<string> {
  const [row] = await svc.deps.db.owner`
    insert into clusters (account_id, site_id, sector_id, name) values (${s.accountId}, ${siteId}, ${sectorId}, ${`Cluster ${randomUUID()}`}) returning id`;
  return row!.id as string;
}

describe('AI request bodies', () => {
  it('are the functions’ own input schemas in the OpenAPI document', async () => {
    const doc = (await svc.call('GET', '/openapi.json')).body;
    const body = (path: string) => doc.paths[path].post.requestBody.content['application/json'].schema;
    const cluster = body('/api/v1/planner/keywords/auto-cluster');
    expect(cluster.properties.keyword_ids).toMatchObject({ minItems: 1, maxItems: 100_000 });
    expect(cluster.additionalProperties).toBe(false);
    const ideas = body('/api/v1/planner/clusters/generate-ideas');
    expect(ideas.properties.ideas_per_cluster).toMatchObject({ minimum: 1, maximum: 10 });
    expect(ideas.properties.cluster_ids).toMatchObject({ minItems: 1, maxItems: 100 });
  });

  it('refuse what the document refuses, with field errors', async () => {
    const s = await signup(svc);
    const empty = await svc.call('POST', '/planner/keywords/auto-cluster', { token: s.token, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ success: false, code: 'invalid_input' });
    const tooMany = await svc.call('POST', '/planner/clusters/generate-ideas', { token: s.token, body: { cluster_ids: [randomUUID()], ideas_per_cluster: 11 } });
    expect(tooMany.status).toBe(400);
    expect(Object.keys(tooMany.body.errors)).toContain('ideas_per_cluster');
  });

  it('treat the same keywords in another order as the same clustering run', async () => {
    const s = await signup(svc);
    const site = await createSite(svc, s);
    const sector = await createSector(svc, s, site.id);
    const created = await svc.call('POST', '/planner/keywords', { token: s.token, body: ['alpha one', 'beta two', 'gamma three'].map((keyword) => ({ sector_id: sector.id, keyword })) });
    const ids = (created.body.data as { id: string }[]).map((k) => k.id);
    const first = await svc.call('POST', '/planner/keywords/auto-cluster', { token: s.token, body: { keyword_ids: ids } });
    const again = await svc.call('POST', '/planner/keywords/auto-cluster', { token: s.token, body: { keyword_ids: [...ids].reverse() } });
    expect(first.status).toBe(202);
    expect(again.body.data).toEqual({ run_id: first.body.data.run_id, existing: true });
  });
});

describe('runs over several sites', () => {
  it('are shown only to callers who see every site they touch', async () => {
    const owner = await signup(svc);
    await upgradePlan(svc, owner.accountId);
    const [siteA, siteB] = [await createSite(svc, owner), await createSite(svc, owner)];
    const [sectorA, sectorB] = [await createSector(svc, owner, siteA.id), await createSector(svc, owner, siteB.id)];
    const [clusterA, clusterB] = [await cluster(owner, siteA.id, sectorA.id), await cluster(owner, siteB.id, sectorB.id)];
    const editor = await userWithRole(svc, owner.accountId, 'editor');
    await grantSite(svc, owner, siteA.id, editor.userId);

    const both = await svc.call('POST', '/planner/clusters/generate-ideas', { token: owner.token, body: { cluster_ids: [clusterA, clusterB] } });
    const onlyA = await svc.call('POST', '/planner/clusters/generate-ideas', { token: owner.token, body: { cluster_ids: [clusterA] } });
    expect([both.status, onlyA.status]).toEqual([202, 202]);
    const bothId = both.body.data.run_id as string;
    const onlyAId = onlyA.body.data.run_id as string;

    expect((await svc.call('GET', `/ai/runs/${bothId}`, { token: editor.token })).status).toBe(404);
    expect((await svc.call('GET', `/ai/runs/${bothId}/events`, { token: editor.token })).status).toBe(404);
    const listed = await svc.call('GET', '/ai/runs', { token: editor.token });
    expect(listed.body.results.map((r: { id: string }) => r.id)).toEqual([onlyAId]);
    expect((await svc.call('GET', `/ai/runs/${onlyAId}`, { token: editor.token })).body.data).toMatchObject({ id: onlyAId, site_id: siteA.id });

    // The owner sees both; a site filter finds the multi-site run under each of its sites.
    expect((await svc.call('GET', `/ai/runs/${bothId}`, { token: owner.token })).status).toBe(200);
    const underB = await svc.call('GET', `/ai/runs?site_id=${siteB.id}`, { token: owner.token });
    expect(underB.body.results.map((r: { id: string }) => r.id)).toEqual([bothId]);
  });
});
