import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite, signup, upgradePlan, userWithRole, type Session } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';

let svc: TestService;
let developer: Session;
let alpha: Session;
let bravo: Session;
// A word in both test accounts' names and in no other's, so searches see only them.
const tag = randomUUID().slice(0, 8);

beforeAll(async () => {
  svc = await createTestService();
  alpha = await signup(svc, `Alpha ${tag}`);
  bravo = await signup(svc, `Bravo ${tag.toUpperCase()}`);
  await upgradePlan(svc, bravo.accountId);
  await createSite(svc, bravo);
  await svc.deps.db.owner`update accounts set status = 'suspended' where id = ${alpha.accountId}`;
  const home = await signup(svc, 'Developers');
  developer = await userWithRole(svc, home.accountId, 'developer');
});
afterAll(() => svc.close());

const get = (path: string, s = developer) => svc.call('GET', path, { token: s.token });

describe('GET /accounts', () => {
  it('lists every account to a developer, with its status, plan, credits, users and sites', async () => {
    const res = await get(`/accounts?search=${tag}`);
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    // Newest first.
    const [b, a] = res.body.results;
    expect(b).toMatchObject({ id: bravo.accountId, name: `Bravo ${tag.toUpperCase()}`, status: 'active', users: 1, sites: 1, plan: { slug: 'scale' } });
    expect(a).toMatchObject({ id: alpha.accountId, status: 'suspended', users: 1, sites: 0 });
    const [balance] = await svc.deps.db.owner`select credits from accounts where id = ${bravo.accountId}`;
    expect(b.credits).toBe(balance!.credits);
    expect(b.credits).toBeGreaterThan(0);
  });

  it('shows a credit grant in the listed balance', async () => {
    const before = (await get(`/accounts?search=Bravo ${tag}`)).body.results[0].credits;
    const grant = await svc.call('POST', '/billing/credits', { token: developer.token, body: { account_id: bravo.accountId, amount: 250, reason: 'Goodwill' } });
    expect(grant.status).toBe(201);
    const after = await get(`/accounts?search=Bravo ${tag}`);
    expect(after.body.results.map((r: { credits: number }) => r.credits)).toEqual([before + 250]);
  });

  it('filters by status and pages', async () => {
    const suspended = await get(`/accounts?search=${tag}&status=suspended`);
    expect(suspended.body.results.map((r: { id: string }) => r.id)).toEqual([alpha.accountId]);
    const first = await get(`/accounts?search=${tag}&page_size=1`);
    const second = await get(`/accounts?search=${tag}&page_size=1&page=2`);
    expect(first.body).toMatchObject({ count: 2, previous: null });
    expect(first.body.next).toContain('page=2');
    expect([first.body.results[0].id, second.body.results[0].id]).toEqual([bravo.accountId, alpha.accountId]);
  });

  it('refuses an account’s own users, the owner included, with the reason', async () => {
    const res = await get('/accounts', bravo);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ success: false, code: 'forbidden', error: 'Only developers and system bots can list accounts.' });
  });

  it('answers malformed filters with 400 and the field at fault', async () => {
    for (const query of ['status=frozen', 'page_size=0', `search=${'x'.repeat(201)}`]) {
      const res = await get(`/accounts?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.success, query).toBe(false);
      expect(Object.keys(res.body.errors ?? {}).length, query).toBeGreaterThan(0);
    }
  });
});
