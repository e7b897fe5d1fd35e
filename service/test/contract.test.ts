import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../src/app';
import { PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX } from '../src/http/envelope';
import { createSector, createSite, grantSite, signup, upgradePlan, userWithRole, type Session } from './factories';
import { createTestService, type TestService } from './service';

/** The envelope, paging, request ids, health checks and the OpenAPI document of the contract. */

let svc: TestService;
let owner: Session;
let site: { id: string };

beforeAll(async () => {
  svc = await createTestService();
  owner = await signup(svc, 'Contract');
  await upgradePlan(svc, owner.accountId);
  site = await createSite(svc, owner);
  for (let i = 0; i < 4; i++) await createSector(svc, owner, site.id);
  for (let i = 0; i < 4; i++) await createSite(svc, owner);
  for (const role of ['editor', 'viewer'] as const) {
    const u = await userWithRole(svc, owner.accountId, role);
    await grantSite(svc, owner, site.id, u.userId);
  }
});
afterAll(() => svc.close());

/** Routes of the API as `[METHOD, /path/{param}]`, from the app itself. */
function mountedRoutes(): [string, string][] {
  const seen = new Set<string>();
  for (const r of svc.app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith(`${API_PREFIX}/`)) continue;
    const path = r.path.slice(API_PREFIX.length).replace(/:([A-Za-z_]+)/g, '{$1}');
    if (/\/(health|ready|openapi\.json)$/.test(path)) continue;
    seen.add(`${r.method} ${path}`);
  }
  return [...seen].sort().map((k) => k.split(' ') as [string, string]);
}

/** `node`, or what its `$ref` points to within `doc`. */
const resolved = (doc: any, node: any) =>
  node?.$ref ? node.$ref.slice(2).split('/').reduce((o: any, k: string) => o?.[k], doc) : node;

const relative = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe('list envelope', () => {
  const lists = () => ['/sites', '/users', `/sites/${site.id}/sectors`, `/sites/${site.id}/access`];

  it('answers every list with success, count, next, previous, results and request_id', async () => {
    for (const path of lists()) {
      const res = await svc.call('GET', path, { token: owner.token });
      expect(res.status, path).toBe(200);
      expect(Object.keys(res.body).sort(), path).toEqual(['count', 'next', 'previous', 'request_id', 'results', 'success']);
      expect(res.body).toMatchObject({ success: true, count: res.body.results.length, next: null, previous: null });
    }
  });

  it('pages with page and page_size, linking next and previous with the other parameters kept', async () => {
    const first = await svc.call('GET', '/sites?page_size=2', { token: owner.token });
    expect(first.body.count).toBe(5);
    expect(first.body.results).toHaveLength(2);
    expect(first.body.previous).toBeNull();
    const seen: string[] = first.body.results.map((s: { id: string }) => s.id);
    let page = first;
    const pages = [first];
    while (page.body.next) {
      const next = new URL(page.body.next);
      expect(next.searchParams.get('page_size')).toBe('2');
      page = await svc.call('GET', relative(page.body.next), { token: owner.token });
      expect(page.status).toBe(200);
      pages.push(page);
      seen.push(...page.body.results.map((s: { id: string }) => s.id));
    }
    expect(pages.map((p) => p.body.results.length)).toEqual([2, 2, 1]);
    expect(new Set(seen).size).toBe(5);
    expect(new URL(pages[2]!.body.previous).searchParams.get('page')).toBe('2');
    const back = await svc.call('GET', relative(pages[2]!.body.previous), { token: owner.token });
    expect(back.body.results).toEqual(pages[1]!.body.results);
    // Past the end: nothing, and `previous` leads back to the last page.
    const beyond = await svc.call('GET', '/sites?page=9&page_size=2', { token: owner.token });
    expect(beyond.body).toMatchObject({ count: 5, results: [], next: null });
    expect(new URL(beyond.body.previous).searchParams.get('page')).toBe('3');
  });

  it(`defaults to ${PAGE_SIZE_DEFAULT} a page, allows ${PAGE_SIZE_MAX} and refuses more`, async () => {
    await svc.deps.db.owner`
      insert into sectors (account_id, site_id, name, status)
      select ${owner.accountId}, ${site.id}, 'Bulk ' || n, 'inactive' from generate_series(1, 60) n`;
    const path = `/sites/${site.id}/sectors`;
    const byDefault = await svc.call('GET', path, { token: owner.token });
    expect(byDefault.body.results).toHaveLength(PAGE_SIZE_DEFAULT);
    expect(byDefault.body.count).toBe(64);
    expect(new URL(byDefault.body.next).searchParams.get('page')).toBe('2');
    const max = await svc.call('GET', `${path}?page_size=${PAGE_SIZE_MAX}`, { token: owner.token });
    expect(max.body.results).toHaveLength(64);
    expect(max.body.next).toBeNull();
    const over = await svc.call('GET', `${path}?page_size=${PAGE_SIZE_MAX + 1}`, { token: owner.token });
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({ success: false, code: 'invalid_input', errors: { page_size: expect.any(Array) } });
  });

  it('wraps single objects as success, data and request_id', async () => {
    const res = await svc.call('GET', `/sites/${site.id}`, { token: owner.token });
    expect(res.body).toMatchObject({ success: true, data: { id: site.id }, request_id: res.headers.get('x-request-id') });
    const deleted = await svc.call('DELETE', `/sites/${(await createSite(svc, owner)).id}`, { token: owner.token });
    expect(deleted.body).toMatchObject({ success: true, data: null, message: expect.any(String) });
  });
});

describe('request ids', () => {
  it('gives every response an X-Request-Id, the same as in the body', async () => {
    const answers = [
      await svc.call('GET', '/sites', { token: owner.token }),
      await svc.call('GET', `/sites/${randomUUID()}`, { token: owner.token }),
      await svc.call('GET', '/nowhere'),
      await svc.call('GET', '/auth/me'),
      await svc.call('POST', '/sites', { token: owner.token, body: '{' }),
    ];
    const ids = answers.map((r) => r.headers.get('x-request-id'));
    for (const [i, r] of answers.entries()) {
      expect(ids[i]).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.body.request_id).toBe(ids[i]);
    }
    expect(new Set(ids).size).toBe(answers.length);
    expect((await svc.call('GET', '/health')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a sane incoming X-Request-Id and replaces anything else', async () => {
    const sane = 'edge-7f3a.9c2b_01';
    const kept = await svc.call('GET', '/sites', { token: owner.token, headers: { 'x-request-id': sane } });
    expect(kept.headers.get('x-request-id')).toBe(sane);
    expect(kept.body.request_id).toBe(sane);
    const failed = await svc.call('GET', `/sites/${randomUUID()}`, { token: owner.token, headers: { 'x-request-id': sane } });
    expect(failed.body.request_id).toBe(sane);
    for (const insane of ['short', 'has spaces in it', 'x'.repeat(129), '<script>alert(1)</script>', 'id;drop table']) {
      const res = await svc.call('GET', '/sites', { token: owner.token, headers: { 'x-request-id': insane } });
      expect(res.headers.get('x-request-id'), insane).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.request_id).toBe(res.headers.get('x-request-id'));
    }
  });
});

describe('health', () => {
  it('answers /health and /ready, at the root and under the API prefix', async () => {
    for (const prefix of ['', API_PREFIX]) {
      const health = await svc.call('GET', `${prefix}/health`.replace(/^\/api\/v1/, '/api/v1'));
      expect(health.status).toBe(200);
      expect(health.body).toEqual({ status: 'ok' });
      const ready = await svc.call('GET', `${prefix}/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({ status: 'ready' });
    }
  });

  it('answers /ready with 503 in the error format when the database is gone, while /health stays up', async () => {
    const other = await createTestService();
    try {
      await other.deps.db.app.end({ timeout: 1 });
      const ready = await other.call('GET', '/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ success: false, code: 'service_unavailable', request_id: expect.any(String) });
      expect((await other.call('GET', '/health')).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('OpenAPI document', () => {
  let doc: any;
  beforeAll(async () => {
    const res = await svc.call('GET', `${API_PREFIX}/openapi.json`);
    expect(res.status).toBe(200);
    doc = res.body;
  });

  it('is an OpenAPI 3.1 document', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    // Every reference resolves.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const path = ref.slice(8, -1);
      expect(path.startsWith('#/'), path).toBe(true);
      const target = path.slice(2).split('/').reduce((node: any, key) => node?.[key], doc);
      expect(target, path).toBeDefined();
    }
  });

  it('lists every mounted route, with its path parameters and success response', () => {
    const missing: string[] = [];
    for (const [method, path] of mountedRoutes()) {
      const op = doc.paths[`${API_PREFIX}${path}`]?.[method.toLowerCase()];
      if (!op) {
        missing.push(`${method} ${path}`);
        continue;
      }
      const declared = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name).sort();
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      expect(declared, `${method} ${path} path parameters`).toEqual(inPath);
      for (const p of (op.parameters ?? []).filter((x: any) => x.in === 'path')) expect(p.required, `${method} ${path} ${p.name}`).toBe(true);
      const success = Object.keys(op.responses ?? {}).filter((s) => /^2\d\d$/.test(s));
      expect(success.length, `${method} ${path} success response`).toBeGreaterThan(0);
    }
    expect(missing, 'mounted routes missing from the OpenAPI document').toEqual([]);
  });

  it('describes the request bodies, as strict JSON schemas, and the paging query', () => {
    const bodies: Record<string, string[]> = {
      'post /auth/signup': ['email', 'password', 'account_name'],
      'post /auth/signin': ['email', 'password'],
      'post /auth/refresh': ['refresh'],
      'patch /account': ['name'],
      'post /users': ['email', 'role', 'password'],
      'patch /users/{id}': ['name', 'role', 'is_active', 'password'],
      'post /sites': ['name', 'wp_url', 'wp_app_password'],
      'patch /sites/{id}': ['name', 'wp_url', 'wp_app_password'],
      'post /sites/{id}/sectors': ['name', 'status'],
      'patch /sectors/{id}': ['name', 'status'],
      'post /sites/{id}/access': ['user_id'],
    };
    for (const [key, fields] of Object.entries(bodies)) {
      const [method, path] = key.split(' ') as [string, string];
      const body = doc.paths[`${API_PREFIX}${path}`]?.[method]?.requestBody;
      const schema = resolved(doc, body?.content?.['application/json']?.schema);
      expect(schema, key).toBeDefined();
      expect(Object.keys(schema.properties ?? {}), key).toEqual(expect.arrayContaining(fields));
      expect(schema.additionalProperties, `${key} refuses unknown fields`).toBe(false);
    }
    for (const path of ['/sites', '/users', '/sites/{id}/sectors', '/sites/{id}/access']) {
      const names = doc.paths[`${API_PREFIX}${path}`].get.parameters.filter((p: any) => p.in === 'query').map((p: any) => p.name);
      expect(names, path).toEqual(expect.arrayContaining(['page', 'page_size']));
    }
    // Secrets are write-only: no response schema mentions the password.
    const envelope = doc.paths[`${API_PREFIX}/sites/{id}`].get.responses[200].content['application/json'].schema;
    const site = JSON.stringify(resolved(doc, envelope.properties.data));
    expect(site).not.toContain('"wp_app_password"');
    expect(site).toContain('has_wp_app_password');
  });

  it('names every operation and the shared schemas, so generated clients get readable names', () => {
    const ops = Object.values<any>(doc.paths).flatMap((item) => Object.values<any>(item));
    const ids = ops.map((op) => op.operationId);
    expect(ids.filter((id) => !/^[a-z][A-Za-z]+$/.test(id ?? ''))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ops.filter((op) => !op.summary || !op.tags?.length).map((op) => op.operationId)).toEqual([]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Keyword', 'Cluster', 'Idea', 'Site', 'AIRun', 'Error', 'KeywordCreate']));
    const keywordCreate = doc.paths[`${API_PREFIX}/planner/keywords`].post.requestBody.content['application/json'].schema;
    expect(JSON.stringify(keywordCreate)).toContain('#/components/schemas/KeywordCreate');
    // Moments are date-times, not a choice between two strings.
    expect(doc.components.schemas.Keyword.properties.created_at).toEqual({ type: 'string', format: 'date-time' });
    expect(JSON.stringify(doc)).not.toMatch(/"anyOf":\[\{"type":"string","format":"date-time"\},\{"type":"string","format":"date-time"\}\]/);
    // No named schema turns nullable because one of its uses is.
    for (const [name, schema] of Object.entries<any>(doc.components.schemas)) expect([schema.type].flat(), name).not.toContain('null');
  });

  it('lists the statuses each kind of route answers, and those only some routes do', () => {
    const op = (method: string, path: string) => doc.paths[`${API_PREFIX}${path}`][method];
    const statuses = (method: string, path: string) => Object.keys(op(method, path).responses);
    expect(statuses('patch', '/sites/{id}')).toEqual(['200', '400', '401', '403', '404', '409', '413', '415', '503', 'default']);
    expect(statuses('get', '/account')).toEqual(['200', '401', '403', '503', 'default']);
    expect(statuses('post', '/auth/signin')).toEqual(['200', '400', '401', '403', '413', '415', '429', '503', 'default']);
    for (const path of ['/auth/signup', '/auth/signin', '/auth/refresh']) expect(op('post', path).security, path).toEqual([]);
    expect(doc.components.responses.RateLimited.headers['Retry-After']).toBeDefined();
    for (const path of ['/planner/keywords/auto-cluster', '/planner/clusters/generate-ideas']) {
      expect(statuses('post', path), path).toEqual(expect.arrayContaining(['202', '402', '409']));
    }
    expect(doc.components.schemas.InsufficientCreditsError.allOf[1].required).toEqual(['balance', 'required']);
  });

  it('declares bearer security exactly on the routes that answer 401 without a token', async () => {
    const wrong: string[] = [];
    for (const [method, path] of mountedRoutes()) {
      const concrete = path.replace(/\{[^}]+\}/g, () => randomUUID());
      const res = await svc.call(method, `${API_PREFIX}${concrete}`, method === 'GET' ? {} : { body: {} });
      expect(res.status, `${method} ${path} → ${res.text}`).toBeLessThan(500);
      const op = doc.paths[`${API_PREFIX}${path}`]?.[method.toLowerCase()];
      const secured = (op?.security ?? doc.security ?? []).some((s: Record<string, unknown>) => 'bearer' in s);
      if ((res.status === 401) !== secured) wrong.push(`${method} ${path}: ${res.status}, security ${secured ? 'declared' : 'missing'}`);
    }
    expect(wrong).toEqual([]);
  });
});
