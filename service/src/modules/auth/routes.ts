import { createRoute, z } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import { sessionOf } from '../../access';
import type { Context } from 'hono';
import { accountSchema, refreshSchema, signinSchema, signupSchema, userSchema } from '@igny8/shared';
import type { AppEnv } from '../../context';
import { createMiddleware } from 'hono/factory';
import { ok } from '../../http/envelope';
import { invalid } from '../../http/errors';
import { clientAddress, requireAuth } from '../../http/middleware';
import { dataResponse, jsonBody, router } from '../../http/openapi-app';
import { inScope } from '../../http/scope';
import * as service from './service';
import { COOKIE_MODE_HEADER, checkSameOrigin, clearRefresh, refreshFromCookie, storeRefresh, wantsCookie } from './session-cookie';

const session = z.object({ user: userSchema, account: accountSchema, access: z.string(), refresh: z.string() }).openapi('Session');
const tokenPair = z.object({ access: z.string(), refresh: z.string() }).openapi('TokenPair');
// Signing up, in and refreshing need no access token.
const open: [] = [];
// Password work waits in a bounded queue; sign-ups and sign-ins are limited per client address.

function client(c: Context<AppEnv>) {
  return { ip: clientAddress(c), userAgent: c.req.header('user-agent') ?? '' };
}

const COOKIE_NOTE = `With "${COOKIE_MODE_HEADER}: cookie" (browsers) the refresh token is set as an httpOnly, SameSite=Strict cookie scoped to /api/v1/auth and \`refresh\` in the body is empty; a request from another origin is refused with 403.`;

/** Starts a session, handing the refresh token over as a cookie when the browser asks for one. */
async function answerSession<T extends { refresh: string }>(c: Context<AppEnv>, start: () => Promise<T>): Promise<T> {
  if (!wantsCookie(c)) return start();
  checkSameOrigin(c);
  return storeRefresh(c, await start());
}

/** A browser's session cookie is cleared however sign-out ends, even when the access token had already expired. */
const clearCookieAfter = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (wantsCookie(c)) clearRefresh(c);
});

export const authRoutes = router()
  .openapi(
    createRoute({
      operationId: 'signUp',
      method: 'post', path: '/signup', tags: ['auth'], summary: 'Create an account with its owner',
      description: `An email that cannot be used (it is taken) answers 409 without saying why; sign-ups are limited per client address and per hour. ${COOKIE_NOTE}`,
      security: open, request: { body: jsonBody(signupSchema) },
      responses: dataResponse(session, 201, { description: 'Signed up', also: [403, 409, 429] }),
    }),
    async (c) => ok(c, await answerSession(c, () => service.signup(c.get('deps'), c.req.valid('json'), client(c))), 201),
  )
  .openapi(
    createRoute({
      operationId: 'signIn',
      method: 'post', path: '/signin', tags: ['auth'], summary: 'Sign in with email and password', description: COOKIE_NOTE,
      security: open, request: { body: jsonBody(signinSchema) },
      responses: dataResponse(session, 200, { description: 'Signed in', also: [401, 403, 429] }),
    }),
    async (c) => ok(c, await answerSession(c, () => service.signin(c.get('deps'), c.req.valid('json'), client(c)))),
  )
  .openapi(
    createRoute({
      operationId: 'refreshTokens',
      method: 'post', path: '/refresh', tags: ['auth'], summary: 'Exchange a refresh token for a new pair (rotating)',
      description: `${COOKIE_NOTE} In cookie mode the token comes from the cookie, and a refused one clears it.`,
      security: open, request: { body: jsonBody(refreshSchema) },
      responses: dataResponse(tokenPair, 200, { description: 'New tokens', also: [401, 403] }),
    }),
    async (c) => {
      const token = c.req.valid('json').refresh ?? refreshFromCookie(c);
      if (token === undefined) throw invalid('Send the refresh token.', { refresh: ['Send the refresh token, or sign in again.'] });
      if (!wantsCookie(c)) return ok(c, await service.refresh(c.get('deps'), token));
      try {
        return ok(c, storeRefresh(c, await service.refresh(c.get('deps'), token)));
      } catch (err) {
        clearRefresh(c);
        throw err;
      }
    },
  )
  .openapi(
    createRoute({
      operationId: 'signOut',
      method: 'post', path: '/signout', tags: ['auth'], summary: 'End this session (or every session with {"everywhere": true})', security: [{ bearer: [] }],
      description: 'A browser\'s session cookie is cleared whatever the outcome.',
      middleware: [clearCookieAfter, requireAuth],
      request: { body: { content: { 'application/json': { schema: z.object({ everywhere: z.boolean().default(false), refresh: z.string().optional() }).strict() } }, required: false } },
      responses: dataResponse(z.null(), 200, { description: 'Signed out' }),
    }),
    async (c) => {
      const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : { everywhere: false };
      await service.signout(c.get('deps'), sessionOf(c.get('caller')), body.everywhere ?? false);
      return ok(c, null, 200, 'Signed out.');
    },
  )
  .openapi(
    createRoute({
      operationId: 'getMe',
      method: 'get', path: '/me', tags: ['auth'], summary: 'The signed-in user and account', security: [{ bearer: [] }],
      middleware: [requireAuth],
      responses: dataResponse(z.object({ user: userSchema, account: accountSchema }), 200, { description: 'Me' }),
    }),
    async (c) => {
      return ok(c, await inScope(c, (tx) => service.me(tx, c.get('caller'))));
    },
  );
