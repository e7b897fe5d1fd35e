import type { Role } from '@igny8/shared';
import type { Tx } from '../../db/client';

export async function loadPrincipal(tx: Tx, userId: string, sessionId: string) {
  const [row] = await tx`
    select u.id, u.account_id, u.role, a.status as account_status,
           coalesce((select array_agg(sa.site_id) from site_access sa where sa.user_id = u.id), '{}') as site_ids
    from users u
    join accounts a on a.id = u.account_id
    join auth_sessions s on s.id = ${sessionId} and s.user_id = u.id and s.revoked_at is null
    where u.id = ${userId} and u.is_active`;
  if (!row) return null;
  return {
    userId: row.id as string,
    accountId: row.account_id as string,
    role: row.role as Role,
    accountStatus: row.account_status as string,
    siteIds: row.site_ids as string[],
  };
}

export async function defaultPlan(tx: Tx) {
  const [plan] = await tx`select id, included_credits from plans where is_default`;
  if (!plan) throw new Error('no default plan is configured');
  return { id: plan.id as string, includedCredits: plan.included_credits as number };
}

/** Creates an account on the default plan with its included credits, its subscription and its owner. */
export async function createAccountWithOwner(
  tx: Tx,
  input: { accountName: string; email: string; name: string; passwordHash: string },
) {
  const plan = await defaultPlan(tx);
  const [account] = await tx`
    insert into accounts (name, plan_id, credits) values (${input.accountName}, ${plan.id}, ${plan.includedCredits})
    returning id`;
  const accountId = account!.id as string;
  await tx`insert into subscriptions (account_id, plan_id) values (${accountId}, ${plan.id})`;
  const [user] = await tx`
    insert into users (account_id, email, name, role, password_hash)
    values (${accountId}, ${input.email}, ${input.name}, 'owner', ${input.passwordHash})
    returning id`;
  if (plan.includedCredits > 0) {
    await tx`
      insert into credit_transactions (account_id, amount, balance_after, kind, reason, created_by)
      values (${accountId}, ${plan.includedCredits}, ${plan.includedCredits}, 'grant', 'Credits included in the plan', ${user!.id})`;
  }
  return { accountId, userId: user!.id as string };
}

export async function findUserByEmail(tx: Tx, email: string) {
  const [row] = await tx`
    select id, account_id, role, password_hash, is_active from users where email = ${email}`;
  return row
    ? { id: row.id as string, accountId: row.account_id as string, role: row.role as Role, passwordHash: row.password_hash as string | null, isActive: row.is_active as boolean }
    : null;
}

/**
 * Failed sign-ins within the window that concern this email or this address: per pair, per email
 * and per address, with the seconds since each clock started; and whether the user of this email
 * has signed in from this address within the last 30 days.
 */
export async function recentFailedSignins(tx: Tx, email: string, ip: string, windowSeconds: number) {
  const [row] = await tx`
    select count(*) filter (where email = ${email} and ip = ${ip})::int as by_pair,
           count(*) filter (where email = ${email})::int as by_email,
           count(*) filter (where ip = ${ip})::int as by_ip,
           coalesce(extract(epoch from now() - min(created_at) filter (where email = ${email} and ip = ${ip})), 0)::float8 as pair_age,
           coalesce(extract(epoch from now() - min(created_at) filter (where email = ${email})), 0)::float8 as email_age,
           coalesce(extract(epoch from now() - max(created_at) filter (where ip = ${ip})), 0)::float8 as since_ip_failure,
           exists (select 1 from auth_sessions s join users u on u.id = s.user_id
                   where u.email = ${email} and s.ip = ${ip} and s.created_at > now() - interval '30 days') as known_address
    from signin_attempts
    where not succeeded and created_at > now() - make_interval(secs => ${windowSeconds})
      and (email = ${email} or ip = ${ip})`;
  return {
    byPair: row!.by_pair as number,
    byEmail: row!.by_email as number,
    byIp: row!.by_ip as number,
    /** Seconds since the oldest failure of the pair, of the email, and since the latest of the address. */
    pairAge: row!.pair_age as number,
    emailAge: row!.email_age as number,
    sinceIpFailure: row!.since_ip_failure as number,
    knownAddress: row!.known_address as boolean,
  };
}

/**
 * Holds the sign-in attempts of one address and of one email back until this transaction ends,
 * always in that order, so that guesses sent in parallel are counted one after another.
 */
export async function lockSignin(tx: Tx, email: string, ip: string) {
  await tx`select pg_advisory_xact_lock(hashtext('igny8_signin_ip:' || ${ip}))`;
  await tx`select pg_advisory_xact_lock(hashtext('igny8_signin:' || ${email}))`;
}

/**
 * Sign-ups within the window from this address and from everyone, with the age of the oldest of
 * each. Not locked: sign-ups checking at the same moment may pass a limit together, by at most the
 * connections of the pool, which is cheaper than making every sign-up hold one waiting for a lock.
 */
export async function recentSignups(tx: Tx, ip: string, windowSeconds: number) {
  const [row] = await tx`
    select count(*) filter (where ip = ${ip})::int as by_ip, count(*)::int as total,
           coalesce(extract(epoch from now() - min(created_at) filter (where ip = ${ip})), 0)::float8 as ip_age,
           coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as total_age
    from signup_attempts where created_at > now() - make_interval(secs => ${windowSeconds})`;
  return { byIp: row!.by_ip as number, total: row!.total as number, ipAge: row!.ip_age as number, totalAge: row!.total_age as number };
}

export async function recordSignup(tx: Tx, ip: string) {
  await tx`insert into signup_attempts (ip) values (${ip})`;
  if (Math.random() < 0.01) await tx`delete from signup_attempts where created_at < now() - interval '1 day'`;
}

export async function recordSignin(tx: Tx, email: string, ip: string, succeeded: boolean): Promise<number> {
  const [row] = await tx`insert into signin_attempts (email, ip, succeeded) values (${email}, ${ip}, ${succeeded}) returning id`;
  // Keep the table small: attempts older than a day no longer count for anything.
  if (Math.random() < 0.01) await tx`delete from signin_attempts where created_at < now() - interval '1 day'`;
  return Number(row!.id);
}

/** Removes an attempt recorded as failed that turned out to succeed (the role may not update rows). */
export async function forgetSignin(tx: Tx, id: number) {
  await tx`delete from signin_attempts where id = ${id}`;
}

export async function touchLogin(tx: Tx, userId: string) {
  await tx`update users set last_login_at = now() where id = ${userId}`;
}

export async function createSession(tx: Tx, s: { accountId: string; userId: string; userAgent: string; ip: string }) {
  const [row] = await tx`
    insert into auth_sessions (account_id, user_id, user_agent, ip)
    values (${s.accountId}, ${s.userId}, ${s.userAgent.slice(0, 500)}, ${s.ip})
    returning id`;
  return row!.id as string;
}

export async function insertRefreshToken(tx: Tx, t: { jti: string; accountId: string; sessionId: string; expiresAt: Date }) {
  await tx`
    insert into refresh_tokens (jti, account_id, session_id, expires_at)
    values (${t.jti}, ${t.accountId}, ${t.sessionId}, ${t.expiresAt})`;
}

/** The refresh token's row with its session, locked so that two concurrent refreshes are serialised. */
export async function lockRefreshToken(tx: Tx, jti: string) {
  const [row] = await tx`
    select r.jti, r.used_at, r.expires_at, s.id as session_id, s.revoked_at, s.user_id, s.account_id
    from refresh_tokens r join auth_sessions s on s.id = r.session_id
    where r.jti = ${jti}
    for update of r, s`;
  return row
    ? {
        sessionId: row.session_id as string,
        userId: row.user_id as string,
        accountId: row.account_id as string,
        used: row.used_at !== null,
        revoked: row.revoked_at !== null,
      }
    : null;
}

export async function markRefreshUsed(tx: Tx, jti: string) {
  await tx`update refresh_tokens set used_at = now() where jti = ${jti}`;
}

export async function revokeSession(tx: Tx, sessionId: string, reason: string) {
  await tx`update auth_sessions set revoked_at = now(), revoked_reason = ${reason} where id = ${sessionId} and revoked_at is null`;
}

export async function revokeUserSessions(tx: Tx, userId: string, reason: string) {
  await tx`update auth_sessions set revoked_at = now(), revoked_reason = ${reason} where user_id = ${userId} and revoked_at is null`;
}

export async function activeUser(tx: Tx, userId: string) {
  const [row] = await tx`select id, account_id, role from users where id = ${userId} and is_active`;
  return row ? { id: row.id as string, accountId: row.account_id as string, role: row.role as Role } : null;
}

/** A site that signs its requests, with what placing its caller needs; null when unknown or not connected. */
export async function loadSigningSite(tx: Tx, siteId: string) {
  const [row] = await tx`
    select s.id, s.account_id, s.status, s.wp_public_key, a.status as account_status
    from sites s join accounts a on a.id = s.account_id
    where s.id = ${siteId} and s.wp_public_key is not null`;
  if (!row) return null;
  return {
    siteId: row.id as string,
    accountId: row.account_id as string,
    status: row.status as string,
    publicKey: row.wp_public_key as string,
    accountStatus: row.account_status as string,
  };
}

/**
 * Records a signed request's jti; false when the site used it before. Removes a bounded batch of
 * expired ids on the way, so the table holds about one minute of requests.
 */
export async function useRequestId(tx: Tx, r: { siteId: string; jti: string; expiresAt: Date }): Promise<boolean> {
  const rows = await tx`
    with pruned as (
      delete from site_request_ids where (site_id, jti) in (
        select site_id, jti from site_request_ids where expires_at < now() limit 100)
    )
    insert into site_request_ids (site_id, jti, expires_at) values (${r.siteId}, ${r.jti}, ${r.expiresAt})
    on conflict do nothing
    returning jti`;
  return rows.length > 0;
}
