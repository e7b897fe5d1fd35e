import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { AppEnv, Deps } from './context';
import { ApiError, ERROR_STATUS, type ErrorCode } from './http/errors';
import { requestContext } from './http/middleware';
import { GLOBAL, PoolBusyError } from './db/client';
import './modules/ai/catalog';
import { aiRoutes } from './modules/ai/routes';
import { authRoutes } from './modules/auth/routes';
import { billingRoutes } from './modules/billing/routes';
import { clusterRoutes } from './modules/planner/clusters/routes';
import { ideaRoutes } from './modules/planner/ideas/routes';
import { keywordRoutes } from './modules/planner/keywords/routes';
import { tenancyRoutes } from './modules/tenancy/routes';
import { thinkerRoutes } from './modules/thinker/routes';
import { systemRoutes } from './modules/system/routes';

export const API_PREFIX = '/api/v1';

function errorBody(c: Context<AppEnv>, code: ErrorCode, error: string, errors?: Record<string, string[]>) {
  return { success: false as const, error, ...(errors ? { errors } : {}), code, request_id: c.get('requestId') ?? '' };
}

/** The request field a unique constraint is about, named after it (sites_account_name → name). */
function uniqueField(constraint: string | undefined): { errors?: Record<string, string[]> } {
  const field = constraint?.endsWith('_name') ? 'name' : constraint === 'users_email' ? 'email' : constraint?.includes('normalized') ? 'keyword' : null;
  return field ? { errors: { [field]: ['Already in use.'] } } : {};
}

/** Maps database errors that bad input can cause to 4xx answers; anything else stays a 500. */
function fromDatabase(err: unknown): ApiError | null {
  if (err instanceof PoolBusyError) {
    return new ApiError('busy', 'The service is busy; try again in a moment.', { headers: { 'Retry-After': String(Math.max(1, Math.ceil(err.waitedMs / 1000))) } });
  }
  const e = err as { code?: string; message?: string; column_name?: string; constraint_name?: string };
  switch (e.code) {
    case 'IG001':
      return new ApiError('invalid_input', e.message ?? 'Invalid input.', { errors: { [e.column_name ?? 'non_field_errors']: [e.message ?? ''] } });
    case '23505':
      return new ApiError('conflict', 'Something with the same name already exists here.', uniqueField(e.constraint_name));
    case '23503':
      return new ApiError('invalid_input', 'A referenced object does not exist.');
    case '22P02':
    case '23514':
      return new ApiError('invalid_input', 'A value is not valid here.');
    // Text with a NUL character (PostgreSQL cannot store it) and numbers beyond a column's range.
    case '22021':
    case '22P05':
    case '22003':
      return new ApiError('invalid_input', 'A value contains a character or a number that cannot be stored.');
    case '42501':
      return new ApiError('forbidden', 'Your role does not allow this.');
    default:
      return null;
  }
}

export function createApp(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', requestContext(deps));
  const jsonLimit = bodyLimit({
    maxSize: deps.config.maxBodyBytes,
    onError: () => {
      throw new ApiError('payload_too_large', `The request body is larger than ${deps.config.maxBodyBytes} bytes.`);
    },
  });
  // Uploads stream through their own, larger limit (IGNY8_MAX_IMPORT_BYTES) enforced as they are read.
  const UPLOADS = new Set([`${API_PREFIX}/planner/keywords/import`]);
  app.use(`${API_PREFIX}/*`, (c, next) => (UPLOADS.has(c.req.path) ? next() : jsonLimit(c, next)));

  const health = (c: Context<AppEnv>) => c.json({ status: 'ok' });
  const ready = async (c: Context<AppEnv>) => {
    try {
      // Through the same acquire timeout as requests: a saturated pool answers 503, never hangs.
      await deps.db.run(GLOBAL, (tx) => tx`select 1`);
      return c.json({ status: 'ready' });
    } catch {
      return c.json(errorBody(c, 'service_unavailable', 'The database is not reachable.'), 503);
    }
  };
  app.get('/health', health).get('/ready', ready).get(`${API_PREFIX}/health`, health).get(`${API_PREFIX}/ready`, ready);

  app.route(`${API_PREFIX}/auth`, authRoutes);
  app.route(API_PREFIX, tenancyRoutes);
  app.route(API_PREFIX, thinkerRoutes);
  app.route(API_PREFIX, systemRoutes);
  app.route(API_PREFIX, aiRoutes);
  app.route(API_PREFIX, billingRoutes);
  app.route(API_PREFIX, keywordRoutes);
  app.route(API_PREFIX, clusterRoutes);
  app.route(API_PREFIX, ideaRoutes);

  app.doc31(`${API_PREFIX}/openapi.json`, {
    openapi: '3.1.0',
    info: { title: 'IGNY8 API', version: '1.0.0', description: 'Plan SEO keywords, generate and publish content with AI.' },
    servers: [{ url: '/' }],
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

  app.notFound((c) => c.json(errorBody(c, 'not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));

  app.onError((err, c) => {
    let e: ApiError | null = err instanceof ApiError ? err : fromDatabase(err);
    if (!e && err instanceof HTTPException) {
      // Hono's own validators raise these, e.g. for a body that is not JSON.
      // zod-openapi raises 415 for a body that is not declared JSON.
      const byStatus: Partial<Record<number, [ErrorCode, string]>> = {
        400: ['malformed_json', 'The request body is not valid JSON.'],
        413: ['payload_too_large', err.message],
        415: ['unsupported_media_type', 'Send the request body as JSON with "Content-Type: application/json".'],
      };
      const [code, message] = byStatus[err.status] ?? ['invalid_input', err.message];
      e = new ApiError(code, message);
    }
    if (!e) {
      c.get('logger')?.error({ err }, 'unhandled error');
      return c.json(errorBody(c, 'internal_error', 'Something went wrong on our side.'), 500);
    }
    for (const [k, v] of Object.entries(e.extra.headers ?? {})) c.header(k, v);
    return c.json({ ...errorBody(c, e.code, e.message, e.extra.errors), ...e.extra.data }, ERROR_STATUS[e.code]);
  });
  return app;
}
