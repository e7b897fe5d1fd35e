import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { errorSchema, insufficientCreditsSchema } from './envelope';

/**
 * The OpenAPI document the app serves. Routes declare their input, their success answer and the
 * few errors only they can give (`also` on the response helpers); the statuses every route of a
 * kind can answer are added here, from what the document says about each operation, so that no
 * route can forget one.
 */

type Json = Record<string, any>;

/** Shared error answers, as `components.responses`; the helpers and the pass below refer to them. */
const ERROR_RESPONSES = {
  400: ['InvalidInput', 'Invalid input: `errors` names each field and what is wrong with it (`invalid_input`, `malformed_json`)'],
  401: ['NotAuthenticated', 'No access token, or an invalid or expired one; or a site signature that does not hold (`not_authenticated`, `invalid_token`, `token_expired`, `invalid_credentials`)'],
  402: ['InsufficientCredits', 'The balance cannot cover the credits this needs (`insufficient_credits`); the answer says how many'],
  403: ['Forbidden', 'The role does not allow this, or the account is not active (`forbidden`, `account_inactive`)'],
  404: ['NotFound', 'No such object, or another account’s (`not_found`)'],
  408: ['RequestTimeout', 'The upload stalled: no byte arrived for too long (`request_timeout`)'],
  409: ['Conflict', 'Conflicts with what exists: a name or email in use, a plan limit, the same run already starting (`conflict`); publishing to a site whose WordPress is not connected, refuses its application password or cannot be reached, or content that awaits approval (`wordpress_not_connected`, `wordpress_credentials_rejected`, `wordpress_unreachable`, `approval_required`)'],
  413: ['PayloadTooLarge', 'The request body is too large (`payload_too_large`)'],
  415: ['UnsupportedMediaType', 'The body is not in a media type the operation accepts (`unsupported_media_type`)'],
  429: ['RateLimited', 'Too many attempts; `Retry-After` says when to try again (`rate_limited`)'],
  503: ['ServiceUnavailable', 'The service is busy or its database unreachable; try again after `Retry-After` (`busy`, `service_unavailable`)'],
  500: ['InternalError', 'Unexpected error: a bug on our side (`internal_error`)'],
} as const;
export type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** A reference to the shared answer for an error status. */
export const errorResponseRef = (status: ErrorStatus) => ({ $ref: `#/components/responses/${ERROR_RESPONSES[status][0]}` });

function errorResponseComponents(): Json {
  const out: Json = {};
  for (const [status, [name, description]] of Object.entries(ERROR_RESPONSES)) {
    const schema = { $ref: `#/components/schemas/${status === '402' ? 'InsufficientCreditsError' : 'Error'}` };
    out[name] = { description, content: { 'application/json': { schema } } };
  }
  out.RateLimited.headers = {
    'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } },
  };
  return out;
}

const TAGS: Record<string, string> = {
  auth: 'Sign-up, sign-in, rotating refresh tokens and sign-out',
  account: 'The caller’s account',
  users: 'The account’s users and their roles',
  sites: 'WordPress sites of the account',
  sectors: 'Topic sectors of a site (one to five active)',
  'site access': 'Sites granted to editors and viewers',
  industries: 'Industry templates that sectors start from',
  planner: 'Keywords, clusters and content ideas',
  writer: 'Writer tasks',
  ai: 'AI runs: their progress, result and cost',
  billing: 'Credits, their ledger and usage',
  thinker: 'Prompt templates, author profiles and strategies',
  system: 'AI provider integrations',
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Follows `$ref`s within the document: whether `node` has a string field in UUID format. */
function takesIds(doc: Json, node: unknown, seen = new Set<unknown>()): boolean {
  if (!node || typeof node !== 'object' || seen.has(node)) return false;
  seen.add(node);
  const n = node as Json;
  if (typeof n.$ref === 'string') return takesIds(doc, n.$ref.slice(2).split('/').reduce((o: Json | undefined, k: string) => o?.[k], doc), seen);
  if (n.format === 'uuid') return true;
  return Object.values(n).some((v) => takesIds(doc, v, seen));
}

/** The statuses every operation like `op` can answer, besides its own. */
function commonStatuses(doc: Json, path: string, op: Json): ErrorStatus[] {
  const statuses: ErrorStatus[] = [];
  const secured = (op.security ?? doc.security ?? []).some((s: Json) => Object.keys(s).length > 0);
  if (op.parameters?.length || op.requestBody) statuses.push(400);
  if (secured) statuses.push(401, 403);
  // A path id, or an id in the query or body, may name something missing or another account's.
  if (path.includes('{') || takesIds(doc, op.parameters) || takesIds(doc, op.requestBody)) statuses.push(404);
  if (op.requestBody) statuses.push(413);
  // Only JSON bodies are held to their media type; uploads take what they are given.
  if (op.requestBody?.content?.['application/json']) statuses.push(415);
  statuses.push(503);
  return statuses;
}

/** A query or path value is never null, though a coerced number's schema says it may be. */
function notNull(param: Json) {
  const type = param.schema?.type;
  if (!Array.isArray(type) || !type.includes('null')) return;
  const rest = type.filter((t: string) => t !== 'null');
  param.schema.type = rest.length === 1 ? rest[0] : rest;
}

/** Adds the shared statuses, `default` and the components they refer to. */
export function completeDocument(doc: Json): Json {
  doc.components ??= {};
  doc.components.responses = { ...errorResponseComponents(), ...doc.components.responses };
  if (doc.components.parameters && Object.keys(doc.components.parameters).length === 0) delete doc.components.parameters;
  const tags = new Set<string>();
  for (const [path, item] of Object.entries<Json>(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      for (const t of op.tags ?? []) tags.add(t);
      for (const param of op.parameters ?? []) notNull(param);
      // Whatever takes an access token takes a site-signed request too (requireAuth accepts both).
      if (op.security?.some((s: Json) => 'bearer' in s) && !op.security.some((s: Json) => 'site' in s)) op.security.push({ site: [] });
      const responses: Json = { ...op.responses };
      for (const status of commonStatuses(doc, path, op)) responses[status] ??= errorResponseRef(status);
      responses.default ??= errorResponseRef(500);
      const order = (k: string) => (k === 'default' ? 1000 : Number(k));
      op.responses = Object.fromEntries(Object.entries(responses).sort(([a], [b]) => order(a) - order(b)));
    }
  }
  doc.tags = [...tags].sort().map((name) => ({ name, ...(TAGS[name] ? { description: TAGS[name] } : {}) }));
  return doc;
}

const INFO = {
  title: 'IGNY8 API',
  version: '1.0.0',
  description:
    'Plan SEO keywords, generate and publish content with AI. Every answer is JSON in one envelope: ' +
    '`{success: true, data, request_id}`, lists `{success: true, count, next, previous, results, request_id}`, ' +
    'errors `{success: false, error, errors?, code, request_id}`. `X-Request-Id` is echoed on every response.',
};

/** Registers what the document refers to besides the routes, and serves the document at `path`. */
export function serveDocument(app: OpenAPIHono<AppEnv>, path: string) {
  app.openAPIRegistry.register('Error', errorSchema);
  app.openAPIRegistry.register('InsufficientCreditsError', insufficientCreditsSchema);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'site', {
    type: 'http',
    scheme: 'IGNY8-Site',
    description:
      'A request signed by a connected WordPress site: `Authorization: IGNY8-Site <jws>`, a compact JWS (EdDSA, Ed25519) with ' +
      'iss (site id), sub (WordPress user id), wp_role, iat, exp (at most 60 s after iat), jti (single use), htm (method), ' +
      'htu (path and query as sent) and bh (base64url SHA-256 of the body). It acts inside its own site, as admin ' +
      '(administrator), editor (editor, author) or viewer (any other WordPress role).',
  });
  let doc: Json | undefined;
  app.get(path, (c) => c.json((doc ??= openApiDocument(app))));
}

/** The complete document of `app`, once its routes are mounted and `serveDocument` was called. */
export function openApiDocument(app: OpenAPIHono<AppEnv>): Json {
  return completeDocument(app.getOpenAPI31Document({ openapi: '3.1.0', info: INFO, servers: [{ url: '/' }] }) as Json);
}
