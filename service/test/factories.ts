import { randomBytes } from 'node:crypto';
import type { Role } from '@igny8/shared';
import { hashPassword } from '../src/lib/passwords';
import type { TestService } from './service';

export const PASSWORD = 'correct horse battery staple';

let counter = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${++counter}-${randomBytes(3).toString('hex')}@example.com`;

export type Session = { token: string; refresh: string; userId: string; accountId: string; email: string };

/** Signs up a new account through the API; the caller is its owner. */
export async function signup(svc: TestService, accountName = 'Acme'): Promise<Session> {
  const email = uniqueEmail('owner');
  const res = await svc.call('POST', '/auth/signup', { body: { email, password: PASSWORD, account_name: accountName } });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${res.text}`);
  const d = res.body.data;
  return { token: d.access, refresh: d.refresh, userId: d.user.id, accountId: d.account.id, email };
}

export async function signin(svc: TestService, email: string, password = PASSWORD): Promise<Session> {
  const res = await svc.call('POST', '/auth/signin', { body: { email, password } });
  if (res.status !== 200) throw new Error(`signin failed: ${res.status} ${res.text}`);
  const d = res.body.data;
  return { token: d.access, refresh: d.refresh, userId: d.user.id, accountId: d.account.id, email };
}

/**
 * Adds a user with any role straight into the database (developers and system bots cannot be
 * created through the API by anyone else) and signs them in.
 */
export async function userWithRole(svc: TestService, accountId: string, role: Role): Promise<Session> {
  const email = uniqueEmail(role);
  const hash = await hashPassword(PASSWORD, svc.config.passwordCost);
  await svc.deps.db.owner.unsafe(
    `insert into users (account_id, email, role, password_hash) values ($1, $2, $3, $4)`,
    [accountId, email, role, hash],
  );
  return signin(svc, email);
}

/** Moves an account to the largest plan, so a test can add many sites and users. */
export async function upgradePlan(svc: TestService, accountId: string, slug = 'scale'): Promise<void> {
  await svc.deps.db.owner`update accounts set plan_id = (select id from plans where slug = ${slug}) where id = ${accountId}`;
}

async function created(res: { status: number; text: string; body: any }, what: string) {
  if (res.status !== 201) throw new Error(`creating ${what} failed: ${res.status} ${res.text}`);
  return res.body.data;
}

/** Creates a site through the API as `s` (an owner or admin). */
export async function createSite(svc: TestService, s: Session, body: Record<string, unknown> = {}): Promise<any> {
  return created(await svc.call('POST', '/sites', { token: s.token, body: { name: `Site ${randomBytes(4).toString('hex')}`, ...body } }), 'site');
}

/** Creates a sector of `siteId` through the API as `s`. */
export async function createSector(svc: TestService, s: Session, siteId: string, body: Record<string, unknown> = {}): Promise<any> {
  return created(await svc.call('POST', `/sites/${siteId}/sectors`, { token: s.token, body: { name: `Sector ${randomBytes(4).toString('hex')}`, ...body } }), 'sector');
}

/** Grants an editor or viewer access to a site, as `manager`. */
export async function grantSite(svc: TestService, manager: Session, siteId: string, userId: string): Promise<void> {
  await created(await svc.call('POST', `/sites/${siteId}/access`, { token: manager.token, body: { user_id: userId } }), 'site access');
}
