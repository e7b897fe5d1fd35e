import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asGlobal, GLOBAL, type Scope } from '../src/db/client';
import { createSector, createSite, grantSite, signup, upgradePlan, userWithRole, type Session } from './factories';
import { createTestService, type TestService } from './service';
import { tenantTables } from './snapshot';

/**
 * The database itself keeps accounts apart: queries that forget every filter, run on the app's
 * pool inside a tenant transaction, still see one account (and an editor's granted sites) only.
 */

let svc: TestService;
let a: { owner: Session; sites: string[]; sectors: string[] };
let b: { owner: Session; site: string };

const scopeOf = (accountId: string, extra: Partial<Extract<Scope, { kind: 'account' }>> = {}): Scope => ({
  kind: 'account', accountId, siteIds: null, readOnly: false, ...extra,
});

beforeAll(async () => {
  svc = await createTestService();
  const ownerA = await signup(svc, 'Alpha');
  await upgradePlan(svc, ownerA.accountId);
  const editorA = await userWithRole(svc, ownerA.accountId, 'editor');
  const sites = [await createSite(svc, ownerA), await createSite(svc, ownerA)];
  await grantSite(svc, ownerA, sites[0].id, editorA.userId);
  const sectors = [await createSector(svc, ownerA, sites[0].id), await createSector(svc, ownerA, sites[1].id)];
  a = { owner: ownerA, sites: sites.map((s) => s.id), sectors: sectors.map((s) => s.id) };
  const ownerB = await signup(svc, 'Bravo');
  const siteB = await createSite(svc, ownerB);
  await createSector(svc, ownerB, siteB.id);
  await grantSite(svc, ownerB, siteB.id, (await userWithRole(svc, ownerB.accountId, 'viewer')).userId);
  b = { owner: ownerB, site: siteB.id };
});
afterAll(() => svc.close());

describe('row-level security', () => {
  it('confines an unfiltered select * to the scope’s account', async () => {
    const populated = ['sites', 'users', 'sectors', 'site_access', 'auth_sessions', 'credit_transactions'];
    for (const table of new Set([...populated, ...(await tenantTables(svc))])) {
      const seen = await svc.deps.db.run(scopeOf(a.owner.accountId), (tx) => tx`select * from ${tx(table)}`);
      const [all] = await svc.deps.db.owner`select count(*)::int as n, count(*) filter (where account_id = ${a.owner.accountId})::int as mine from ${svc.deps.db.owner(table)}`;
      if (populated.includes(table)) expect(all!.n, `${table} holds rows of both accounts`).toBeGreaterThan(all!.mine);
      expect(seen.length, table).toBe(all!.mine);
      for (const row of seen) expect(row.account_id, table).toBe(a.owner.accountId);
    }
    const accounts = await svc.deps.db.run(scopeOf(a.owner.accountId), (tx) => tx`select id from accounts`);
    expect(accounts.map((r) => r.id)).toEqual([a.owner.accountId]);
  });

  it('narrows sites and sectors to the granted sites', async () => {
    const scope = scopeOf(a.owner.accountId, { siteIds: [a.sites[0]!] });
    const sites = await svc.deps.db.run(scope, (tx) => tx`select id from sites`);
    const sectors = await svc.deps.db.run(scope, (tx) => tx`select id from sectors`);
    expect(sites.map((r) => r.id)).toEqual([a.sites[0]]);
    expect(sectors.map((r) => r.id)).toEqual([a.sectors[0]]);
    const none = await svc.deps.db.run(scopeOf(a.owner.accountId, { siteIds: [] }), (tx) => tx`select id from sites`);
    expect(none).toEqual([]);
  });

  it('shows nothing to a query run outside a scope, even right after a scoped transaction on the pool', async () => {
    await svc.deps.db.run(scopeOf(a.owner.accountId), (tx) => tx`select 1`);
    for (let i = 0; i < 5; i++) {
      const [row] = await svc.deps.db.app`select (select count(*)::int from sites) as sites, (select count(*)::int from users) as users`;
      expect(row).toEqual({ sites: 0, users: 0 });
    }
  });

  it('logs the app pool in as igny8_app: no superuser, no RLS bypass, and RLS forced on every tenant table', async () => {
    const [me] = await svc.deps.db.app`
      select current_user as name, r.rolsuper, r.rolbypassrls, r.rolinherit
      from pg_roles r where r.rolname = current_user`;
    expect(me).toEqual({ name: 'igny8_app', rolsuper: false, rolbypassrls: false, rolinherit: false });
    const tables = await tenantTables(svc);
    const flags = await svc.deps.db.owner`
      select relname, relrowsecurity, relforcerowsecurity, pg_get_userbyid(relowner) as owner
      from pg_class where relname in ${svc.deps.db.owner(tables)} and relkind = 'r' order by relname`;
    expect(flags).toHaveLength(tables.length);
    for (const t of flags) {
      expect(t, t.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
      expect(t.owner, t.relname).not.toBe('igny8_app');
    }
  });

  it('cannot switch row-level security off or become a superuser', async () => {
    const attempts = [
      (tx: any) => tx`set local row_security = off`.then(() => tx`select * from sites`),
      (tx: any) => tx`set local role postgres`,
      (tx: any) => tx`set local session authorization postgres`,
      (tx: any) => tx`alter table sites disable row level security`,
      (tx: any) => tx`alter table sites no force row level security`,
      (tx: any) => tx`drop policy tenant_read on sites`,
    ];
    for (const attempt of attempts) {
      await expect(svc.deps.db.run(scopeOf(a.owner.accountId), attempt)).rejects.toMatchObject({ code: expect.stringMatching(/^42501$|^42P01$|^42704$/) });
    }
    const [row] = await svc.deps.db.owner`select relrowsecurity, relforcerowsecurity from pg_class where relname = 'sites'`;
    expect(row).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it('cannot write into another account or into a site outside the grant', async () => {
    await expect(
      svc.deps.db.run(scopeOf(a.owner.accountId), (tx) => tx`insert into sites (account_id, name) values (${b.owner.accountId}, 'Planted')`),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      svc.deps.db.run(scopeOf(a.owner.accountId, { siteIds: [a.sites[0]!] }), (tx) => tx`insert into sectors (account_id, site_id, name) values (${a.owner.accountId}, ${a.sites[1]!}, 'Planted')`),
    ).rejects.toMatchObject({ code: '42501' });
    // Moving a row to another account is a write the policy checks too.
    await expect(
      svc.deps.db.run(scopeOf(a.owner.accountId), (tx) => tx`update sites set account_id = ${b.owner.accountId} where id = ${a.sites[0]!}`),
    ).rejects.toMatchObject({ code: '42501' });
    const changed = await svc.deps.db.run(scopeOf(a.owner.accountId), (tx) => tx`update sites set name = 'Hijacked' where id = ${b.site} returning id`);
    expect(changed).toHaveLength(0);
    const [planted] = await svc.deps.db.owner`select count(*)::int as n from sites where name in ('Planted', 'Hijacked')`;
    expect(planted!.n).toBe(0);
  });

  // The policies check a row's own account_id; the composite foreign key (site_id, account_id) →
  // sites (id, account_id) is what stops a row from pointing at another account's site.
  it('refuses a row of one account that points at a site of another', async () => {
    await expect(
      svc.deps.db.run(scopeOf(a.owner.accountId), async (tx) => {
        await tx`insert into sectors (account_id, site_id, name) values (${a.owner.accountId}, ${b.site}, 'Planted')`;
        throw new Error('rolled back: the insert went through');
      }),
    ).rejects.toMatchObject({ code: expect.stringMatching(/^42501$|^23503$/) });
  });

  it('lets a read-only scope read but neither insert, update nor delete', async () => {
    for (const scope of [scopeOf(a.owner.accountId, { readOnly: true }), { ...GLOBAL, readOnly: true } as Scope]) {
      const before = await svc.deps.db.owner`select id, name from sites order by id`;
      const seen = await svc.deps.db.run(scope, (tx) => tx`select id from sites`);
      expect(seen.length).toBeGreaterThan(0);
      await expect(
        svc.deps.db.run(scope, (tx) => tx`insert into sites (account_id, name) values (${a.owner.accountId}, 'Read-only write')`),
      ).rejects.toMatchObject({ code: '42501' });
      // For UPDATE and DELETE the policy hides every row from the statement: nothing is touched.
      const updated = await svc.deps.db.run(scope, (tx) => tx`update sites set name = 'Read-only write' returning id`);
      const deleted = await svc.deps.db.run(scope, (tx) => tx`delete from sectors returning id`);
      expect(updated).toHaveLength(0);
      expect(deleted).toHaveLength(0);
      expect(await svc.deps.db.owner`select id, name from sites order by id`).toEqual(before);
    }
  });

  it('keeps the credit ledger append-only, even for the database owner', async () => {
    const ledger = await svc.deps.db.owner`select id, amount from credit_transactions where account_id = ${a.owner.accountId}`;
    expect(ledger).toHaveLength(1);
    const id = ledger[0]!.id as string;
    await expect(svc.deps.db.owner`update credit_transactions set amount = 1000000 where id = ${id}`).rejects.toMatchObject({ code: '23001' });
    await expect(svc.deps.db.owner`delete from credit_transactions where id = ${id}`).rejects.toMatchObject({ code: '23001' });
    for (const scope of [scopeOf(a.owner.accountId), GLOBAL]) {
      await expect(svc.deps.db.run(scope, (tx) => tx`update credit_transactions set amount = 0 where id = ${id}`)).rejects.toMatchObject({ code: '42501' });
      await expect(svc.deps.db.run(scope, (tx) => tx`delete from credit_transactions where id = ${id}`)).rejects.toMatchObject({ code: '42501' });
    }
    expect(await svc.deps.db.owner`select id, amount from credit_transactions where account_id = ${a.owner.accountId}`).toEqual(ledger);
  });
});

describe('what the login role may change', () => {
  const refused = (scope: Scope, statement: (tx: any) => Promise<unknown>) =>
    expect(svc.deps.db.run(scope, statement)).rejects.toMatchObject({ code: '42501' });

  it('cannot raise its balance, change its plan or status, or make anyone a developer', async () => {
    const mine = scopeOf(a.owner.accountId);
    const before = await svc.deps.db.owner`select credits, plan_id, status from accounts where id = ${a.owner.accountId}`;
    await refused(mine, (tx) => tx`update accounts set credits = 1000000 where id = ${a.owner.accountId}`);
    await refused(mine, (tx) => tx`update accounts set plan_id = (select id from plans where slug = 'scale') where id = ${a.owner.accountId}`);
    await refused(mine, (tx) => tx`update accounts set status = 'active' where id = ${a.owner.accountId}`);
    await refused(mine, (tx) => tx`update subscriptions set plan_id = (select id from plans where slug = 'scale')`);
    await refused(mine, (tx) => tx`insert into accounts (name, plan_id, credits) select 'Free money', id, 1000000 from plans limit 1`);
    await refused(mine, (tx) => tx`update users set role = 'developer' where id = ${a.owner.userId}`);
    await refused(mine, (tx) => tx`insert into users (account_id, email, role) values (${a.owner.accountId}, 'dev@example.com', 'developer')`);
    await refused(mine, (tx) => tx`insert into users (account_id, email, role) values (${a.owner.accountId}, 'bot@example.com', 'system_bot')`);
    expect(await svc.deps.db.owner`select credits, plan_id, status from accounts where id = ${a.owner.accountId}`).toEqual(before);
    const [owner] = await svc.deps.db.owner`select role from users where id = ${a.owner.userId}`;
    expect(owner!.role).toBe('owner');
    // What a tenant may change, it still can.
    const renamed = await svc.deps.db.run(mine, (tx) => tx`update accounts set name = name, updated_at = now() returning id`);
    expect(renamed).toHaveLength(1);
  });

  it('cannot read or write the sign-in attempts, in a scope or outside one', async () => {
    for (const run of [(q: (tx: any) => Promise<unknown>) => svc.deps.db.run(scopeOf(a.owner.accountId), q), (q: (tx: any) => Promise<unknown>) => q(svc.deps.db.app)]) {
      await expect(run((tx) => tx`select count(*) from signin_attempts`)).rejects.toMatchObject({ code: '42501' });
      await expect(run((tx) => tx`insert into signin_attempts (email, ip, succeeded) values ('x@example.com', '1.2.3.4', false)`)).rejects.toMatchObject({ code: '42501' });
      await expect(run((tx) => tx`delete from signin_attempts`)).rejects.toMatchObject({ code: '42501' });
    }
  });

  it('still changes roles and balances through the service, which switches to the global role for them alone', async () => {
    const viewer = await userWithRole(svc, a.owner.accountId, 'viewer');
    const patched = await svc.call('PATCH', `/users/${viewer.userId}`, { token: a.owner.token, body: { role: 'editor' } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.data.role).toBe('editor');
    expect((await svc.deps.db.owner`select role from users where id = ${viewer.userId}`)[0]!.role).toBe('editor');
    // An owner still cannot hand out a role that sees every account.
    expect((await svc.call('PATCH', `/users/${viewer.userId}`, { token: a.owner.token, body: { role: 'developer' } })).status).toBe(403);

    const developer = await userWithRole(svc, b.owner.accountId, 'developer');
    const before = (await svc.call('GET', '/billing/balance', { token: a.owner.token })).body.data.credits as number;
    const granted = await svc.call('POST', '/billing/credits', { token: developer.token, body: { account_id: a.owner.accountId, amount: 25, reason: 'Goodwill' } });
    expect(granted.status, granted.text).toBe(201);
    expect((await svc.call('GET', '/billing/balance', { token: a.owner.token })).body.data.credits).toBe(before + 25);
  });

  it('returns to the tenant role after a statement run as the global role', async () => {
    const seen = await svc.deps.db.run(scopeOf(a.owner.accountId), async (tx) => {
      await asGlobal(tx, () => tx`select 1`);
      return tx`select current_user as role, (select count(*)::int from sites) as sites`;
    });
    expect(seen).toEqual([{ role: 'igny8_app', sites: a.sites.length }]);
  });
});
