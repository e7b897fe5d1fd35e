import { randomUUID } from 'node:crypto';
import { can, ROLES, type Permission, type Role } from '@igny8/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, grantSite, PASSWORD, signup, uniqueEmail, upgradePlan, userWithRole, type Session } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';
import { accountSnapshot } from '../../../test/snapshot';

/**
 * The permission table of shared/src/roles.ts, driven through the API: each role may do exactly
 * what `can(role, permission)` allows, gets 403 for the rest, and a 403 changes nothing.
 */

let svc: TestService;
let owner: Session;
const members = {} as Record<Role, Session>;

/** Fresh objects for one attempt, visible to `role` (editors and viewers are granted the site). */
type Stage = { site: string; sector: string; viewer: string };
async function stage(role: Role): Promise<Stage> {
  const site = await createSite(svc, owner);
  const sector = await createSector(svc, owner, site.id);
  // A user who never signs in needs no password.
  const [viewer] = await svc.deps.db.owner`insert into users (account_id, email, role) values (${owner.accountId}, ${uniqueEmail('viewer')}, 'viewer') returning id`;
  await grantSite(svc, owner, site.id, viewer!.id);
  if (role === 'editor' || role === 'viewer') await grantSite(svc, owner, site.id, members[role].userId);
  return { site: site.id, sector: sector.id, viewer: viewer!.id };
}

type Action = { name: string; permission: Permission; req: (s: Stage) => { method: string; path: string; body?: unknown } };

const ACTIONS: Action[] = [
  { name: 'PATCH /account', permission: 'manage_users', req: () => ({ method: 'PATCH', path: '/account', body: { name: `Renamed ${randomUUID()}` } }) },
  { name: 'GET /accounts', permission: 'all_accounts', req: () => ({ method: 'GET', path: '/accounts' }) },
  { name: 'GET /users', permission: 'manage_users', req: () => ({ method: 'GET', path: '/users' }) },
  { name: 'POST /users', permission: 'manage_users', req: () => ({ method: 'POST', path: '/users', body: { email: uniqueEmail('new'), role: 'viewer', password: PASSWORD } }) },
  { name: 'PATCH /users/{id}', permission: 'manage_users', req: (s) => ({ method: 'PATCH', path: `/users/${s.viewer}`, body: { name: 'Renamed' } }) },
  { name: 'DELETE /users/{id}', permission: 'manage_users', req: (s) => ({ method: 'DELETE', path: `/users/${s.viewer}` }) },
  { name: 'POST /sites', permission: 'manage_sites', req: () => ({ method: 'POST', path: '/sites', body: { name: `Site ${randomUUID()}` } }) },
  { name: 'PATCH /sites/{id}', permission: 'manage_sites', req: (s) => ({ method: 'PATCH', path: `/sites/${s.site}`, body: { name: `Renamed ${randomUUID()}` } }) },
  { name: 'DELETE /sites/{id}', permission: 'manage_sites', req: (s) => ({ method: 'DELETE', path: `/sites/${s.site}` }) },
  { name: 'POST /sites/{id}/sectors', permission: 'manage_sites', req: (s) => ({ method: 'POST', path: `/sites/${s.site}/sectors`, body: { name: 'Another sector' } }) },
  { name: 'PATCH /sectors/{id}', permission: 'manage_sites', req: (s) => ({ method: 'PATCH', path: `/sectors/${s.sector}`, body: { status: 'inactive' } }) },
  { name: 'DELETE /sectors/{id}', permission: 'manage_sites', req: (s) => ({ method: 'DELETE', path: `/sectors/${s.sector}` }) },
  { name: 'GET /sites/{id}/access', permission: 'manage_users', req: (s) => ({ method: 'GET', path: `/sites/${s.site}/access` }) },
  { name: 'POST /sites/{id}/access', permission: 'manage_users', req: (s) => ({ method: 'POST', path: `/sites/${s.site}/access`, body: { user_id: members.editor.userId } }) },
  { name: 'DELETE /sites/{id}/access', permission: 'manage_users', req: (s) => ({ method: 'DELETE', path: `/sites/${s.site}/access`, body: { user_id: s.viewer } }) },
];

/** Reads every role may make on what it sees. */
const READS = ['/account', '/auth/me', '/industries', '/sites'];

beforeAll(async () => {
  svc = await createTestService();
  owner = await signup(svc, 'Matrix');
  await upgradePlan(svc, owner.accountId);
  // Room for the many sites and users that the attempts create.
  await svc.deps.db.owner`update plans set max_sites = 10000, max_users = 10000 where slug = 'scale'`;
  for (const role of ROLES) members[role] = role === 'owner' ? owner : await userWithRole(svc, owner.accountId, role);
});
afterAll(() => svc.close());

describe('role matrix', () => {
  it.each(ROLES)('%s: succeeds exactly where the permission table allows, 403 elsewhere', async (role) => {
    const outcome: Record<string, number> = {};
    const expected: Record<string, number> = {};
    for (const action of ACTIONS) {
      const s = await stage(role);
      const allowed = can(role, action.permission);
      const before = allowed ? null : await accountSnapshot(svc, owner.accountId);
      const r = action.req(s);
      const res = await svc.call(r.method, r.path, { token: members[role].token, ...(r.body === undefined ? {} : { body: r.body }) });
      outcome[action.name] = res.status;
      expected[action.name] = allowed ? (r.method === 'POST' ? 201 : 200) : 403;
      if (!allowed) {
        expect(res.body, `${role} ${action.name}`).toMatchObject({ success: false, code: 'forbidden' });
        expect(await accountSnapshot(svc, owner.accountId), `${role} ${action.name} changed data`).toEqual(before);
      }
    }
    expect(outcome).toEqual(expected);
    for (const path of READS) {
      const res = await svc.call('GET', path, { token: members[role].token });
      expect(res.status, `${role} GET ${path}`).toBe(200);
    }
  });
});

describe('user management rules', () => {
  const post = (s: Session, role: Role) =>
    svc.call('POST', '/users', { token: s.token, body: { email: uniqueEmail(role), role, password: PASSWORD } });

  it('lets each manager create only the roles at or below their own, never the service roles', async () => {
    const creatable: Record<string, Role[]> = {};
    for (const manager of ['developer', 'owner', 'admin'] as const) {
      creatable[manager] = [];
      for (const role of ROLES) if ((await post(members[manager], role)).status === 201) creatable[manager].push(role);
    }
    expect(creatable).toEqual({
      developer: ['developer', 'owner', 'admin', 'editor', 'viewer', 'system_bot'],
      owner: ['owner', 'admin', 'editor', 'viewer'],
      admin: ['admin', 'editor', 'viewer'],
    });
  });

  it('keeps admins away from owners: no changing, deleting or promoting to owner', async () => {
    const other = await userWithRole(svc, owner.accountId, 'owner');
    const viewer = await userWithRole(svc, owner.accountId, 'viewer');
    const admin = members.admin;
    expect((await svc.call('PATCH', `/users/${other.userId}`, { token: admin.token, body: { name: 'x' } })).status).toBe(403);
    expect((await svc.call('PATCH', `/users/${other.userId}`, { token: admin.token, body: { is_active: false } })).status).toBe(403);
    expect((await svc.call('DELETE', `/users/${other.userId}`, { token: admin.token })).status).toBe(403);
    expect((await svc.call('PATCH', `/users/${viewer.userId}`, { token: admin.token, body: { role: 'owner' } })).status).toBe(403);
    expect((await svc.call('PATCH', `/users/${viewer.userId}`, { token: admin.token, body: { role: 'developer' } })).status).toBe(403);
    expect((await svc.call('PATCH', `/users/${viewer.userId}`, { token: admin.token, body: { role: 'editor' } })).status).toBe(200);
    // An owner may.
    expect((await svc.call('PATCH', `/users/${viewer.userId}`, { token: owner.token, body: { role: 'owner' } })).status).toBe(200);
    const [row] = await svc.deps.db.owner`select role from users where id = ${viewer.userId}`;
    expect(row!.role).toBe('owner');
  });

  it('never lets a user delete, deactivate or re-role themselves', async () => {
    for (const role of ['owner', 'admin', 'developer'] as const) {
      const me = members[role];
      const del = await svc.call('DELETE', `/users/${me.userId}`, { token: me.token });
      expect(del.status, `${role} deletes self`).toBe(403);
      const demote = await svc.call('PATCH', `/users/${me.userId}`, { token: me.token, body: { role: 'viewer' } });
      expect(demote.status, `${role} demotes self`).toBe(403);
      const off = await svc.call('PATCH', `/users/${me.userId}`, { token: me.token, body: { is_active: false } });
      expect([403, 409], `${role} deactivates self`).toContain(off.status);
      const rename = await svc.call('PATCH', `/users/${me.userId}`, { token: me.token, body: { name: 'Still me' } });
      expect(rename.status, `${role} renames self`).toBe(200);
    }
    const rows = await svc.deps.db.owner`select role, is_active from users where id in ${svc.deps.db.owner([members.owner.userId, members.admin.userId])} order by role`;
    expect(rows).toEqual([{ role: 'admin', is_active: true }, { role: 'owner', is_active: true }]);
  });

  it('never removes, deactivates or demotes the last active owner', async () => {
    const solo = await signup(svc, 'Solo');
    await upgradePlan(svc, solo.accountId);
    const developer = members.developer;
    const attempts = [
      () => svc.call('PATCH', `/users/${solo.userId}`, { token: developer.token, body: { role: 'admin' } }),
      () => svc.call('PATCH', `/users/${solo.userId}`, { token: developer.token, body: { is_active: false } }),
      () => svc.call('DELETE', `/users/${solo.userId}`, { token: developer.token }),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('conflict');
    }
    // With a second owner the first may step down, and then the second is the last one.
    const second = await post(solo, 'owner');
    expect(second.status).toBe(201);
    expect((await svc.call('PATCH', `/users/${solo.userId}`, { token: developer.token, body: { role: 'admin' } })).status).toBe(200);
    expect((await svc.call('DELETE', `/users/${second.body.data.id}`, { token: developer.token })).status).toBe(409);
    // An inactive owner does not count as one.
    const third = await userWithRole(svc, solo.accountId, 'owner');
    await svc.deps.db.owner`update users set is_active = false where id = ${third.userId}`;
    expect((await svc.call('PATCH', `/users/${second.body.data.id}`, { token: developer.token, body: { role: 'admin' } })).status).toBe(409);
    const owners = await svc.deps.db.owner`select count(*)::int as n from users where account_id = ${solo.accountId} and role = 'owner' and is_active`;
    expect(owners[0]!.n).toBe(1);
  });

  it('answers 409, not 500, when deleting a user the credit ledger names, and keeps the ledger', async () => {
    const account = await signup(svc, 'Ledger');
    const second = await userWithRole(svc, account.accountId, 'owner');
    const res = await svc.call('DELETE', `/users/${account.userId}`, { token: second.token });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('conflict');
    const [row] = await svc.deps.db.owner`select count(*)::int as n from users where id = ${account.userId}`;
    expect(row!.n).toBe(1);
    // Deactivating is the way out.
    expect((await svc.call('PATCH', `/users/${account.userId}`, { token: second.token, body: { is_active: false } })).status).toBe(200);
  });

  it('enforces the plan’s user and site limits with 409', async () => {
    const small = await signup(svc, 'Small');
    expect((await post(small, 'viewer')).status).toBe(201);
    const over = await post(small, 'viewer');
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('conflict');
    await createSite(svc, small);
    const site = await svc.call('POST', '/sites', { token: small.token, body: { name: 'One too many' } });
    expect(site.status).toBe(409);
    const [counts] = await svc.deps.db.owner`select (select count(*)::int from users where account_id = ${small.accountId}) as users, (select count(*)::int from sites where account_id = ${small.accountId}) as sites`;
    expect(counts).toEqual({ users: 2, sites: 1 });
  });

  it('holds the plan’s limits when additions arrive at once', async () => {
    const small = await signup(svc, 'Crowded');
    const users = await Promise.all(Array.from({ length: 6 }, () => post(small, 'viewer')));
    const sites = await Promise.all(Array.from({ length: 6 }, (_, i) => svc.call('POST', '/sites', { token: small.token, body: { name: `Rush ${i}` } })));
    expect(users.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(sites.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const [counts] = await svc.deps.db.owner`select (select count(*)::int from users where account_id = ${small.accountId}) as users, (select count(*)::int from sites where account_id = ${small.accountId}) as sites`;
    expect(counts).toEqual({ users: 2, sites: 1 });
  });

  it('refuses site access for roles that already see every site, and for unknown users', async () => {
    const s = await createSite(svc, owner);
    const admin = await svc.call('POST', `/sites/${s.id}/access`, { token: owner.token, body: { user_id: members.admin.userId } });
    expect(admin.status).toBe(400);
    expect(admin.body.errors).toHaveProperty('user_id');
    const unknown = await svc.call('POST', `/sites/${s.id}/access`, { token: owner.token, body: { user_id: randomUUID() } });
    expect(unknown.status).toBe(404);
    const twice = await Promise.all([0, 1].map(() => svc.call('POST', `/sites/${s.id}/access`, { token: owner.token, body: { user_id: members.viewer.userId } })));
    expect(twice.map((r) => r.status)).toEqual([201, 201]);
    const listed = await svc.call('GET', `/sites/${s.id}/access`, { token: owner.token });
    expect(listed.body.count).toBe(1);
  });
});
