import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../src/app';
import { createSector, createSite, grantSite, signup, userWithRole } from './factories';
import { PLANNER_CASES } from './isolation/cases-planner';
import { PLATFORM_CASES } from './isolation/cases-platform';
import { TENANCY_CASES } from './isolation/cases-tenancy';
import { B_ROLES, type Case, type Req } from './isolation/cases-types';
import { WRITER_CASES } from './isolation/cases-writer';
import { ghostIds, seedAccount, send as sendAs, type Account, type SignedSite } from './isolation/seed';
import { createTestService, type TestService } from './service';
import type { Session } from './factories';
import { accountSnapshot } from './snapshot';

/**
 * Tenant isolation, endpoint by endpoint: whatever account B's users send, account A's data stays
 * invisible and untouched, and an id of A's answers exactly as an id that does not exist.
 *
 * To cover a new endpoint, add a case to its module's list under `isolation/` (the coverage test
 * fails until every mounted route has one) — and, if it creates a new kind of object, its id to
 * `Ids` and to `seedAccount`.
 */

const CASES: Case[] = [...TENANCY_CASES, ...PLANNER_CASES, ...WRITER_CASES, ...PLATFORM_CASES];

/**
 * Mounted routes that address no tenant data by id: they act on the caller's own session only (see
 * auth.test.ts), or on the site a one-time code names (see connect.test.ts).
 */
const NOT_TENANT_DATA = ['POST /auth/signup', 'POST /auth/signin', 'POST /auth/refresh', 'POST /auth/signout', 'POST /connect'];

let svc: TestService;
let a: Account;
let b: Account;
const send = (s: Session | SignedSite, r: Req) => sendAs(svc, s, r);

beforeAll(async () => {
  svc = await createTestService();
  a = await seedAccount(svc, 'Alpha');
  b = await seedAccount(svc, 'Bravo');
});
afterAll(() => svc.close());

describe('tenant isolation', () => {
  it('has a case for every mounted route', () => {
    const mounted = new Set(
      svc.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith(`${API_PREFIX}/`))
        .map((r) => `${r.method} ${r.path.slice(API_PREFIX.length).replace(/:([A-Za-z_]+)/g, '{$1}')}`)
        .filter((r) => !/^GET \/(health|ready|openapi\.json)$/.test(r)),
    );
    const covered = new Set([...CASES.map((c) => c.route), ...NOT_TENANT_DATA]);
    const missing = [...mounted].filter((r) => !covered.has(r));
    expect(missing.sort(), 'routes without an isolation case').toEqual([]);
    expect([...covered].filter((r) => !mounted.has(r)).sort(), 'cases for routes that are not mounted').toEqual([]);
  });

  it.each(B_ROLES)("gives another account's %s nothing of account A, and leaves A unchanged", async (role) => {
    const before = await accountSnapshot(svc, a.ids.account);
    const caller = role === 'site' ? b.site : b.sessions[role];
    for (const c of CASES) {
      const label = `${role}: ${c.route} (${c.kind})`;
      const req = c.req(a.ids, b.ids);
      // A request naming the other account's data is refused whole: it changes nothing of the caller's either.
      const callerBefore = c.kind === 'own' ? null : await accountSnapshot(svc, b.ids.account);
      const res = await send(caller, req);
      expect(res.status, `${label} → ${res.text}`).toBeLessThan(500);
      for (const secret of a.secrets) expect(res.text, `${label} leaks ${secret}`).not.toContain(secret);
      if (c.status) expect(res.status, `${label} → ${res.text}`).toBe(c.status(role));
      if (c.kind === 'own') {
        if (res.status === 200 && Array.isArray(res.body?.results)) {
          for (const row of res.body.results) if ('account_id' in row) expect(row.account_id, label).toBe(b.ids.account);
        }
        continue;
      }
      expect(await accountSnapshot(svc, b.ids.account), `${label} changed the caller's account`).toEqual(callerBefore);
      if (c.kind === 'targets') {
        expect(res.status, `${label} → ${res.text}`).toBe(404);
        expect(res.body).toMatchObject({ success: false, code: 'not_found' });
      }
      // An id of another account must be indistinguishable from one that exists nowhere.
      const ghost = await send(caller, c.req(ghostIds(), b.ids));
      expect({ status: res.status, code: res.body?.code, error: res.body?.error }, label).toEqual({
        status: ghost.status, code: ghost.body?.code, error: ghost.body?.error,
      });
    }
    expect(await accountSnapshot(svc, a.ids.account)).toEqual(before);
    expect(await svc.deps.files.get(`${a.ids.account}/Alpha.webp`), 'A\'s stored image file').not.toBeNull();
    // Well over a hundred requests and as many snapshots of the caller's account, on a shared machine.
  }, 120_000);

  it("lists only the caller's own account in /account, /auth/me, /users and /sites", async () => {
    const me = await svc.call('GET', '/auth/me', { token: b.sessions.owner.token });
    expect(me.body.data.account.id).toBe(b.ids.account);
    const users = await svc.call('GET', '/users?page_size=500', { token: b.sessions.admin.token });
    expect(users.status).toBe(200);
    expect(users.body.results.map((u: { account_id: string }) => u.account_id)).toEqual(users.body.results.map(() => b.ids.account));
    expect(users.body.count).toBe(users.body.results.length);
    const sites = await svc.call('GET', '/sites?page_size=500', { token: b.sessions.owner.token });
    expect(sites.body.results.map((s: { id: string }) => s.id)).toContain(b.ids.site);
    expect(sites.body.results.every((s: { account_id: string }) => s.account_id === b.ids.account)).toBe(true);
  });
});

describe('site access of editors and viewers', () => {
  it('shows editors and viewers only the sites they were granted, and takes them away on revocation', async () => {
    const owner = a.sessions.owner;
    const hidden = await createSite(svc, owner);
    const hiddenSector = await createSector(svc, owner, hidden.id);
    for (const role of ['editor', 'viewer'] as const) {
      const s = a.sessions[role];
      const listed = await svc.call('GET', '/sites', { token: s.token });
      expect(listed.body.count, role).toBe(1);
      expect(listed.body.results.map((x: { id: string }) => x.id)).toEqual([a.ids.site]);
      expect((await svc.call('GET', `/sites/${a.ids.site}`, { token: s.token })).status).toBe(200);
      expect((await svc.call('GET', `/sectors/${a.ids.sector}`, { token: s.token })).status).toBe(200);
      expect((await svc.call('GET', `/sites/${a.ids.site}/sectors`, { token: s.token })).body.count).toBe(1);
      for (const path of [`/sites/${hidden.id}`, `/sites/${hidden.id}/sectors`, `/sectors/${hiddenSector.id}`]) {
        const res = await svc.call('GET', path, { token: s.token });
        expect(res.status, `${role} GET ${path}`).toBe(404);
      }
      expect((await svc.call('PATCH', `/sectors/${hiddenSector.id}`, { token: s.token, body: { name: 'x' } })).status).toBe(404);
    }

    // Revoking applies to the very next request made with the same token.
    const editor = a.sessions.editor;
    expect((await svc.call('DELETE', `/sites/${a.ids.site}/access`, { token: owner.token, body: { user_id: a.ids.editor } })).status).toBe(200);
    expect((await svc.call('GET', `/sites/${a.ids.site}`, { token: editor.token })).status).toBe(404);
    expect((await svc.call('GET', `/sectors/${a.ids.sector}`, { token: editor.token })).status).toBe(404);
    expect((await svc.call('GET', '/sites', { token: editor.token })).body).toMatchObject({ count: 0, results: [] });
    // The viewer's grant is untouched.
    expect((await svc.call('GET', `/sites/${a.ids.site}`, { token: a.sessions.viewer.token })).status).toBe(200);

    // The body form of the revocation does the same.
    expect((await svc.call('DELETE', `/sites/${a.ids.site}/access`, { token: owner.token, body: { user_id: a.ids.viewer } })).status).toBe(200);
    expect((await svc.call('GET', `/sites/${a.ids.site}`, { token: a.sessions.viewer.token })).status).toBe(404);

    // And granting again gives it back.
    await grantSite(svc, owner, a.ids.site, a.ids.editor);
    expect((await svc.call('GET', `/sites/${a.ids.site}`, { token: editor.token })).status).toBe(200);
  });
});

describe('developers and system bots', () => {
  it('see every account', async () => {
    const home = await signup(svc, `Platform ${randomUUID()}`);
    const developer = await userWithRole(svc, home.accountId, 'developer');
    const bot = await userWithRole(svc, home.accountId, 'system_bot');
    for (const s of [developer, bot]) {
      expect((await svc.call('GET', `/sites/${b.ids.site}`, { token: s.token })).status).toBe(200);
      expect((await svc.call('GET', `/sectors/${b.ids.sector}`, { token: s.token })).status).toBe(200);
      const sites = await svc.call('GET', '/sites?page_size=500', { token: s.token });
      const accounts = new Set(sites.body.results.map((x: { account_id: string }) => x.account_id));
      expect(accounts.has(a.ids.account) && accounts.has(b.ids.account)).toBe(true);
    }
    const users = await svc.call('GET', '/users?page_size=500', { token: developer.token });
    const userIds = users.body.results.map((u: { id: string }) => u.id);
    expect(userIds).toEqual(expect.arrayContaining([a.ids.owner, b.ids.owner, developer.userId]));
    const renamed = await svc.call('PATCH', `/sites/${b.ids.site}`, { token: developer.token, body: { name: 'Renamed by support' } });
    expect(renamed.status).toBe(200);
    const [row] = await svc.deps.db.owner`select name from sites where id = ${b.ids.site}`;
    expect(row!.name).toBe('Renamed by support');
  });
});
