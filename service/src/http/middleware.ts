import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { scopeOf, type SiteCaller, type UserCaller } from '../access/caller';
import type { AppEnv, Deps } from '../context';
import { can } from '@igny8/shared';
import { checkSignedBody, SITE_SCHEME } from './body-digest';
import { ApiError } from './errors';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** Gives each request an id (the caller's `X-Request-Id` when it is sane), echoed and logged. */
export function requestContext(deps: Deps) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const logger = deps.logger.child({ request_id: requestId });
    c.set('requestId', requestId);
    c.set('logger', logger);
    c.set('deps', deps);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    c.header('X-Request-Id', requestId);
    logger.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
}

/**
 * Headers every answer carries: browsers must not guess a type other than the declared one, leak
 * the URL onwards, or keep answers (tenant data, tokens) in a cache.
 */
export const protectiveHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
});

/**
 * The caller's address. Behind `trustedProxies` proxies, each appends the address it received the
 * request from to X-Forwarded-For, so only the last `trustedProxies` entries are written by proxies
 * of ours: the left-most of those is the client, and anything left of it is whatever the client sent.
 */
export function clientAddress(c: Context<AppEnv>): string {
  let socket = 'unknown';
  try {
    socket = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Requests dispatched in-process (tests) carry no socket.
  }
  const hops = c.get('deps').config.trustedProxies;
  const forwarded = c.req.header('x-forwarded-for');
  if (hops === 0 || !forwarded) return socket;
  const chain = forwarded.split(',').map((a) => a.trim());
  // A chain shorter than the proxies configured starts at its left-most entry, which a proxy wrote.
  const client = chain[Math.max(0, chain.length - hops)]!;
  return isIP(client) ? client : socket;
}

/**
 * Requires a valid access token, or a request signed by a connected site (see body-digest.ts and
 * modules/auth/site-signature.ts); resolves the caller afresh so revocations and role changes
 * apply at once.
 */
export const requireAuth = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const signed = SITE_SCHEME.exec(header);
  const caller = signed?.[1] ? await signedSite(c, signed[1]) : await signedInUser(c, header);
  c.set('caller', caller);
  c.set('scope', scopeOf(caller));
  await next();
});

/** A site acting for one of its WordPress users, held to the method, path, query and body it signed. */
async function signedSite(c: Context<AppEnv>, jws: string): Promise<SiteCaller> {
  const url = new URL(c.req.url);
  const { caller, bh } = await c.get('deps').sessions.verifySite(c.get('deps'), jws, { method: c.req.method, target: `${url.pathname}${url.search}` });
  await checkSignedBody(c, bh);
  return caller;
}

async function signedInUser(c: Context<AppEnv>, header: string): Promise<UserCaller> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new ApiError('not_authenticated', 'Sign in first: send an access token as "Authorization: Bearer <token>", or a site signature as "Authorization: IGNY8-Site <jws>".');
  const deps = c.get('deps');
  const claims = await deps.tokens.verifyAccess(match[1]);
  const principal = await deps.sessions.load(claims.sub, claims.sid);
  if (!principal) throw new ApiError('invalid_token', 'This session has ended; sign in again.');
  if (principal.accountStatus !== 'active' && principal.accountStatus !== 'trial' && !can(principal.role, 'all_accounts')) {
    // Who they are, their account's state, and signing out: the rest waits for the account to be active.
    const allowed =
      (c.req.method === 'GET' && (c.req.path.endsWith('/auth/me') || c.req.path.endsWith('/account'))) ||
      (c.req.method === 'POST' && c.req.path.endsWith('/auth/signout'));
    if (!allowed) throw new ApiError('account_inactive', `This account is ${principal.accountStatus}.`);
  }
  const caller: UserCaller = {
    kind: 'user',
    userId: principal.userId,
    accountId: principal.accountId,
    role: principal.role,
    sessionId: claims.sid,
    siteIds: can(principal.role, 'all_sites') ? null : principal.siteIds,
  };
  return caller;
}
