import { can, type Role } from '@igny8/shared';
import { GLOBAL, type Scope } from '../db/client';
import { forbidden } from '../http/errors';

type Acting = {
  accountId: string;
  role: Role;
  /** Sites the caller is confined to; null for roles that see every site of the account. */
  siteIds: string[] | null;
};

/** A person signed in with an access token. */
export type UserCaller = Acting & { kind: 'user'; userId: string; sessionId: string };

/** A WordPress site signing its requests with its own key, on behalf of one of its users. */
export type SiteCaller = Acting & { kind: 'site'; siteId: string; wpUserId: string };

/** The service itself (a job), acting for one account. */
export type SystemCaller = { kind: 'system'; accountId: string; role: 'system_bot'; siteIds: null };

/** Whoever is acting: every service function takes one, and permissions and records follow it. */
export type Caller = UserCaller | SiteCaller | SystemCaller;

export const systemCaller = (accountId: string): SystemCaller => ({ kind: 'system', accountId, role: 'system_bot', siteIds: null });

/** The row-level-security scope a caller's queries run under. */
export function scopeOf(caller: Caller): Scope {
  const readOnly = !can(caller.role, 'write');
  if (can(caller.role, 'all_accounts')) return { ...GLOBAL, readOnly };
  return { kind: 'account', accountId: caller.accountId, siteIds: caller.siteIds, readOnly };
}

/** The one account a caller's requests are confined to; null for roles that see every account. */
export function accountOf(caller: Caller): string | null {
  return can(caller.role, 'all_accounts') ? null : caller.accountId;
}

/** The IGNY8 user behind an action (the `created_by` of what it makes); null for sites and the system. */
export function userOf(caller: Caller): string | null {
  return caller.kind === 'user' ? caller.userId : null;
}

/**
 * Who acted, in words that stay meaningful after users and sites are gone: `user:<id>`,
 * `site:<id>/wp-user:<id>` or `system`. Recorded next to `created_by`.
 */
export function actorOf(caller: Caller): string {
  switch (caller.kind) {
    case 'user':
      return `user:${caller.userId}`;
    case 'site':
      return `site:${caller.siteId}/wp-user:${caller.wpUserId}`;
    case 'system':
      return 'system';
  }
}

/** The caller as a signed-in user; 403 for sites and the system, which have no user session. */
export function sessionOf(caller: Caller, refusal = 'Only a signed-in user has a session.'): UserCaller {
  if (caller.kind !== 'user') throw forbidden(refusal);
  return caller;
}
