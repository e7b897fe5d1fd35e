import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { closeDeps, createDeps } from '../../deps';
import { createSector, createSite, signup, upgradePlan, type Session } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';
import { connectedSite, signedCall, signRequest, siteKeys } from '../../../test/site-signer';

let svc: TestService;
let owner: Session;
let site: Awaited<ReturnType<typeof connectedSite>>;
let sector: { id: string };
let otherSite: { id: string };

beforeAll(async () => {
  svc = await createTestService();
  owner = await signup(svc, 'Signed Co');
  await upgradePlan(svc, owner.accountId);
  const made = await createSite(svc, owner);
  site = await connectedSite(svc, owner.token, made.id);
  sector = await createSector(svc, owner, made.id);
  otherSite = await createSite(svc, owner);
});
afterAll(() => svc?.close());

const now = () => Math.floor(Date.now() / 1000);
const keywordCount = async () => (await svc.deps.db.owner`select count(*)::int as n from keywords where sector_id = ${sector.id}`)[0]!.n as number;

describe('a signed request', () => {
  it('acts inside its own site only', async () => {
    expect((await signedCall(svc, site, 'GET', `/sites/${site.id}`)).status).toBe(200);
    const listed = await signedCall(svc, site, 'GET', '/sites');
    expect(listed.body.results.map((s: { id: string }) => s.id)).toEqual([site.id]);
    expect((await signedCall(svc, site, 'GET', `/sites/${otherSite.id}`)).status).toBe(404);
    // Account-wide management is for people, whatever the WordPress role.
    expect((await signedCall(svc, site, 'GET', '/users')).status).toBe(403);
    expect((await signedCall(svc, site, 'PATCH', '/account', { body: JSON.stringify({ name: 'Taken over' }) })).status).toBe(403);
  });

  it('acts with the role its WordPress role maps to', async () => {
    const sectorBody = () => JSON.stringify({ name: `Sector ${randomUUID()}`, status: 'inactive' });
    const keywordBody = () => JSON.stringify({ sector_id: sector.id, keyword: `kw ${randomUUID()}` });
    const as = (wpRole: string) => ({ sign: { wpRole } });
    expect((await signedCall(svc, site, 'POST', `/sites/${site.id}/sectors`, { body: sectorBody(), ...as('administrator') })).status).toBe(201);
    for (const role of ['editor', 'author']) {
      expect((await signedCall(svc, site, 'POST', `/sites/${site.id}/sectors`, { body: sectorBody(), ...as(role) })).status, role).toBe(403);
      expect((await signedCall(svc, site, 'POST', '/planner/keywords', { body: keywordBody(), ...as(role) })).status, role).toBe(201);
    }
    for (const role of ['contributor', 'subscriber', 'shop_manager', 'owner']) {
      expect((await signedCall(svc, site, 'POST', '/planner/keywords', { body: keywordBody(), ...as(role) })).status, role).toBe(403);
      expect((await signedCall(svc, site, 'GET', `/planner/keywords?sector_id=${sector.id}`, as(role))).status, role).toBe(200);
    }
  });

  it('records the site and WordPress user as the actor, with no IGNY8 user', async () => {
    const res = await signedCall(svc, site, 'POST', '/planner/keywords/auto-cluster', { body: JSON.stringify({ sector_id: sector.id }), sign: { wpUserId: '42' } });
    expect(res.status, res.text).toBe(202);
    const actor = `site:${site.id}/wp-user:42`;
    const [run] = await svc.deps.db.owner`select created_by, actor from ai_runs where id = ${res.body.data.run_id}`;
    expect(run).toEqual({ created_by: null, actor });
    const [entry] = await svc.deps.db.owner`select created_by, actor from credit_transactions where run_id = ${res.body.data.run_id} and kind = 'reserve'`;
    expect(entry).toEqual({ created_by: null, actor });

    const db = svc.deps.db.owner;
    const [idea] = await db`insert into content_ideas ${db({ account_id: owner.accountId, site_id: site.id, sector_id: sector.id, title: 'An idea' })} returning id`;
    const tasks = await signedCall(svc, site, 'POST', '/planner/ideas/create-tasks', { body: JSON.stringify({ idea_ids: [idea!.id] }), sign: { wpUserId: '42' } });
    expect(tasks.status).toBe(201);
    const [task] = await db`select created_by, actor from tasks where idea_id = ${idea!.id}`;
    expect(task).toEqual({ created_by: null, actor });
    // A person's actions say who they were too.
    const [keyword] = await db`select id from keywords where sector_id = ${sector.id} limit 1`;
    const byOwner = await svc.call('POST', '/planner/keywords/auto-cluster', { token: owner.token, body: { keyword_ids: [keyword!.id] } });
    expect(byOwner.status, byOwner.text).toBe(202);
    const [ownRun] = await db`select created_by, actor from ai_runs where id = ${byOwner.body.data.run_id}`;
    expect(ownRun).toEqual({ created_by: owner.userId, actor: `user:${owner.userId}` });
  });
});

describe('a signed request is refused with 401', () => {
  const refusedWith = async (res: { status: number; body: any }, message: RegExp) => {
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_token');
    expect(res.body.error).toMatch(message);
  };

  it('for an unknown site or one that is not connected', async () => {
    await refusedWith(await signedCall(svc, { id: randomUUID(), privateKey: site.privateKey }, 'GET', '/sites'), /unknown site/i);
    await refusedWith(await signedCall(svc, { id: otherSite.id, privateKey: site.privateKey }, 'GET', '/sites'), /unknown site/i);
    await refusedWith(await signedCall(svc, site, 'GET', '/sites', { sign: { claims: { iss: 'not-a-site' } } }), /unknown site/i);
  });

  it('for a bad signature: another key, a changed claim, or no signature at all', async () => {
    await refusedWith(await signedCall(svc, { id: site.id, privateKey: siteKeys().privateKey }, 'GET', '/sites'), /does not verify/);
    const jws = await signRequest(site.id, site.privateKey, { method: 'GET', target: '/api/v1/sites', wpRole: 'subscriber' });
    const [header, payload, signature] = jws.split('.');
    const raised = Buffer.from(Buffer.from(payload!, 'base64url').toString().replace('subscriber', 'administrator')).toString('base64url');
    for (const forged of [`${header}.${raised}.${signature}`, `${header}.${payload}.`, 'garbage']) {
      const res = await svc.call('GET', '/sites', { headers: { authorization: `IGNY8-Site ${forged}` } });
      expect(res.status, forged).toBe(401);
    }
  });

  it('when expired, living longer than 60 seconds or issued in the future', async () => {
    const t = now();
    await refusedWith(await signedCall(svc, site, 'GET', '/sites', { sign: { claims: { iat: t - 200, exp: t - 140 } } }), /expired/);
    await refusedWith(await signedCall(svc, site, 'GET', '/sites', { sign: { claims: { iat: t, exp: t + 61 } } }), /at most 60 seconds/);
    await refusedWith(await signedCall(svc, site, 'GET', '/sites', { sign: { claims: { iat: t + 120, exp: t + 150 } } }), /future/);
    // A little clock skew is allowed.
    expect((await signedCall(svc, site, 'GET', '/sites', { sign: { claims: { iat: t - 70, exp: t - 10 } } })).status).toBe(200);
  });

  it('when replayed, across the service’s instances (the jti is kept in PostgreSQL), and expired ids are pruned', async () => {
    const first = await signedCall(svc, site, 'GET', '/sites');
    expect(first.status).toBe(200);
    const replay = await svc.call('GET', '/sites', { headers: { authorization: `IGNY8-Site ${first.jws}` } });
    await refusedWith(replay, /already used/);
    // Another instance: its own connections to the same database.
    const deps = await createDeps(svc.config, svc.deps.logger, svc.url, { migrate: false });
    try {
      const res = await createApp(deps).request('/api/v1/sites', { headers: { authorization: `IGNY8-Site ${first.jws}` } });
      expect(res.status).toBe(401);
      const fresh = await signRequest(site.id, site.privateKey, { method: 'GET', target: '/api/v1/sites' });
      expect((await createApp(deps).request('/api/v1/sites', { headers: { authorization: `IGNY8-Site ${fresh}` } })).status).toBe(200);
      expect((await svc.call('GET', '/sites', { headers: { authorization: `IGNY8-Site ${fresh}` } })).status).toBe(401);
    } finally {
      await closeDeps(deps);
    }
    await svc.deps.db.owner`insert into site_request_ids (site_id, jti, expires_at) values (${site.id}, 'stale-request-id', now() - interval '1 minute')`;
    expect((await signedCall(svc, site, 'GET', '/sites')).status).toBe(200);
    expect(await svc.deps.db.owner`select 1 from site_request_ids where jti = 'stale-request-id'`).toHaveLength(0);
  });

  it('when the method, the path or the query differs from what was signed', async () => {
    await refusedWith(await signedCall(svc, site, 'GET', `/sites/${site.id}`, { sign: { method: 'DELETE' } }), /method/);
    await refusedWith(await signedCall(svc, site, 'GET', `/sites/${site.id}`, { sign: { target: `/api/v1/sites/${otherSite.id}` } }), /path/);
    await refusedWith(await signedCall(svc, site, 'GET', '/sites?page=2', { sign: { target: '/api/v1/sites?page=1' } }), /path/);
    await refusedWith(await signedCall(svc, site, 'GET', '/sites?page=1', { sign: { target: '/api/v1/sites' } }), /path/);
    expect(await svc.deps.db.owner`select 1 from sites where id = ${site.id}`).toHaveLength(1);
  });

  it('when a JSON body differs from what was signed, before anything is written', async () => {
    const before = await keywordCount();
    const signedBody = JSON.stringify({ sector_id: sector.id, keyword: 'signed keyword' });
    const sent = JSON.stringify({ sector_id: sector.id, keyword: 'tampered keyword' });
    await refusedWith(await signedCall(svc, site, 'POST', '/planner/keywords', { body: sent, sign: { body: signedBody } }), /body differs/);
    // A body sent where none was signed, and none sent where one was.
    await refusedWith(await signedCall(svc, site, 'POST', '/planner/keywords', { body: sent, sign: { body: '' } }), /body differs/);
    await refusedWith(await signedCall(svc, site, 'DELETE', `/sites/${otherSite.id}/connect`, { sign: { body: signedBody } }), /body differs/);
    expect(await keywordCount()).toBe(before);
    expect((await signedCall(svc, site, 'POST', '/planner/keywords', { body: signedBody })).status).toBe(201);
  });

  it('when a streamed CSV upload differs from what was signed, and nothing of it is imported', async () => {
    const csv = `keyword,volume\n${Array.from({ length: 5000 }, (_, i) => `signed csv keyword ${i},${i}`).join('\n')}\n`;
    const path = `/planner/keywords/import?sector_id=${sector.id}`;
    const before = await keywordCount();
    const tampered = csv.replace('signed csv keyword 4999,4999', 'signed csv keyword 4999,9999');
    await refusedWith(await signedCall(svc, site, 'POST', path, { body: tampered, contentType: 'text/csv', sign: { body: csv } }), /body differs/);
    expect(await keywordCount()).toBe(before);
    const ok = await signedCall(svc, site, 'POST', path, { body: csv, contentType: 'text/csv' });
    expect(ok.status).toBe(200);
    expect(ok.body.data.created).toBe(5000);
  });
});
