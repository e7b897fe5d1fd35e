import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { AppEnv, Deps } from './context';
import { dashboardServer } from './http/dashboard';
import { ApiError, ERROR_STATUS, type ErrorCode } from './http/errors';
import { GLOBAL } from './db/client';
import { fromDatabase } from './http/database-errors';
import { digestSignedBody } from './http/body-digest';
import { protectiveHeaders, requestContext } from './http/middleware';
import { serveDocument } from './http/openapi-doc';
import { wellFormedJson } from './http/well-formed-json';
import { API_ROUTES } from './routes';

export const API_PREFIX = '/api/v1';

function errorBody(c: Context<AppEnv>, code: ErrorCode, error: string, errors?: Record<string, string[]>) {
  return { success: false as const, error, ...(errors ? { errors } : {}), code, request_id: c.get('requestId') ?? '' };
}

/** `dashboardDir`: the built dashboard served at `/` (tests point it elsewhere). */
export function createApp(deps: Deps, opts: { dashboardDir?: string } = {}) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', requestContext(deps), protectiveHeaders);
  app.use(`${API_PREFIX}/*`, digestSignedBody);
  const origins = deps.config.corsOrigins;
  if (origins.length > 0) {
    app.use('*', cors({
      origin: origins.includes('*') ? '*' : origins,
      allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposeHeaders: ['X-Request-Id', 'Retry-After', 'Allow'],
      maxAge: 600,
    }));
  }
  // A known path asked with a method it does not have answers 405 with the methods it has.
  app.use('*', methodNotAllowed({
    app,
    onMethodNotAllowed: (c, methods) =>
      c.json(errorBody(c, 'method_not_allowed', `${c.req.path} does not answer ${c.req.method}; it answers ${methods.join(', ')}.`), 405, { Allow: methods.join(', ') }),
  }));
  const jsonLimit = bodyLimit({
    maxSize: deps.config.maxBodyBytes,
    onError: () => {
      throw new ApiError('payload_too_large', `The request body is larger than ${deps.config.maxBodyBytes} bytes.`);
    },
  });
  // Uploads stream through their own, larger limit (IGNY8_MAX_IMPORT_BYTES) enforced as they are read.
  const UPLOADS = new Set([`${API_PREFIX}/planner/keywords/import`]);
  app.use(`${API_PREFIX}/*`, (c, next) => (UPLOADS.has(c.req.path) ? next() : jsonLimit(c, next)));
  app.use(`${API_PREFIX}/*`, (c, next) => (UPLOADS.has(c.req.path) ? next() : wellFormedJson(c, next)));

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

  for (const [prefix, routes] of API_ROUTES) app.route(`${API_PREFIX}${prefix}`, routes);

  serveDocument(app, `${API_PREFIX}/openapi.json`);

  // The dashboard answers what no route does, outside /api, so that API paths keep their JSON 404s.
  const dashboard = dashboardServer(opts.dashboardDir);
  app.notFound(async (c) => (await dashboard(c)) ?? c.json(errorBody(c, 'not_found', `No route for ${c.req.method} ${c.req.path}.`), 404));

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
    // The unread rest of a refused body is still on its way: the connection cannot carry another
    // request, so say that it closes (a client that expected to reuse it would fail its next one).
    if (e.code === 'payload_too_large') c.header('Connection', 'close');
    return c.json({ ...errorBody(c, e.code, e.message, e.extra.errors), ...e.extra.data }, ERROR_STATUS[e.code]);
  });
  return app;
}
