import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../src/app';
import { createSector, createSite, grantSite, PASSWORD, signup, uniqueEmail, upgradePlan, userWithRole, type Session } from './factories';
import { createTestService, type TestService } from './service';
import { accountSnapshot } from './snapshot';

/**
 * Tenant isolation, endpoint by endpoint: whatever account B's users send, account A's data stays
 * invisible and untouched, and an id of A's answers exactly as an id that does not exist.
 *
 * To cover a new endpoint, add a case to CASES (the coverage test fails until every mounted route
 * has one) — and, if it creates a new kind of object, its id to `Ids` and to `seedAccount`.
 */

type Ids = {
  account: string;
  owner: string;
  admin: string;
  editor: string;
  viewer: string;
  site: string;
  sector: string;
};
type Req = { method: string; path: string; body?: unknown };
type Case = {
  /** The mounted route, as `METHOD /path/{param}` under the API prefix. */
  route: string;
  /**
   * - `targets`: the path names an object of the other account: 404 for every role.
   * - `references`: the body or a second path segment names one: answered as for an id that does not exist.
   * - `own`: acts on the caller's own account (or on shared reference data).
   */
  kind: 'targets' | 'references' | 'own';
  /** `other` holds the other account's ids (or ids that exist nowhere), `own` the caller's. */
  req: (other: Ids, own: Ids) => Req;
};

const CASES: Case[] = [
  // sites
  { route: 'GET /sites/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/sites/${o.site}` }) },
  { route: 'PATCH /sites/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/sites/${o.site}`, body: { name: 'Taken over', wp_app_password: 'stolen-password' } }) },
  { route: 'DELETE /sites/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/sites/${o.site}` }) },
  { route: 'GET /sites', kind: 'own', req: () => ({ method: 'GET', path: '/sites?page_size=500' }) },
  { route: 'POST /sites', kind: 'own', req: () => ({ method: 'POST', path: '/sites', body: { name: `Own site ${randomUUID()}` } }) },
  // sectors
  { route: 'GET /sites/{id}/sectors', kind: 'targets', req: (o) => ({ method: 'GET', path: `/sites/${o.site}/sectors` }) },
  { route: 'POST /sites/{id}/sectors', kind: 'targets', req: (o) => ({ method: 'POST', path: `/sites/${o.site}/sectors`, body: { name: 'Planted' } }) },
  { route: 'GET /sectors/{id}', kind: 'targets', req: (o) => ({ method: 'GET', path: `/sectors/${o.sector}` }) },
  { route: 'PATCH /sectors/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/sectors/${o.sector}`, body: { name: 'Renamed', status: 'inactive' } }) },
  { route: 'DELETE /sectors/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/sectors/${o.sector}` }) },
  // site access
  { route: 'GET /sites/{id}/access', kind: 'targets', req: (o) => ({ method: 'GET', path: `/sites/${o.site}/access` }) },
  { route: 'POST /sites/{id}/access', kind: 'targets', req: (o) => ({ method: 'POST', path: `/sites/${o.site}/access`, body: { user_id: o.editor } }) },
  { route: 'POST /sites/{id}/access', kind: 'targets', req: (o, own) => ({ method: 'POST', path: `/sites/${o.site}/access`, body: { user_id: own.editor } }) },
  { route: 'POST /sites/{id}/access', kind: 'references', req: (o, own) => ({ method: 'POST', path: `/sites/${own.site}/access`, body: { user_id: o.viewer } }) },
  { route: 'DELETE /sites/{id}/access', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/sites/${o.site}/access`, body: { user_id: o.editor } }) },
  { route: 'DELETE /sites/{id}/access', kind: 'references', req: (o, own) => ({ method: 'DELETE', path: `/sites/${own.site}/access`, body: { user_id: o.editor } }) },
  { route: 'DELETE /sites/{id}/access/{user_id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/sites/${o.site}/access/${o.viewer}` }) },
  { route: 'DELETE /sites/{id}/access/{user_id}', kind: 'references', req: (o, own) => ({ method: 'DELETE', path: `/sites/${own.site}/access/${o.viewer}` }) },
  // users
  { route: 'GET /users', kind: 'own', req: () => ({ method: 'GET', path: '/users?page_size=500' }) },
  { route: 'POST /users', kind: 'own', req: () => ({ method: 'POST', path: '/users', body: { email: uniqueEmail('invited'), role: 'viewer', password: PASSWORD } }) },
  { route: 'PATCH /users/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/users/${o.editor}`, body: { role: 'viewer' } }) },
  { route: 'PATCH /users/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/users/${o.owner}`, body: { is_active: false } }) },
  { route: 'PATCH /users/{id}', kind: 'targets', req: (o) => ({ method: 'PATCH', path: `/users/${o.admin}`, body: { password: 'a new password for you' } }) },
  { route: 'DELETE /users/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/users/${o.viewer}` }) },
  { route: 'DELETE /users/{id}', kind: 'targets', req: (o) => ({ method: 'DELETE', path: `/users/${o.owner}` }) },
  // account and reference data
  { route: 'GET /account', kind: 'own', req: () => ({ method: 'GET', path: '/account' }) },
  { route: 'PATCH /account', kind: 'own', req: () => ({ method: 'PATCH', path: '/account', body: { name: 'Renamed by its own user' } }) },
  { route: 'GET /auth/me', kind: 'own', req: () => ({ method: 'GET', path: '/auth/me' }) },
  { route: 'GET /industries', kind: 'own', req: () => ({ method: 'GET', path: '/industries' }) },
];

/** Mounted routes that address no tenant data by id: they act on the caller's own session only (see auth.test.ts). */
const NOT_TENANT_DATA = ['POST /auth/signup', 'POST /auth/signin', 'POST /auth/refresh', 'POST /auth/signout'];

/**
 * Modules whose routes have no cases here yet (their own tests cover their isolation for now). A
 * route of any other module without a case fails the coverage test.
 */
const MODULES_WITHOUT_CASES = ['ai', 'billing', 'planner', 'publish', 'system', 'thinker', 'writer'];

const B_ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
type Account = { ids: Ids; sessions: Record<(typeof B_ROLES)[number], Session>; secrets: string[] };

let svc: TestService;
let a: Account;
let b: Account;

/** An account with one user per role, a site (granted to its editor and viewer) with a sector. */
async function seedAccount(label: string): Promise<Account> {
  const owner = await signup(svc, `${label} ${randomUUID()}`);
  await upgradePlan(svc, owner.accountId);
  const admin = await userWithRole(svc, owner.accountId, 'admin');
  const editor = await userWithRole(svc, owner.accountId, 'editor');
  const viewer = await userWithRole(svc, owner.accountId, 'viewer');
  const site = await createSite(svc, owner, { name: `${label} site ${randomUUID()}`, wp_url: `https://${label.toLowerCase()}.example.com`, wp_username: 'wp-admin', wp_app_password: `${label}-app-password` });
  const sector = await createSector(svc, owner, site.id, { name: `${label} sector ${randomUUID()}` });
  for (const u of [editor, viewer]) await grantSite(svc, owner, site.id, u.userId);
  const me = await svc.call('GET', '/auth/me', { token: owner.token });
  const ids: Ids = { account: owner.accountId, owner: owner.userId, admin: admin.userId, editor: editor.userId, viewer: viewer.userId, site: site.id, sector: sector.id };
  // Everything that would give the account's data away if it showed up in another account's answers.
  const secrets = [...Object.values(ids), owner.email, admin.email, editor.email, viewer.email, me.body.data.account.name, site.name, sector.name, `${label}-app-password`];
  return { ids, sessions: { owner, admin, editor, viewer }, secrets };
}

const ghostIds = (): Ids => ({
  account: randomUUID(), owner: randomUUID(), admin: randomUUID(), editor: randomUUID(), viewer: randomUUID(), site: randomUUID(), sector: randomUUID(),
});

async function send(s: Session, r: Req) {
  return svc.call(r.method, r.path, { token: s.token, ...(r.body === undefined ? {} : { body: r.body }) });
}

beforeAll(async () => {
  svc = await createTestService();
  a = await seedAccount('Alpha');
  b = await seedAccount('Bravo');
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
    const moduleOf = (route: string) => route.split(' ')[1]!.split('/')[1]!;
    const missing = [...mounted].filter((r) => !covered.has(r) && !MODULES_WITHOUT_CASES.includes(moduleOf(r)));
    expect(missing.sort(), 'routes without an isolation case').toEqual([]);
    expect([...covered].filter((r) => !mounted.has(r)).sort(), 'cases for routes that are not mounted').toEqual([]);
  });

  it.each(B_ROLES)("gives another account's %s nothing of account A, and leaves A unchanged", async (role) => {
    const before = await accountSnapshot(svc, a.ids.account);
    const caller = b.sessions[role];
    for (const c of CASES) {
      const label = `${role}: ${c.route} (${c.kind})`;
      const res = await send(caller, c.req(a.ids, b.ids));
      expect(res.status, `${label} → ${res.text}`).toBeLessThan(500);
      for (const secret of a.secrets) expect(res.text, `${label} leaks ${secret}`).not.toContain(secret);
      if (c.kind === 'own') {
        if (res.status === 200 && Array.isArray(res.body.results)) {
          for (const row of res.body.results) if ('account_id' in row) expect(row.account_id, label).toBe(b.ids.account);
        }
        continue;
      }
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
  });

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
    expect((await svc.call('DELETE', `/sites/${a.ids.site}/access/${a.ids.editor}`, { token: owner.token })).status).toBe(200);
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
