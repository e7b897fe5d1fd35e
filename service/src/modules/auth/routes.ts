import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { accountSchema, refreshSchema, signinSchema, signupSchema, userSchema } from '@igny8/shared';
import type { AppEnv } from '../../context';
import { envelopeOf, errorSchema, ok } from '../../http/envelope';
import { clientAddress, requireAuth } from '../../http/middleware';
import { router } from '../../http/openapi-app';
import { notFound } from '../../http/errors';
import { getAccount, getUser } from '../tenancy/queries';
import * as service from './service';

const session = z.object({ user: userSchema, account: accountSchema, access: z.string(), refresh: z.string() });
const tokenPair = z.object({ access: z.string(), refresh: z.string() });
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const error = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });
const errors = { 400: error('Invalid input') };
// Password work waits in a bounded queue; sign-ups and sign-ins are limited per client address.
const limited = { 429: error('Too many attempts; wait for Retry-After'), 503: error('Busy; try again after Retry-After') };

function client(c: Context<AppEnv>) {
  return { ip: clientAddress(c), userAgent: c.req.header('user-agent') ?? '' };
}

export const authRoutes = router()
  .openapi(
    createRoute({
      method: 'post', path: '/signup', tags: ['auth'], summary: 'Create an account with its owner',
      description: 'An email that cannot be used (it is taken) answers 409 without saying why; sign-ups are limited per client address and per hour.',
      request: { body: json(signupSchema) },
      responses: {
        201: { description: 'Signed up', content: { 'application/json': { schema: envelopeOf(session) } } },
        ...errors, 409: error('This email cannot be used to sign up'), ...limited,
      },
    }),
    async (c) => ok(c, await service.signup(c.get('deps'), c.req.valid('json'), client(c)), 201),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/signin', tags: ['auth'], summary: 'Sign in with email and password',
      request: { body: json(signinSchema) },
      responses: { 200: { description: 'Signed in', content: { 'application/json': { schema: envelopeOf(session) } } }, ...errors, 401: error('Wrong email or password'), ...limited },
    }),
    async (c) => ok(c, await service.signin(c.get('deps'), c.req.valid('json'), client(c))),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/refresh', tags: ['auth'], summary: 'Exchange a refresh token for a new pair (rotating)',
      request: { body: json(refreshSchema) },
      responses: { 200: { description: 'New tokens', content: { 'application/json': { schema: envelopeOf(tokenPair) } } }, ...errors },
    }),
    async (c) => ok(c, await service.refresh(c.get('deps'), c.req.valid('json').refresh)),
  )
  .openapi(
    createRoute({
      method: 'post', path: '/signout', tags: ['auth'], summary: 'End this session (or every session with {"everywhere": true})', security: [{ bearer: [] }],
      middleware: [requireAuth],
      request: { body: { content: { 'application/json': { schema: z.object({ everywhere: z.boolean().default(false), refresh: z.string().optional() }).strict() } }, required: false } },
      responses: { 200: { description: 'Signed out', content: { 'application/json': { schema: envelopeOf(z.null()) } } } },
    }),
    async (c) => {
      const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : { everywhere: false };
      await service.signout(c.get('deps'), c.get('principal'), body.everywhere ?? false);
      return ok(c, null, 200, 'Signed out.');
    },
  )
  .openapi(
    createRoute({
      method: 'get', path: '/me', tags: ['auth'], summary: 'The signed-in user and account', security: [{ bearer: [] }],
      middleware: [requireAuth],
      responses: { 200: { description: 'Me', content: { 'application/json': { schema: envelopeOf(z.object({ user: userSchema, account: accountSchema })) } } } },
    }),
    async (c) => {
      const p = c.get('principal');
      const me = await c.get('deps').db.run(c.get('scope'), async (tx) => ({ user: await getUser(tx, p.userId), account: await getAccount(tx, p.accountId) }));
      if (!me.user || !me.account) throw notFound('User');
      return ok(c, me);
    },
  );
