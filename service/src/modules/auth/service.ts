import { sessionOf, type Caller } from '../../access';
import type { Deps } from '../../context';
import { GLOBAL, type Tx } from '../../db/client';
import { ApiError, conflict, found, notFound } from '../../http/errors';
import { accountById, userById } from '../tenancy';
import { SIGNUP_WINDOW_SECONDS, SIGNIN_LIMITS, signinWait, signupWait } from './limits';
import * as q from './queries';

type Client = { ip: string; userAgent: string };

const rateLimited = (message: string, retryAfter: number) => new ApiError('rate_limited', message, { headers: { 'Retry-After': String(retryAfter) } });

/**
 * Sign-up cannot keep a registered email secret without sending mail, which the service does not
 * do; so the answer does not say that an account exists, only that this email cannot be used, and
 * the sign-up limits bound how many emails anyone can try.
 */
const emailUnavailable = () =>
  conflict('This email cannot be used to sign up. If it is yours, sign in instead.', { email: ['This email cannot be used to sign up.'] });

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
  return { user: found(await userById(tx, userId), 'User'), account: found(await accountById(tx, user.accountId), 'Account'), ...tokens };
}

export async function signup(deps: Deps, input: { email: string; password: string; account_name: string; name?: string | undefined }, client: Client) {
  // The cheap checks come first, each attempt counted whatever its outcome; the password is hashed last.
  const wait = await deps.db.run(GLOBAL, async (tx) => {
    const wait = signupWait(await q.recentSignups(tx, client.ip, SIGNUP_WINDOW_SECONDS), deps.config.signupLimits);
    if (wait === 0) await q.recordSignup(tx, client.ip);
    return wait;
  });
  if (wait > 0) throw rateLimited('Too many sign-ups; try again later.', wait);
  if (await deps.db.run(GLOBAL, (tx) => q.findUserByEmail(tx, input.email))) throw emailUnavailable();
  const passwordHash = await deps.passwords.hashNew(input.password, [input.email, input.account_name, input.name]);
  return deps.db.run(GLOBAL, async (tx) => {
    if (await q.findUserByEmail(tx, input.email)) throw emailUnavailable();
    const { userId } = await q.createAccountWithOwner(tx, {
      accountName: input.account_name,
      email: input.email,
      name: input.name ?? '',
      passwordHash,
    });
    return startSession(deps, tx, userId, client);
  }).catch((err) => {
    // Two sign-ups racing for one email: the unique index decides, the loser gets the same 409.
    if ((err as { code?: string }).code === '23505') throw emailUnavailable();
    throw err;
  });
}

export async function signin(deps: Deps, input: { email: string; password: string }, client: Client) {
  // The attempt is counted as a failure before the password is checked, under locks per address
  // and per email, so that guesses sent in parallel are counted one after another.
  const attempt = await deps.db.run(GLOBAL, async (tx) => {
    await q.lockSignin(tx, input.email, client.ip);
    const wait = signinWait(await q.recentFailedSignins(tx, input.email, client.ip, SIGNIN_LIMITS.windowSeconds));
    return wait > 0 ? { wait } : { id: await q.recordSignin(tx, input.email, client.ip, false) };
  });
  const attemptId = attempt.id;
  if (attemptId === undefined) throw rateLimited('Too many failed sign-in attempts; try again later.', attempt.wait);
  const user = await deps.db.run(GLOBAL, (tx) => q.findUserByEmail(tx, input.email));
  let valid: boolean;
  try {
    valid = await deps.passwords.verify(input.password, user?.isActive ? user.passwordHash : null);
  } catch (err) {
    // Turned away before the password was looked at (the service is busy): not a failed guess.
    await deps.db.run(GLOBAL, (tx) => q.forgetSignin(tx, attemptId));
    throw err;
  }
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
