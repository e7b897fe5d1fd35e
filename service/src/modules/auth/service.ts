import { sessionOf, type Caller } from '../../access';
import type { Deps } from '../../context';
import { GLOBAL, type Tx } from '../../db/client';
import { ApiError, conflict, notFound } from '../../http/errors';
import { accountById, userById } from '../tenancy';
import { burnPasswordCheck, hashPassword, verifyPassword } from '../../lib/passwords';
import * as q from './queries';

/** Failed sign-ins allowed per email (and per client address) within the window before 429. */
export const SIGNIN_LIMITS = { perEmail: 10, perIp: 100, windowSeconds: 15 * 60 };

type Client = { ip: string; userAgent: string };

async function issueTokens(deps: Deps, tx: Tx, user: { id: string; accountId: string; role: Parameters<Deps['tokens']['access']>[0]['role'] }, sessionId: string) {
  const refresh = await deps.tokens.refresh({ userId: user.id, sessionId });
  await q.insertRefreshToken(tx, { jti: refresh.jti, accountId: user.accountId, sessionId, expiresAt: refresh.expiresAt });
  const access = await deps.tokens.access({ userId: user.id, accountId: user.accountId, role: user.role, sessionId });
  return { access, refresh: refresh.token };
}

async function startSession(deps: Deps, tx: Tx, userId: string, client: Client) {
  const user = await q.activeUser(tx, userId);
  if (!user) throw new ApiError('invalid_credentials', 'The email or password is not correct.');
  const sessionId = await q.createSession(tx, { accountId: user.accountId, userId, ...client });
  const tokens = await issueTokens(deps, tx, user, sessionId);
  return { user: await userById(tx, userId), account: await accountById(tx, user.accountId), ...tokens };
}

export async function signup(deps: Deps, input: { email: string; password: string; account_name: string; name?: string | undefined }, client: Client) {
  const passwordHash = await hashPassword(input.password, deps.config.passwordCost);
  return deps.db.run(GLOBAL, async (tx) => {
    if (await q.findUserByEmail(tx, input.email)) {
      throw conflict('An account with this email already exists.', { email: ['This email is already registered.'] });
    }
    const { userId } = await q.createAccountWithOwner(tx, {
      accountName: input.account_name,
      email: input.email,
      name: input.name ?? '',
      passwordHash,
    });
    return startSession(deps, tx, userId, client);
  }).catch((err) => {
    // Two sign-ups racing for one email: the unique index decides, the loser gets the same 409.
    if ((err as { code?: string }).code === '23505') throw conflict('An account with this email already exists.', { email: ['This email is already registered.'] });
    throw err;
  });
}

export async function signin(deps: Deps, input: { email: string; password: string }, client: Client) {
  // The attempt is counted as a failure before the password is checked, under a lock per email, so
  // that guesses sent in parallel are counted one after another instead of all passing the check.
  const attempt = await deps.db.run(GLOBAL, async (tx) => {
    await q.lockSigninEmail(tx, input.email);
    const limits = await q.recentFailedSignins(tx, input.email, client.ip, SIGNIN_LIMITS.windowSeconds);
    const emailBlocked = limits.byEmail >= SIGNIN_LIMITS.perEmail;
    const ipBlocked = limits.byIp >= SIGNIN_LIMITS.perIp;
    if (emailBlocked || ipBlocked) {
      return { retryAfter: Math.max(emailBlocked ? limits.emailRetryAfter : 0, ipBlocked ? limits.ipRetryAfter : 0) };
    }
    return { id: await q.recordSignin(tx, input.email, client.ip, false) };
  });
  const attemptId = attempt.id;
  if (attemptId === undefined) {
    throw new ApiError('rate_limited', 'Too many failed sign-in attempts; try again later.', {
      headers: { 'Retry-After': String(attempt.retryAfter) },
    });
  }
  const user = await deps.db.run(GLOBAL, (tx) => q.findUserByEmail(tx, input.email));
  let valid = false;
  if (user?.passwordHash && user.isActive) valid = await verifyPassword(input.password, user.passwordHash);
  else await burnPasswordCheck(input.password, deps.config.passwordCost);
  if (!valid || !user) throw new ApiError('invalid_credentials', 'The email or password is not correct.');
  return deps.db.run(GLOBAL, async (tx) => {
    await q.forgetSignin(tx, attemptId);
    await q.recordSignin(tx, input.email, client.ip, true);
    await q.touchLogin(tx, user.id);
    return startSession(deps, tx, user.id, client);
  });
}

/**
 * Rotates a refresh token. Each token works once; presenting a used one means it was copied, so
 * the whole session (every token descended from the same sign-in) is revoked.
 */
export async function refresh(deps: Deps, token: string) {
  const claims = await deps.tokens.verifyRefresh(token);
  type Outcome = { error: string } | { tokens: { access: string; refresh: string } };
  const outcome = await deps.db.run<Outcome>(GLOBAL, async (tx) => {
    const row = await q.lockRefreshToken(tx, claims.jti);
    if (!row || row.revoked || row.sessionId !== claims.sid) return { error: 'This session has ended; sign in again.' };
    if (row.used) {
      await q.revokeSession(tx, row.sessionId, 'refresh token reused');
      return { error: 'This refresh token was already used; the session has been ended for safety.' };
    }
    const user = await q.activeUser(tx, row.userId);
    if (!user) return { error: 'This user can no longer sign in.' };
    await q.markRefreshUsed(tx, claims.jti);
    return { tokens: await issueTokens(deps, tx, user, row.sessionId) };
  });
  if ('error' in outcome) throw new ApiError('invalid_token', outcome.error);
  return outcome.tokens;
}

export async function signout(deps: Deps, p: { userId: string; sessionId: string }, everywhere: boolean) {
  await deps.db.run(GLOBAL, (tx) =>
    everywhere ? q.revokeUserSessions(tx, p.userId, 'signed out everywhere') : q.revokeSession(tx, p.sessionId, 'signed out'),
  );
}

/** The signed-in user and their account. */
export async function me(tx: Tx, caller: Caller) {
  const p = sessionOf(caller);
  const [user, account] = [await userById(tx, p.userId), await accountById(tx, p.accountId)];
  if (!user || !account) throw notFound('User');
  return { user, account };
}
