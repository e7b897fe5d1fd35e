import { MAX_ACTIVE_SECTORS } from '@igny8/shared';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, PASSWORD, signup, uniqueEmail, upgradePlan, userWithRole, type Session } from './factories';
import { ERROR_STATUS, type ErrorCode } from '../src/http/errors';
import { createTestService, type TestService } from './service';

/**
 * Malformed input of every kind answers a 4xx in the contract's error format — never a 500 — and
 * names the offending fields.
 */

const MAX_BODY = 1024;
const PROTOTYPE_KEYS = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
let svc: TestService;
let owner: Session;
let site: { id: string; name: string };
let sector: { id: string; name: string };
let viewer: Session;

type Call = { method: string; path: string; body?: unknown; headers?: Record<string, string>; anonymous?: boolean };
type Case = { name: string; call: () => Call; status: number; code: string; fields?: string[] };

const CASES: Case[] = [
  // bodies that are not JSON objects
  { name: 'malformed JSON', call: () => ({ method: 'POST', path: '/sites', body: '{"name": "x",' }), status: 400, code: 'malformed_json' },
  { name: 'empty JSON body', call: () => ({ method: 'POST', path: '/sites', body: '' }), status: 400, code: 'malformed_json' },
  { name: 'no body at all', call: () => ({ method: 'POST', path: '/sites' }), status: 400, code: 'invalid_input', fields: ['name'] },
  { name: 'a JSON array', call: () => ({ method: 'POST', path: '/sites', body: [{ name: 'x' }] }), status: 400, code: 'invalid_input' },
  { name: 'JSON null', call: () => ({ method: 'POST', path: '/sites', body: 'null' }), status: 400, code: 'invalid_input' },
  { name: 'a form body', call: () => ({ method: 'POST', path: '/sites', body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), status: 415, code: 'unsupported_media_type' },
  { name: 'JSON sent as text/plain', call: () => ({ method: 'PATCH', path: '/account', body: '{"name":"x"}', headers: { 'content-type': 'text/plain' } }), status: 415, code: 'unsupported_media_type' },
  { name: 'malformed JSON to sign-up', call: () => ({ method: 'POST', path: '/auth/signup', body: '{', anonymous: true }), status: 400, code: 'malformed_json' },
  // wrong types and values
  { name: 'a number for a name', call: () => ({ method: 'POST', path: '/sites', body: { name: 123 } }), status: 400, code: 'invalid_input', fields: ['name'] },
  { name: 'null for a name', call: () => ({ method: 'PATCH', path: `/sites/${site.id}`, body: { name: null } }), status: 400, code: 'invalid_input', fields: ['name'] },
  { name: 'a blank name', call: () => ({ method: 'PATCH', path: '/account', body: { name: '   ' } }), status: 400, code: 'invalid_input', fields: ['name'] },
  { name: 'a name too long', call: () => ({ method: 'POST', path: `/sites/${site.id}/sectors`, body: { name: 'x'.repeat(201) } }), status: 400, code: 'invalid_input', fields: ['name'] },
  { name: 'an unknown status', call: () => ({ method: 'POST', path: `/sites/${site.id}/sectors`, body: { name: 'x', status: 'archived' } }), status: 400, code: 'invalid_input', fields: ['status'] },
  { name: 'an unknown role', call: () => ({ method: 'POST', path: '/users', body: { email: uniqueEmail(), role: 'king', password: PASSWORD } }), status: 400, code: 'invalid_input', fields: ['role'] },
  { name: 'a string for a boolean', call: () => ({ method: 'PATCH', path: `/users/${viewer.userId}`, body: { is_active: 'no' } }), status: 400, code: 'invalid_input', fields: ['is_active'] },
  { name: 'a non-uuid user id', call: () => ({ method: 'POST', path: `/sites/${site.id}/access`, body: { user_id: 42 } }), status: 400, code: 'invalid_input', fields: ['user_id'] },
  { name: 'a non-uuid industry', call: () => ({ method: 'PATCH', path: `/sites/${site.id}`, body: { industry_id: 'retail' } }), status: 400, code: 'invalid_input', fields: ['industry_id'] },
  { name: 'an unknown industry', call: () => ({ method: 'PATCH', path: `/sites/${site.id}`, body: { industry_id: randomUUID() } }), status: 400, code: 'invalid_input', fields: ['industry_id'] },
  { name: 'an unknown industry sector', call: () => ({ method: 'PATCH', path: `/sectors/${sector.id}`, body: { industry_sector_id: randomUUID() } }), status: 400, code: 'invalid_input', fields: ['industry_sector_id'] },
  { name: 'a javascript: site address', call: () => ({ method: 'PATCH', path: `/sites/${site.id}`, body: { wp_url: 'javascript:alert(1)' } }), status: 400, code: 'invalid_input', fields: ['wp_url'] },
  { name: 'a site address that is no URL', call: () => ({ method: 'POST', path: '/sites', body: { name: 'x', wp_url: 'my site' } }), status: 400, code: 'invalid_input', fields: ['wp_url'] },
  { name: 'a NUL character in text', call: () => ({ method: 'POST', path: `/sites/${site.id}/sectors`, body: { name: 'News', description: 'a\u0000b' } }), status: 400, code: 'invalid_input' },
  { name: 'a NUL character in a sign-up', call: () => ({ method: 'POST', path: '/auth/signup', body: { email: uniqueEmail(), password: PASSWORD, account_name: 'a\u0000b' }, anonymous: true }), status: 400, code: 'invalid_input' },
  // lone surrogates: JSON may escape them, Unicode has no such characters
  { name: 'a lone high surrogate in text', call: () => ({ method: 'POST', path: `/sites/${site.id}/sectors`, body: '{"name": "News", "description": "a\\ud800b"}' }), status: 400, code: 'invalid_input', fields: ['description'] },
  { name: 'a lone low surrogate in text', call: () => ({ method: 'PATCH', path: '/account', body: '{"name": "\\udc00"}' }), status: 400, code: 'invalid_input', fields: ['name'] },
  { name: 'a surrogate pair in the wrong order', call: () => ({ method: 'POST', path: '/sites', body: '{"name": "\\ude00\\ud83d"}' }), status: 400, code: 'invalid_input', fields: ['name'] },
  { name: 'a lone surrogate in a key', call: () => ({ method: 'POST', path: '/sites', body: '{"name": "x", "\\ud800": 1}' }), status: 400, code: 'invalid_input', fields: ['\ufffd'] },
  { name: 'a lone surrogate deep in an array', call: () => ({ method: 'POST', path: '/planner/keywords', body: `[{"sector_id": "${sector.id}", "keyword": "ok"}, {"sector_id": "${sector.id}", "keyword": "a\\udfff"}]` }), status: 400, code: 'invalid_input', fields: ['1.keyword'] },
  { name: 'a lone surrogate deeply nested', call: () => ({ method: 'POST', path: '/sites', body: `${'['.repeat(400)}"\\ud800"${']'.repeat(400)}` }), status: 400, code: 'invalid_input' },
  { name: 'a lone surrogate in a sign-up', call: () => ({ method: 'POST', path: '/auth/signup', body: `{"email": "${uniqueEmail()}", "password": "${PASSWORD}", "account_name": "\\ud800"}`, anonymous: true }), status: 400, code: 'invalid_input', fields: ['account_name'] },
  { name: 'a refresh token that is not one', call: () => ({ method: 'POST', path: '/auth/refresh', body: { refresh: 'x'.repeat(100) }, anonymous: true }), status: 401, code: 'invalid_token' },
  // unknown fields: strict schemas refuse them, including attempts to set what is not the caller's to set
  { name: 'an unknown field', call: () => ({ method: 'POST', path: '/sites', body: { name: 'x', colour: 'red' } }), status: 400, code: 'invalid_input', fields: ['colour'] },
  { name: 'account credits', call: () => ({ method: 'PATCH', path: '/account', body: { credits: 1_000_000 } }), status: 400, code: 'invalid_input', fields: ['credits'] },
  { name: 'an account status', call: () => ({ method: 'PATCH', path: '/account', body: { status: 'active', plan_id: randomUUID() } }), status: 400, code: 'invalid_input', fields: ['status', 'plan_id'] },
  { name: 'a site moved to another account', call: () => ({ method: 'PATCH', path: `/sites/${site.id}`, body: { account_id: randomUUID() } }), status: 400, code: 'invalid_input', fields: ['account_id'] },
  { name: 'a sector moved to another site', call: () => ({ method: 'PATCH', path: `/sectors/${sector.id}`, body: { site_id: randomUUID() } }), status: 400, code: 'invalid_input', fields: ['site_id'] },
  { name: 'a user placed in another account', call: () => ({ method: 'POST', path: '/users', body: { email: uniqueEmail(), role: 'viewer', password: PASSWORD, account_id: randomUUID() } }), status: 400, code: 'invalid_input', fields: ['account_id'] },
  { name: 'a password hash', call: () => ({ method: 'PATCH', path: `/users/${viewer.userId}`, body: { password_hash: 'scrypt$1$8$1$x$y' } }), status: 400, code: 'invalid_input', fields: ['password_hash'] },
  { name: 'an unknown sign-up field', call: () => ({ method: 'POST', path: '/auth/signup', body: { email: uniqueEmail(), password: PASSWORD, account_name: 'A', role: 'developer' }, anonymous: true }), status: 400, code: 'invalid_input', fields: ['role'] },
  { name: 'an unknown sign-out field', call: () => ({ method: 'POST', path: '/auth/signout', body: { everywere: true } }), status: 400, code: 'invalid_input', fields: ['everywere'] },
  // image sizes and plans: checked before anything is looked up or reserved
  ...['99999x1', '1024', '10x10', '4096x4096', '1024X1024'].map((size) => ({
    name: `the image size ${JSON.stringify(size)}`,
    call: () => ({ method: 'POST', path: '/writer/images/generate', body: { image_ids: [randomUUID()], size } }),
    status: 400, code: 'invalid_input', fields: ['size'],
  })),
  { name: 'no section per image', call: () => ({ method: 'POST', path: '/writer/content/generate-image-prompts', body: { content_ids: [randomUUID()], sections_per_image: 0 } }), status: 400, code: 'invalid_input', fields: ['sections_per_image'] },
  { name: 'an image file stored by hand', call: () => ({ method: 'PATCH', path: `/writer/images/${randomUUID()}`, body: { storage_key: 'a/b.webp' } }), status: 400, code: 'invalid_input', fields: ['storage_key'] },
  // emails and passwords
  ...['plainaddress', 'a@', '@example.com', 'a b@example.com', 'a@exa mple.com', `${'a'.repeat(250)}@example.com`].map((email) => ({
    name: `the email ${JSON.stringify(email.slice(0, 30))}`,
    call: () => ({ method: 'POST', path: '/users', body: { email, role: 'viewer', password: PASSWORD } }),
    status: 400, code: 'invalid_input', fields: ['email'],
  })),
  ...['short', 'password123', 'aaaaaaaaaaaaaaa', 'abababababab', 'x'.repeat(257)].map((password) => ({
    name: `the password ${JSON.stringify(password.slice(0, 20))}`,
    call: () => ({ method: 'POST', path: '/auth/signup', body: { email: uniqueEmail(), password, account_name: 'A' }, anonymous: true }),
    status: 400, code: 'invalid_input', fields: ['password'],
  })),
  { name: 'a weak new password', call: () => ({ method: 'PATCH', path: `/users/${viewer.userId}`, body: { password: 'qwerty1234' } }), status: 400, code: 'invalid_input', fields: ['password'] },
  // ids and routes
  { name: 'an unknown site', call: () => ({ method: 'GET', path: `/sites/${randomUUID()}` }), status: 404, code: 'not_found' },
  { name: 'an unknown sector', call: () => ({ method: 'PATCH', path: `/sectors/${randomUUID()}`, body: { name: 'x' } }), status: 404, code: 'not_found' },
  { name: 'an unknown user', call: () => ({ method: 'DELETE', path: `/users/${randomUUID()}` }), status: 404, code: 'not_found' },
  { name: 'an unknown grant', call: () => ({ method: 'DELETE', path: `/sites/${site.id}/access`, body: { user_id: randomUUID() } }), status: 404, code: 'not_found' },
  { name: 'a malformed site id', call: () => ({ method: 'GET', path: '/sites/123' }), status: 400, code: 'invalid_input', fields: ['id'] },
  { name: 'a malformed sector id', call: () => ({ method: 'DELETE', path: "/sectors/1'%20or%20'1'='1" }), status: 400, code: 'invalid_input', fields: ['id'] },
  { name: 'a malformed user id', call: () => ({ method: 'PATCH', path: '/users/me', body: { name: 'x' } }), status: 400, code: 'invalid_input', fields: ['id'] },
  { name: 'a malformed grant user id', call: () => ({ method: 'DELETE', path: `/sites/${site.id}/access`, body: { user_id: 'nobody' } }), status: 400, code: 'invalid_input', fields: ['user_id'] },
  { name: 'an unknown route', call: () => ({ method: 'GET', path: '/no-such-thing' }), status: 404, code: 'not_found' },
  { name: 'a method the path does not have', call: () => ({ method: 'PUT', path: '/sites', body: { name: 'x' } }), status: 405, code: 'method_not_allowed' },
  { name: 'an unknown route outside the API', call: () => ({ method: 'GET', path: '/api/v2/sites' }), status: 404, code: 'not_found' },
  // paging
  ...['page=0', 'page=-1', 'page=abc', 'page=1.5', 'page_size=0', 'page_size=501', 'page_size=1e9', 'page=1&page=2'].map((query) => ({
    name: `the query ${query}`,
    call: () => ({ method: 'GET', path: `/sites?${query}` }),
    status: 400, code: 'invalid_input', fields: [query.split('=')[0]!],
  })),
  // size
  { name: 'a body over the size limit', call: () => ({ method: 'POST', path: '/sites', body: { name: 'x'.repeat(MAX_BODY) } }), status: 413, code: 'payload_too_large' },
  { name: 'a sign-up over the size limit', call: () => ({ method: 'POST', path: '/auth/signup', body: { email: uniqueEmail(), password: PASSWORD, account_name: 'x'.repeat(MAX_BODY) }, anonymous: true }), status: 413, code: 'payload_too_large' },
];

beforeAll(async () => {
  svc = await createTestService({ IGNY8_MAX_BODY_BYTES: String(MAX_BODY) });
  owner = await signup(svc, 'Inputs');
  await upgradePlan(svc, owner.accountId);
  viewer = await userWithRole(svc, owner.accountId, 'viewer');
  site = await createSite(svc, owner);
  sector = await createSector(svc, owner, site.id);
});
afterAll(() => svc.close());

async function send(c: Call) {
  const path = c.path.startsWith('/api/') ? c.path : `/api/v1${c.path}`;
  return svc.call(c.method, path, {
    ...(c.anonymous ? {} : { token: owner.token }),
    ...(c.body === undefined ? {} : { body: c.body }),
    ...(c.headers ? { headers: c.headers } : {}),
  });
}

/** The contract's error format, with field errors where the problem is in named fields. */
function expectError(res: Awaited<ReturnType<typeof send>>, status: number, code: string, fields?: string[]) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body).toMatchObject({ success: false, error: expect.any(String), code, request_id: expect.any(String) });
  expect(res.body.error.length).toBeGreaterThan(0);
  expect(res.headers.get('x-request-id')).toBe(res.body.request_id);
  if (fields) {
    expect(Object.keys(res.body.errors ?? {}).sort(), res.text).toEqual(expect.arrayContaining([...fields].sort()));
    for (const messages of Object.values<string[]>(res.body.errors)) expect(messages.every((m) => typeof m === 'string' && m.length > 0)).toBe(true);
  }
}

describe('bad input', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await svc.deps.db.owner`select (select count(*)::int from sites) as sites, (select count(*)::int from sectors) as sectors, (select count(*)::int from users) as users, (select count(*)::int from accounts) as accounts`;
    const res = await send(c.call());
    expectError(res, c.status, c.code, c.fields);
    // Refused input leaves nothing behind.
    expect(await svc.deps.db.owner`select (select count(*)::int from sites) as sites, (select count(*)::int from sectors) as sectors, (select count(*)::int from users) as users, (select count(*)::int from accounts) as accounts`).toEqual(before);
  });

  it('keeps characters beyond the BMP, sent raw or as escaped surrogate pairs', async () => {
    const res = await svc.call('POST', `/sites/${site.id}/sectors`, { token: owner.token, body: '{"name": "Smiles \\ud83d\\ude00", "description": "raw 😀"}' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.data).toMatchObject({ name: 'Smiles 😀', description: 'raw 😀' });
    const [row] = await svc.deps.db.owner`select name, description from sectors where id = ${res.body.data.id}`;
    expect(row).toEqual({ name: 'Smiles 😀', description: 'raw 😀' });
    await svc.call('DELETE', `/sectors/${res.body.data.id}`, { token: owner.token });
  });

  it('names a duplicate site or sector name a 409 conflict, whatever its case', async () => {
    const dupSite = await svc.call('POST', '/sites', { token: owner.token, body: { name: site.name.toUpperCase() } });
    expectError(dupSite, 409, 'conflict', ['name']);
    const dupSector = await svc.call('POST', `/sites/${site.id}/sectors`, { token: owner.token, body: { name: sector.name.toLowerCase() } });
    expectError(dupSector, 409, 'conflict', ['name']);
    const other = await createSector(svc, owner, site.id);
    const rename = await svc.call('PATCH', `/sectors/${other.id}`, { token: owner.token, body: { name: sector.name } });
    expectError(rename, 409, 'conflict', ['name']);
    await svc.call('DELETE', `/sectors/${other.id}`, { token: owner.token });
  });

  it('refuses one active sector more than MAX_ACTIVE_SECTORS, and reactivating one past the limit, with a field error on status', async () => {
    // The shared constant (which the dashboard and the plugin show) and the database's trigger agree.
    const s = await createSite(svc, owner);
    const sectors = [];
    for (let i = 0; i < MAX_ACTIVE_SECTORS; i++) sectors.push(await createSector(svc, owner, s.id, { name: `Active ${i}` }));
    const sixth = await svc.call('POST', `/sites/${s.id}/sectors`, { token: owner.token, body: { name: 'Sixth' } });
    expectError(sixth, 400, 'invalid_input', ['status']);
    // An inactive sixth is fine; making it active is not.
    const inactive = await createSector(svc, owner, s.id, { name: 'Dormant', status: 'inactive' });
    const wake = await svc.call('PATCH', `/sectors/${inactive.id}`, { token: owner.token, body: { status: 'active' } });
    expectError(wake, 400, 'invalid_input', ['status']);
    // Once one is retired, the dormant one may take its place.
    expect((await svc.call('PATCH', `/sectors/${sectors[0].id}`, { token: owner.token, body: { status: 'inactive' } })).status).toBe(200);
    expect((await svc.call('PATCH', `/sectors/${inactive.id}`, { token: owner.token, body: { status: 'active' } })).status).toBe(200);
    const [row] = await svc.deps.db.owner`select count(*) filter (where status = 'active')::int as active, count(*)::int as total from sectors where site_id = ${s.id}`;
    expect(row).toEqual({ active: MAX_ACTIVE_SECTORS, total: MAX_ACTIVE_SECTORS + 1 });
    expect((await svc.call('GET', `/sites/${s.id}`, { token: owner.token })).body.data.active_sector_count).toBe(MAX_ACTIVE_SECTORS);
  });

  it('ends ten concurrent sector creations on an empty site with exactly five active', async () => {
    const s = await createSite(svc, owner);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => svc.call('POST', `/sites/${s.id}/sectors`, { token: owner.token, body: { name: `Race ${i}` } })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 201, 201, 400, 400, 400, 400, 400]);
    for (const r of results.filter((x) => x.status === 400)) expectError(r, 400, 'invalid_input', ['status']);
    const [row] = await svc.deps.db.owner`select count(*)::int as n from sectors where site_id = ${s.id} and status = 'active'`;
    expect(row!.n).toBe(5);
  });

  // Field names are the client's: the names of Object.prototype's members are fields like any other.
  it('answers bodies keyed by constructor, __proto__ and friends with a 4xx on every route of the OpenAPI document', async () => {
    const doc = (await svc.call('GET', '/openapi.json')).body;
    const operations = Object.entries<Record<string, { requestBody?: { content?: Record<string, unknown> } }>>(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({
        method: method.toUpperCase(),
        path: path.replace(/^\/api\/v1/, '').replace(/\{[^}]+\}/g, () => randomUUID()),
        json: Boolean(op.requestBody?.content?.['application/json']),
      })),
    );
    expect(operations.filter((o) => o.json).length).toBeGreaterThan(20);
    for (const op of operations) {
      for (const key of PROTOTYPE_KEYS) {
        for (const token of [owner.token, undefined]) {
          const what = `${op.method} ${op.path} ${key} ${token ? 'signed in' : 'anonymous'}`;
          const res = op.method === 'GET'
            ? await svc.call('GET', `${op.path}?${key}=1`, { ...(token ? { token } : {}) })
            : await svc.call(op.method, op.path, { ...(token ? { token } : {}), body: `{"${key}": 1, "nested": {"${key}": {"${key}": 1}}}` });
          expect(res.status, `${what}: ${res.text}`).toBeLessThan(500);
          if (!op.json) continue;
          expect(res.status, what).toBeGreaterThanOrEqual(400);
          expectError(res, ERROR_STATUS[res.body?.code as ErrorCode], res.body?.code);
        }
      }
    }
    // Ten requests per operation, over a hundred operations, on a machine shared with other suites.
  }, 120_000);

  it('answers a request without a token on every protected route with 401 in the error format', async () => {
    for (const [method, path] of [['GET', '/account'], ['GET', '/sites'], ['POST', '/sites'], ['DELETE', `/sites/${site.id}`], ['GET', '/auth/me']] as const) {
      expectError(await svc.call(method, path), 401, 'not_authenticated');
    }
  });
});
