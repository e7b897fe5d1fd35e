import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../src/app';
import { createSector, createSite, grantSite, PASSWORD, signin, signup, uniqueEmail, upgradePlan, userWithRole, type Session } from './factories';
import { operationsOf, responseValidator, type Answer, type Operation } from './openapi-validator';
import { createTestService, type TestService } from './service';
import { siteKeys } from './site-signer';
import { useFakeProvider } from './use-fake-provider';

/**
 * Drives every operation of the served OpenAPI document — a valid request, and the invalid ones a
 * client typically sends — and checks each answer against the document: a status it does not list,
 * a content type it does not list or a body that does not match its schema fails. The operations
 * come from the document, so a new route is driven as soon as it is documented; its valid request
 * goes in VALID below.
 */

const fake = useFakeProvider();
let svc: TestService;
let doc: any;
let validator: ReturnType<typeof responseValidator>;
let a: World;
let b: World;

/** An account with one of everything, for valid requests; another one for other accounts' ids. */
type World = {
  owner: Session; developer: Session; account: string; user: string; editor: string; site: string; sector: string; keyword: string;
  cluster: string; idea: string; run: string; finishedRun: string; keywordImport: string; profile: string; strategy: string; task: string; content: string; image: string;
  featuredImageRun: string;
};
type Request = { params?: Record<string, string>; query?: Record<string, string>; body?: unknown; contentType?: string; token?: string | null; status: number };

const unique = (what: string) => `${what} ${randomUUID()}`;

async function made(s: Session, method: string, path: string, body?: unknown): Promise<any> {
  const res = await svc.call(method, path, { token: s.token, body });
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${res.text}`);
  return res.body.data;
}

async function world(label: string): Promise<World> {
  const owner = await signup(svc, label);
  await upgradePlan(svc, owner.accountId);
  const developer = await userWithRole(svc, owner.accountId, 'developer');
  const editor = await userWithRole(svc, owner.accountId, 'editor');
  const site = await createSite(svc, owner);
  const sector = await createSector(svc, owner, site.id);
  const keyword = await made(owner, 'POST', '/planner/keywords', { sector_id: sector.id, keyword: unique('keyword'), volume: 10 });
  const db = svc.deps.db.owner;
  const where = { account_id: owner.accountId, site_id: site.id, sector_id: sector.id };
  const [cluster] = await db`insert into clusters ${db({ ...where, name: unique('cluster'), source: 'manual' })} returning id`;
  const [idea] = await db`insert into content_ideas ${db({ ...where, cluster_id: cluster!.id, title: unique('idea') })} returning id`;
  const run = await made(owner, 'POST', '/planner/keywords/auto-cluster', { sector_id: sector.id });
  const [imported] = await db`insert into keyword_imports ${db({ ...where, bytes: 10 })} returning id`;
  const task = await made(owner, 'POST', '/writer/tasks', { sector_id: sector.id, title: unique('task'), primary_keyword: 'tea' });
  const [content] = await db`insert into content ${db({ ...where, task_id: task.id, title: unique('content') })} returning id`;
  const [finished] = await db`
    insert into ai_runs ${db({ ...where, function: 'auto_cluster', input_hash: randomUUID(), payload: db.json({}), status: 'succeeded', phase: 'DONE', progress: 100, finished_at: new Date() })}
    returning id`;
  const featured = { kind: 'featured_image', mime_type: 'image/webp', width: 16, height: 16, alt: 'Tea', caption: '', prompt: 'Tea' };
  const [featuredRun] = await db`
    insert into ai_runs ${db({ ...where, function: 'assist', input_hash: randomUUID(), payload: db.json({}), status: 'succeeded', phase: 'DONE', progress: 100, finished_at: new Date(), result: db.json(featured) })}
    returning id`;
  await svc.deps.files.put(`${owner.accountId}/assist/${featuredRun!.id}.webp`, Buffer.from('RIFF....WEBPVP8 '));
  return {
    owner, developer, featuredImageRun: featuredRun!.id, account: owner.accountId, user: (await userWithRole(svc, owner.accountId, 'viewer')).userId, editor: editor.userId, site: site.id,
    sector: sector.id, keyword: keyword.id, cluster: cluster!.id, idea: idea!.id, run: run.run_id, finishedRun: finished!.id, keywordImport: imported!.id as string,
    profile: (await made(owner, 'POST', '/thinker/author-profiles', { name: unique('profile') })).id,
    strategy: (await made(owner, 'POST', '/thinker/strategies', { name: unique('strategy') })).id,
    task: task.id, content: content!.id, image: await freshImage(owner.accountId, content!.id, where),
  };
}

/** A generated image of `contentId`, its file in the store. */
async function freshImage(account: string, contentId: string, where?: Record<string, string>) {
  const db = svc.deps.db.owner;
  const place = where ?? (await db`select account_id, site_id, sector_id from content where id = ${contentId}`)[0]!;
  const [image] = await db`
    insert into images ${db({ ...place, content_id: contentId, kind: 'in_article', position: Math.floor(Math.random() * 1e6), prompt: unique('image'), status: 'generated', mime_type: 'image/webp' })}
    returning id`;
  const key = `${account}/${image!.id}.webp`;
  await db`update images set storage_key = ${key} where id = ${image!.id}`;
  await svc.deps.files.put(key, Buffer.from('RIFF....WEBPVP8 '));
  return image!.id as string;
}

const freshUser = async (w: World) => (await made(w.owner, 'POST', '/users', { email: uniqueEmail(), role: 'editor', password: PASSWORD })).id;
const freshSite = async (w: World) => (await createSite(svc, w.owner)).id;
const freshSector = async (w: World) => (await createSector(svc, w.owner, w.site, { status: 'inactive' })).id;
const freshKeyword = async (w: World) => (await made(w.owner, 'POST', '/planner/keywords', { sector_id: w.sector, keyword: unique('keyword') })).id;
const freshRow = async (w: World, table: 'clusters' | 'content_ideas') => {
  const db = svc.deps.db.owner;
  const row = { account_id: w.account, site_id: w.site, sector_id: w.sector, ...(table === 'clusters' ? { name: unique('cluster'), source: 'manual' } : { title: unique('idea') }) };
  return (await db`insert into ${db(table)} ${db(row)} returning id`)[0]!.id as string;
};
/** Content of its own in `status`, so that each review step starts where it may. */
const freshContent = async (w: World, status: string) => {
  const db = svc.deps.db.owner;
  const row = { account_id: w.account, site_id: w.site, sector_id: w.sector, title: unique('content'), status };
  return (await db`insert into content ${db(row)} returning id`)[0]!.id as string;
};
const granted = async (w: World) => {
  const viewer = await userWithRole(svc, w.account, 'viewer');
  await grantSite(svc, w.owner, w.site, viewer.userId);
  return viewer.userId;
};

/** A request each operation answers with success, by operationId. */
const VALID: Record<string, (w: World) => Request | Promise<Request>> = {
  signUp: () => ({ token: null, body: { email: uniqueEmail(), password: PASSWORD, account_name: 'Conformance' }, status: 201 }),
  signIn: (w) => ({ token: null, body: { email: w.owner.email, password: PASSWORD }, status: 200 }),
  refreshTokens: async (w) => ({ token: null, body: { refresh: (await signin(svc, w.owner.email)).refresh }, status: 200 }),
  signOut: async (w) => ({ token: (await signin(svc, w.owner.email)).token, body: { everywhere: false }, status: 200 }),
  getMe: () => ({ status: 200 }),
  getAccount: () => ({ status: 200 }),
  updateAccount: () => ({ body: { name: unique('account') }, status: 200 }),
  listAccounts: (w) => ({ token: w.developer.token, query: { status: 'active', search: 'conformance', page_size: '10' }, status: 200 }),
  listUsers: () => ({ status: 200 }),
  createUser: () => ({ body: { email: uniqueEmail(), role: 'editor', password: PASSWORD }, status: 201 }),
  updateUser: (w) => ({ params: { id: w.user }, body: { name: 'Renamed' }, status: 200 }),
  deleteUser: async (w) => ({ params: { id: await freshUser(w) }, status: 200 }),
  listSites: () => ({ query: { page_size: '2' }, status: 200 }),
  createSite: () => ({ body: { name: unique('site'), wp_url: 'https://example.com', wp_username: 'admin', wp_app_password: 'abcd efgh' }, status: 201 }),
  getSite: (w) => ({ params: { id: w.site }, status: 200 }),
  updateSite: (w) => ({ params: { id: w.site }, body: { name: unique('site') }, status: 200 }),
  deleteSite: async (w) => ({ params: { id: await freshSite(w) }, status: 200 }),
  listSectors: (w) => ({ params: { id: w.site }, status: 200 }),
  createSector: (w) => ({ params: { id: w.site }, body: { name: unique('sector'), status: 'inactive' }, status: 201 }),
  getSector: (w) => ({ params: { id: w.sector }, status: 200 }),
  updateSector: (w) => ({ params: { id: w.sector }, body: { description: 'About it' }, status: 200 }),
  deleteSector: async (w) => ({ params: { id: await freshSector(w) }, status: 200 }),
  listSiteAccess: (w) => ({ params: { id: w.site }, status: 200 }),
  grantSiteAccess: (w) => ({ params: { id: w.site }, body: { user_id: w.editor }, status: 201 }),
  revokeSiteAccess: async (w) => ({ params: { id: w.site }, body: { user_id: await granted(w) }, status: 200 }),
  revokeSiteAccessOfUser: async (w) => ({ params: { id: w.site, user_id: await granted(w) }, status: 200 }),
  createConnectCode: (w) => ({ params: { id: w.site }, status: 201 }),
  connectWithCode: async (w) => ({
    token: null, body: { code: (await made(w.owner, 'POST', `/sites/${w.site}/connect-codes`)).code, public_key: siteKeys().publicKey, wp_url: 'https://example.com' }, status: 200,
  }),
  connectSite: (w) => ({ params: { id: w.site }, body: { public_key: siteKeys().publicKey, wp_url: 'https://example.com', wp_username: 'igny8', wp_app_password: 'abcd efgh' }, status: 200 }),
  disconnectSite: (w) => ({ params: { id: w.site }, status: 200 }),
  listIndustries: () => ({ status: 200 }),
  listPrompts: () => ({ status: 200 }),
  getPrompt: () => ({ params: { function: 'generate_ideas' }, status: 200 }),
  updatePrompt: () => ({ params: { function: 'auto_cluster' }, body: { template: 'Name these clusters:\n{{keywords}}' }, status: 200 }),
  resetPrompt: () => ({ params: { function: 'auto_cluster' }, status: 200 }),
  listAuthorProfiles: () => ({ status: 200 }),
  createAuthorProfile: () => ({ body: { name: unique('profile'), do_list: ['Short sentences'] }, status: 201 }),
  getAuthorProfile: (w) => ({ params: { id: w.profile }, status: 200 }),
  updateAuthorProfile: (w) => ({ params: { id: w.profile }, body: { tone: 'Warm' }, status: 200 }),
  deleteAuthorProfile: async (w) => ({ params: { id: (await made(w.owner, 'POST', '/thinker/author-profiles', { name: unique('profile') })).id }, status: 200 }),
  listStrategies: (w) => ({ query: { site_id: w.site }, status: 200 }),
  createStrategy: (w) => ({ body: { name: unique('strategy'), site_id: w.site, content_types: ['guide'] }, status: 201 }),
  getStrategy: (w) => ({ params: { id: w.strategy }, status: 200 }),
  updateStrategy: (w) => ({ params: { id: w.strategy }, body: { target_word_count: 1500 }, status: 200 }),
  deleteStrategy: async (w) => ({ params: { id: (await made(w.owner, 'POST', '/thinker/strategies', { name: unique('strategy') })).id }, status: 200 }),
  getOpenAIIntegration: () => ({ status: 200 }),
  updateOpenAIIntegration: () => ({ body: { api_key: 'sk-conformance', base_url: fake.openaiBaseUrl, text_model: 'small' }, status: 200 }),
  testOpenAIIntegration: () => ({ status: 200 }),
  getRunwareIntegration: () => ({ status: 200 }),
  updateRunwareIntegration: () => ({ body: { api_key: 'rw-conformance', base_url: fake.runwareUrl }, status: 200 }),
  testRunwareIntegration: () => ({ status: 200 }),
  listRuns: () => ({ query: { status: 'queued' }, status: 200 }),
  getRun: (w) => ({ params: { id: w.run }, status: 200 }),
  streamRunEvents: (w) => ({ params: { id: w.finishedRun }, status: 200 }),
  getBalance: () => ({ status: 200 }),
  listTransactions: () => ({ status: 200 }),
  getUsage: () => ({ query: { group_by: 'function', from: '2020-01-01' }, status: 200 }),
  adjustCredits: (w) => ({ token: w.developer.token, body: { account_id: w.account, amount: 5, reason: 'Conformance' }, status: 201 }),
  listKeywords: (w) => ({ query: { sector_id: w.sector, unclustered: 'true', ordering: 'keyword' }, status: 200 }),
  createKeywords: (w) => ({ body: [{ sector_id: w.sector, keyword: unique('keyword'), intent: 'commercial', country: 'us' }], status: 201 }),
  bulkDeleteKeywords: async (w) => ({ body: { ids: [await freshKeyword(w)] }, status: 200 }),
  importKeywords: (w) => ({ query: { sector_id: w.sector }, contentType: 'text/csv', body: `keyword,volume\n${unique('imported')},10\n`, status: 200 }),
  getKeywordImport: (w) => ({ params: { id: w.keywordImport }, status: 200 }),
  exportKeywords: (w) => ({ query: { sector_id: w.sector }, status: 200 }),
  getKeyword: (w) => ({ params: { id: w.keyword }, status: 200 }),
  updateKeyword: (w) => ({ params: { id: w.keyword }, body: { volume: 20, cluster_id: w.cluster }, status: 200 }),
  deleteKeyword: async (w) => ({ params: { id: await freshKeyword(w) }, status: 200 }),
  startAutoCluster: (w) => ({ body: { keyword_ids: [w.keyword] }, status: 202 }),
  listClusters: (w) => ({ query: { site_id: w.site }, status: 200 }),
  getCluster: (w) => ({ params: { id: w.cluster }, status: 200 }),
  updateCluster: (w) => ({ params: { id: w.cluster }, body: { description: 'Shoes for running' }, status: 200 }),
  deleteCluster: async (w) => ({ params: { id: await freshRow(w, 'clusters') }, status: 200 }),
  startGenerateIdeas: (w) => ({ body: { cluster_ids: [w.cluster] }, status: 202 }),
  listIdeas: (w) => ({ query: { cluster_id: w.cluster }, status: 200 }),
  createTasksFromIdeas: (w) => ({ body: { idea_ids: [w.idea] }, status: 201 }),
  getIdea: (w) => ({ params: { id: w.idea }, status: 200 }),
  updateIdea: (w) => ({ params: { id: w.idea }, body: { status: 'scheduled' }, status: 200 }),
  deleteIdea: async (w) => ({ params: { id: await freshRow(w, 'content_ideas') }, status: 200 }),
  listTasks: (w) => ({ query: { site_id: w.site }, status: 200 }),
  createTask: (w) => ({ body: { sector_id: w.sector, title: unique('task'), author_profile_id: w.profile, strategy_id: w.strategy }, status: 201 }),
  getTask: (w) => ({ params: { id: w.task }, status: 200 }),
  updateTask: (w) => ({ params: { id: w.task }, body: { brief: 'Cover the basics.' }, status: 200 }),
  deleteTask: async (w) => ({ params: { id: (await made(w.owner, 'POST', '/writer/tasks', { sector_id: w.sector, title: unique('task') })).id }, status: 200 }),
  startGenerateContent: (w) => ({ body: { task_ids: [w.task] }, status: 202 }),
  startAssist: (w) => ({ body: { kind: 'title', topic: 'Green tea', site_id: w.site }, status: 202 }),
  listContent: (w) => ({ query: { site_id: w.site }, status: 200 }),
  getContent: (w) => ({ params: { id: w.content }, status: 200 }),
  updateContent: (w) => ({ params: { id: w.content }, body: { meta_title: 'Tea', blocks: '<!-- wp:paragraph -->\n<p>Tea.</p>\n<!-- /wp:paragraph -->' }, status: 200 }),
  listContentRevisions: (w) => ({ params: { id: w.content }, status: 200 }),
  submitContent: async (w) => ({ params: { id: await freshContent(w, 'draft') }, status: 200 }),
  approveContent: async (w) => ({ params: { id: await freshContent(w, 'review') }, status: 200 }),
  rejectContent: async (w) => ({ params: { id: await freshContent(w, 'review') }, body: { note: 'Add sources.' }, status: 200 }),
  placeContentInternalLinks: (w) => ({ params: { id: w.content }, status: 200 }),
  startGenerateImagePrompts: (w) => ({ body: { content_ids: [w.content], sections_per_image: 2, style: 'artistic', size: '1536x1024' }, status: 202 }),
  listImages: (w) => ({ query: { content_id: w.content, status: 'generated' }, status: 200 }),
  startGenerateImages: (w) => ({ body: { image_ids: [w.image], style: 'cartoon' }, status: 202 }),
  getImage: (w) => ({ params: { id: w.image }, status: 200 }),
  updateImage: (w) => ({ params: { id: w.image }, body: { alt: 'Tea leaves', caption: 'Leaves.' }, status: 200 }),
  deleteImage: async (w) => ({ params: { id: await freshImage(w.account, w.content) }, status: 200 }),
  getImageFile: (w) => ({ params: { id: w.image }, status: 200 }),
  getAssistImage: (w) => ({ params: { id: w.featuredImageRun }, status: 200 }),
  // The world's site has no WordPress: the 202 is driven against a real WordPress in publish.test.ts.
  publishContent: (w) => ({ params: { id: w.content }, body: { status: 'draft' }, status: 409 }),
};

beforeAll(async () => {
  svc = await createTestService();
  doc = (await svc.call('GET', `${API_PREFIX}/openapi.json`)).body;
  validator = responseValidator(doc);
  a = await world('Conformance A');
  b = await world('Conformance B');
});
afterAll(() => svc?.close());

/** Sends `r` for `o`; `token` undefined means A's owner, null none. */
async function send(o: Operation, r: Omit<Request, 'status'>, raw?: { body: string; contentType?: string }): Promise<Answer> {
  const path = o.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(r.params?.[name] ?? 'missing'));
  const query = r.query ? `?${new URLSearchParams(r.query)}` : '';
  const token = r.token === null ? undefined : (r.token ?? a.owner.token);
  const body = raw ? raw.body : r.body === undefined ? undefined : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
  const contentType = raw ? raw.contentType : r.contentType ?? 'application/json';
  return svc.call(o.method.toUpperCase(), `${path}${query}`, { token, body, headers: body !== undefined && contentType ? { 'content-type': contentType } : {} });
}

/** Problems of one answer: undocumented, not matching, or not the status expected. */
function problems(o: Operation, what: string, res: Answer, expected?: number | number[]): string[] {
  const found = validator.check(o, res);
  const wanted = expected === undefined ? null : [expected].flat();
  if (wanted && !wanted.includes(res.status)) found.push(`expected ${wanted.join(' or ')}, got ${res.status}: ${res.text.slice(0, 200)}`);
  return found.map((p) => `${o.op.operationId} (${what}): ${p}`);
}

const secured = (o: Operation) => (o.op.security ?? []).some((s: object) => Object.keys(s).length > 0);
const bodySchema = (o: Operation) => {
  const s = o.op.requestBody?.content?.['application/json']?.schema;
  return s?.$ref ? s.$ref.slice(2).split('/').reduce((n: any, k: string) => n?.[k], doc) : s;
};

describe('the response validator', () => {
  it('fails undocumented statuses, content types and bodies that do not match', () => {
    const o = operationsOf(doc).find((x) => x.op.operationId === 'getSite')!;
    const answer = (status: number, body: unknown, type = 'application/json') =>
      ({ status, body, text: JSON.stringify(body), headers: new Headers({ 'content-type': type }) });
    const error = { success: false, error: 'No.', code: 'not_found', request_id: 'r' };
    expect(validator.check(o, answer(404, error))).toEqual([]);
    expect(validator.check(o, answer(418, error))).toEqual([expect.stringContaining('status 418 is not documented')]);
    expect(validator.check(o, answer(404, error, 'text/html'))).toEqual([expect.stringContaining('content type "text/html"')]);
    expect(validator.check(o, answer(404, { ...error, code: 7 })).join()).toContain('/code');
    const site = { id: a.site, name: 'x', created_at: 'yesterday' };
    expect(validator.check(o, answer(200, { success: true, data: site, request_id: 'r' })).join()).toMatch(/required|date-time/);
    // 5xx fall back to `default`.
    expect(validator.check(o, answer(500, { ...error, code: 'internal_error' }))).toEqual([]);
  });
});

describe('every operation of the OpenAPI document', () => {
  it('has a valid request here, answered with its documented success', async () => {
    const found: string[] = [];
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(70);
    for (const o of ops) {
      const valid = VALID[o.op.operationId];
      if (!valid) {
        found.push(`${o.op.operationId}: no valid request in VALID`);
        continue;
      }
      const r = await valid(a);
      found.push(...problems(o, 'valid', await send(o, r), r.status));
    }
    expect(found).toEqual([]);
  });

  it('refuses requests without a token, or with a forged one, with 401 wherever it needs one', async () => {
    const found: string[] = [];
    for (const o of operationsOf(doc).filter(secured)) {
      const r = await VALID[o.op.operationId]!(a);
      found.push(...problems(o, 'no token', await send(o, { ...r, token: null }), 401));
      found.push(...problems(o, 'forged token', await send(o, { ...r, token: 'eyJhbGciOiJIUzI1NiJ9.e30.forged' }), 401));
    }
    expect(found).toEqual([]);
  });

  it('answers malformed ids with 400, and unknown ids and other accounts’ ids with 404', async () => {
    const found: string[] = [];
    for (const o of operationsOf(doc).filter((x) => x.path.includes('{'))) {
      const r = await VALID[o.op.operationId]!(a);
      const ids = Object.keys(r.params ?? {}).filter((k) => k !== 'function');
      if (ids.length === 0) continue;
      const bad = (value: string) => ({ ...r, params: { ...r.params, ...Object.fromEntries(ids.map((k) => [k, value])) } });
      found.push(...problems(o, 'malformed id', await send(o, bad('not-a-uuid')), 400));
      found.push(...problems(o, 'unknown id', await send(o, bad(randomUUID())), 404));
      // B's objects, asked for by A's owner.
      const other = await VALID[o.op.operationId]!(b);
      found.push(...problems(o, 'other account’s id', await send(o, { ...other, token: undefined }), 404));
    }
    for (const name of ['getPrompt', 'updatePrompt', 'resetPrompt']) {
      const o = operationsOf(doc).find((x) => x.op.operationId === name)!;
      found.push(...problems(o, 'unknown function', await send(o, { ...(await VALID[name]!(a)), params: { function: 'no_such_function' } }), [400, 404]));
    }
    expect(found).toEqual([]);
  });

  it('refuses missing, malformed and mistyped bodies and unknown fields with 400, other media types with 415', async () => {
    const found: string[] = [];
    for (const o of operationsOf(doc).filter((x) => x.op.requestBody?.content?.['application/json'])) {
      const r = await VALID[o.op.operationId]!(a);
      const required = o.op.requestBody.required;
      // No body at all reads as an empty object: a change of nothing where every field is optional.
      if (required) found.push(...problems(o, 'no body', await send(o, { ...r, body: undefined }), bodySchema(o)?.required?.length ? 400 : undefined));
      found.push(...problems(o, 'malformed JSON', await send(o, r, { body: '{"a":', contentType: 'application/json' }), 400));
      found.push(...problems(o, 'text body', await send(o, r, { body: 'hello', contentType: 'text/plain' }), required ? [400, 415] : undefined));
      found.push(...problems(o, 'a number for the body', await send(o, { ...r, body: 42 }), 400));
      const schema = bodySchema(o);
      if (!r.body || typeof r.body !== 'object' || Array.isArray(r.body)) continue;
      if (schema?.additionalProperties === false) found.push(...problems(o, 'unknown field', await send(o, { ...r, body: { ...r.body, surplus_field: 1 } }), 400));
      for (const [name, prop] of Object.entries<any>(schema?.properties ?? {})) {
        const accepts = JSON.stringify(prop);
        const wrong = accepts.includes('"object"') || accepts.includes('$ref') ? 12345 : { not: 'this' };
        found.push(...problems(o, `mistyped ${name}`, await send(o, { ...r, body: { ...r.body, [name]: wrong } }), 400));
      }
    }
    expect(found).toEqual([]);
  });

  it('answers the errors only some operations give as documented: 402, 409, 413, 429', async () => {
    const found: string[] = [];
    const byId = (id: string) => operationsOf(doc).find((x) => x.op.operationId === id)!;
    const site = byId('createSite');
    const taken = (await svc.call('GET', `/sites/${a.site}`, { token: a.owner.token })).body.data.name;
    found.push(...problems(site, 'name in use', await send(site, { body: { name: taken } }), 409));
    found.push(...problems(site, 'body over the limit', await send(site, { body: { name: 'x'.repeat(svc.config.maxBodyBytes) } }), 413));
    const poor = await world('Conformance poor');
    await svc.deps.db.owner`update accounts set credits = 0 where id = ${poor.account}`;
    const start = byId('startAutoCluster');
    const refused = await send(start, { token: poor.owner.token, body: { keyword_ids: [poor.keyword] } });
    found.push(...problems(start, 'no credits', refused, 402));
    expect(refused.body).toMatchObject({ code: 'insufficient_credits', balance: 0, required: 1 });
    const connect = byId('connectWithCode');
    const unknownCode = { ...((await VALID.connectWithCode!(a)).body as object), code: 'no-such-code' };
    found.push(...problems(connect, 'unknown connect code', await send(connect, { token: null, body: unknownCode }), 401));
    const signIn = byId('signIn');
    const guessed = { token: null, body: { email: poor.owner.email, password: 'not the password' } };
    for (let i = 0; i < 10; i++) found.push(...problems(signIn, 'wrong password', await send(signIn, guessed), 401));
    const limited = await send(signIn, guessed);
    found.push(...problems(signIn, 'too many wrong passwords', limited, 429));
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(found).toEqual([]);
  });

  it('refuses query values outside their documented type or values with 400', async () => {
    const found: string[] = [];
    for (const o of operationsOf(doc)) {
      const r = await VALID[o.op.operationId]!(a);
      for (const p of (o.op.parameters ?? []).filter((x: any) => x.in === 'query')) {
        const s = p.schema ?? {};
        const wrong = s.enum ? 'maybe' : [s.type].flat().includes('integer') ? 'many' : s.format ? 'not-a-thing' : s.minLength ? '   ' : null;
        if (wrong === null) continue;
        found.push(...problems(o, `query ${p.name}=${JSON.stringify(wrong)}`, await send(o, { ...r, query: { ...r.query, [p.name]: wrong } }), 400));
      }
    }
    expect(found).toEqual([]);
  });
});
