import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GLOBAL } from '../../db/client';
import { startFakeProvider, INVALID_API_KEY, type FakeProvider } from '../../../test/fake-provider';
import { signup, userWithRole, type Session } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';
import { BUILT_IN } from './defaults';
import { apiKeyPurpose, getIntegrationSettings } from './service';

const OWN_KEY = 'sk-proj-OWNKEY0123456789abcdefWXYZ';
const ENV_KEY = 'sk-env-OPERATORKEY9876543210zyxw';

let svc: TestService;
let fake: FakeProvider;
/** Every response body of the file, to prove no key ever leaves the service. */
const bodies: string[] = [];

async function call(method: string, path: string, s: Session | null, body?: unknown) {
  const res = await svc.call(method, path, { ...(s ? { token: s.token } : {}), ...(body === undefined ? {} : { body }) });
  bodies.push(res.text);
  return res;
}

const settingsOf = (accountId: string, type: 'openai' | 'runware', svcToUse = svc) =>
  svcToUse.deps.db.run({ kind: 'account', accountId, siteIds: null, readOnly: false }, (tx) => getIntegrationSettings(tx, svcToUse.deps, type));

beforeAll(async () => {
  fake = await startFakeProvider();
  svc = await createTestService();
});
afterAll(async () => {
  for (const text of bodies) {
    expect(text).not.toContain(OWN_KEY);
    expect(text).not.toContain(ENV_KEY);
  }
  await svc.close();
  await fake.close();
});

describe('GET/PUT /system/integrations/{type}', () => {
  it('shows built-in defaults and no key before anything is configured', async () => {
    const s = await signup(svc);
    const res = await call('GET', '/system/integrations/openai', s);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      type: 'openai', api_key: null, has_api_key: false, is_enabled: true, updated_at: null,
      ...BUILT_IN.openai,
      sources: { api_key: 'none', base_url: 'default', text_model: 'default', embedding_model: 'default', image_model: 'default' },
    });
    const runware = await call('GET', '/system/integrations/runware', s);
    expect(runware.body.data).toMatchObject({ type: 'runware', model: 'runware:100@1', has_api_key: false });
    expect(await settingsOf(s.accountId, 'openai')).toBeNull();
    expect((await call('GET', '/system/integrations/anthropic', s)).status).toBe(404);
  });

  it('stores the key encrypted, masks it on read, keeps it when omitted and removes it on null', async () => {
    const s = await signup(svc);
    const put = await call('PUT', '/system/integrations/openai', s, { api_key: OWN_KEY, text_model: 'gpt-4.1-mini', base_url: `${fake.openaiBaseUrl}/` });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({
      api_key: 'sk-...WXYZ', has_api_key: true, text_model: 'gpt-4.1-mini', base_url: fake.openaiBaseUrl, embedding_model: 'text-embedding-3-small',
      sources: { api_key: 'account', text_model: 'account', base_url: 'account', embedding_model: 'default' },
    });

    const [row] = await svc.deps.db.owner`select settings, secret_enc from integration_settings where account_id = ${s.accountId} and type = 'openai'`;
    expect(JSON.stringify(row)).not.toContain(OWN_KEY);
    expect(row!.settings).toEqual({ text_model: 'gpt-4.1-mini', base_url: fake.openaiBaseUrl });
    expect(svc.deps.secrets.decrypt(row!.secret_enc, apiKeyPurpose('openai'))).toBe(OWN_KEY);
    expect(() => svc.deps.secrets.decrypt(row!.secret_enc, apiKeyPurpose('runware'))).toThrow();

    expect(await settingsOf(s.accountId, 'openai')).toEqual({
      type: 'openai', apiKey: OWN_KEY, baseUrl: fake.openaiBaseUrl, accountUrl: true, textModel: 'gpt-4.1-mini', embeddingModel: 'text-embedding-3-small', imageModel: 'gpt-image-1',
    });

    // Omitted: kept. Null on a model: back to the default.
    const kept = await call('PUT', '/system/integrations/openai', s, { text_model: null, image_model: 'dall-e-3' });
    expect(kept.body.data).toMatchObject({ has_api_key: true, api_key: 'sk-...WXYZ', text_model: 'gpt-4o-mini', image_model: 'dall-e-3' });
    expect((await settingsOf(s.accountId, 'openai'))?.apiKey).toBe(OWN_KEY);

    const cleared = await call('PUT', '/system/integrations/openai', s, { api_key: null });
    expect(cleared.body.data).toMatchObject({ has_api_key: false, api_key: null, image_model: 'dall-e-3' });
    const [after] = await svc.deps.db.owner`select secret_enc from integration_settings where account_id = ${s.accountId} and type = 'openai'`;
    expect(after!.secret_enc).toBeNull();
    expect(await settingsOf(s.accountId, 'openai')).toBeNull();
  });

  it('rejects a bad URL, an empty model, a key with spaces and unknown fields', async () => {
    const s = await signup(svc);
    const cases: [string, Record<string, unknown>, string][] = [
      ['openai', { base_url: 'ftp://files.example.com' }, 'base_url'],
      ['openai', { base_url: 'not a url' }, 'base_url'],
      ['openai', { text_model: '   ' }, 'text_model'],
      ['openai', { api_key: 'sk with spaces' }, 'api_key'],
      ['openai', { model: 'runware:100@1' }, 'model'],
      ['runware', { model: '' }, 'model'],
      ['runware', { text_model: 'gpt-4o-mini' }, 'text_model'],
      ['runware', { is_enabled: 'yes' }, 'is_enabled'],
    ];
    for (const [type, body, field] of cases) {
      const res = await call('PUT', `/system/integrations/${type}`, s, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('invalid_input');
      expect(Object.keys(res.body.errors), JSON.stringify(body)).toContain(field);
    }
    const rows = await svc.deps.db.owner`select 1 from integration_settings where account_id = ${s.accountId}`;
    expect(rows).toHaveLength(0);
  });

  it("keeps one account's settings away from another", async () => {
    const a = await signup(svc);
    const b = await signup(svc);
    await call('PUT', '/system/integrations/runware', a, { api_key: OWN_KEY, model: 'runware:101@1' });
    const seen = await call('GET', '/system/integrations/runware', b);
    expect(seen.body.data).toMatchObject({ has_api_key: false, api_key: null, model: 'runware:100@1' });
    await call('PUT', '/system/integrations/runware', b, { api_key: null, model: 'civitai:1@1' });
    expect((await settingsOf(a.accountId, 'runware'))).toMatchObject({ apiKey: OWN_KEY, model: 'runware:101@1' });
    expect(await settingsOf(b.accountId, 'runware')).toBeNull();
  });

  it('lets every role read, but only owners and admins change or test', async () => {
    const owner = await signup(svc);
    await call('PUT', '/system/integrations/openai', owner, { api_key: OWN_KEY });
    for (const role of ['editor', 'viewer'] as const) {
      const s = await userWithRole(svc, owner.accountId, role);
      const read = await call('GET', '/system/integrations/openai', s);
      expect(read.status, role).toBe(200);
      expect(read.body.data.api_key).toBe('sk-...WXYZ');
      expect((await call('PUT', '/system/integrations/openai', s, { text_model: 'x' })).status, role).toBe(403);
      expect((await call('POST', '/system/integrations/openai/test', s)).status, role).toBe(403);
    }
    const admin = await userWithRole(svc, owner.accountId, 'admin');
    expect((await call('PUT', '/system/integrations/openai', admin, { text_model: 'gpt-4.1' })).status).toBe(200);
    expect((await call('GET', '/system/integrations/openai', null)).status).toBe(401);
  });

  it('hands the engine nothing while the integration is switched off', async () => {
    const s = await signup(svc);
    await call('PUT', '/system/integrations/openai', s, { api_key: OWN_KEY, is_enabled: false });
    expect((await call('GET', '/system/integrations/openai', s)).body.data).toMatchObject({ is_enabled: false, has_api_key: true });
    expect(await settingsOf(s.accountId, 'openai')).toBeNull();
    const test = await call('POST', '/system/integrations/openai/test', s);
    expect(test.status).toBe(400);
    expect(test.body.error).toMatch(/switched off/);
    await call('PUT', '/system/integrations/openai', s, { is_enabled: true });
    expect((await settingsOf(s.accountId, 'openai'))?.apiKey).toBe(OWN_KEY);
  });
});

describe('environment defaults of a single-tenant install', () => {
  let env: TestService;
  beforeAll(async () => {
    env = await createTestService({ OPENAI_API_KEY: ENV_KEY, OPENAI_BASE_URL: fake.openaiBaseUrl });
  });
  afterAll(() => env.close());

  it("uses the environment's key and URL, without showing any part of the key", async () => {
    const s = await signup(env);
    const res = await env.call('GET', '/system/integrations/openai', { token: s.token });
    bodies.push(res.text);
    expect(res.body.data).toMatchObject({
      api_key: null, has_api_key: true, base_url: fake.openaiBaseUrl,
      sources: { api_key: 'environment', base_url: 'environment', text_model: 'default' },
    });
    expect(res.text).not.toContain(ENV_KEY.slice(-4));
    expect(await settingsOf(s.accountId, 'openai', env)).toMatchObject({ apiKey: ENV_KEY, baseUrl: fake.openaiBaseUrl });
    const test = await env.call('POST', '/system/integrations/openai/test', { token: s.token });
    bodies.push(test.text);
    expect(test.status).toBe(200);
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${ENV_KEY}`);
  });

  it("never sends the operator's key to a URL an account chose, and lets the account's own key win", async () => {
    const s = await signup(env);
    const moved = await env.call('PUT', '/system/integrations/openai', { token: s.token, body: { base_url: 'https://gateway.example.com/v1' } });
    bodies.push(moved.text);
    expect(moved.body.data).toMatchObject({ has_api_key: false, sources: { api_key: 'none', base_url: 'account' } });
    expect(await settingsOf(s.accountId, 'openai', env)).toBeNull();

    const own = await env.call('PUT', '/system/integrations/openai', { token: s.token, body: { base_url: null, api_key: OWN_KEY } });
    bodies.push(own.text);
    expect(own.body.data).toMatchObject({ api_key: 'sk-...WXYZ', sources: { api_key: 'account', base_url: 'environment' } });
    expect((await settingsOf(s.accountId, 'openai', env))?.apiKey).toBe(OWN_KEY);
  });

  it('needs an account for the engine lookup', async () => {
    await expect(env.deps.db.run(GLOBAL, (tx) => getIntegrationSettings(tx, env.deps, 'openai'))).rejects.toThrow(/no account/);
  });
});

describe('POST /system/integrations/{type}/test', () => {
  it('makes one real call through the provider and reports the model and latency', async () => {
    const s = await signup(svc);
    await call('PUT', '/system/integrations/openai', s, { api_key: OWN_KEY, base_url: fake.openaiBaseUrl, text_model: 'gpt-4.1-nano' });
    const before = fake.requests.length;
    const res = await call('POST', '/system/integrations/openai/test', s);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ ok: true, model: 'gpt-4.1-nano', latency_ms: expect.any(Number) });
    const sent = fake.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ path: '/v1/chat/completions', body: { model: 'gpt-4.1-nano' } });
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${OWN_KEY}`);
  });

  it('answers a refused key with a 400 in the error format that says what failed, never what the server answered', async () => {
    const s = await signup(svc);
    await call('PUT', '/system/integrations/openai', s, { api_key: INVALID_API_KEY, base_url: fake.openaiBaseUrl });
    const res = await call('POST', '/system/integrations/openai/test', s);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body).sort()).toEqual(['code', 'error', 'errors', 'request_id', 'success']);
    expect(res.body).toMatchObject({ success: false, code: 'invalid_input', errors: { api_key: ['The provider refused the key.'] } });
    expect(res.body.error).toBe(
      `The openai connection test with model gpt-4o-mini failed: chat completion at ${new URL(fake.openaiBaseUrl).host}: HTTP 401 from the provider (the API key was refused)`,
    );
    expect(res.text).not.toContain('Incorrect API key provided');
    expect(res.text).not.toContain(INVALID_API_KEY);
  });

  it('reports a provider outage once, without retrying', async () => {
    const s = await signup(svc);
    await call('PUT', '/system/integrations/openai', s, { api_key: OWN_KEY, base_url: fake.openaiBaseUrl });
    fake.fault({ kind: '500', path: 'chat', times: 3 });
    const before = fake.requests.length;
    const res = await call('POST', '/system/integrations/openai/test', s);
    fake.clearFaults();
    expect(res.status).toBe(400);
    expect(Object.keys(res.body).sort()).toEqual(['code', 'error', 'request_id', 'success']);
    expect(res.body.error).toMatch(/: HTTP 500 from the provider \(server error\)$/);
    expect(res.text).not.toMatch(/server had an error/);
    expect(fake.requests.length - before).toBe(1);
  });

  it('says so when there is no key to test', async () => {
    const s = await signup(svc);
    const res = await call('POST', '/system/integrations/openai/test', s);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ api_key: ['Not set.'] });
  });

  it('tests Runware with one small image', async () => {
    const s = await signup(svc);
    await call('PUT', '/system/integrations/runware', s, { api_key: OWN_KEY, base_url: fake.runwareUrl });
    const before = fake.requests.length;
    const res = await call('POST', '/system/integrations/runware/test', s);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ ok: true, model: 'runware:100@1' });
    const task = fake.requests.slice(before).find((r) => r.path === '/runware/v1')?.body[0];
    expect(task).toMatchObject({ taskType: 'imageInference', width: 128, height: 128, model: 'runware:100@1' });

    await call('PUT', '/system/integrations/runware', s, { api_key: INVALID_API_KEY });
    const refused = await call('POST', '/system/integrations/runware/test', s);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/: HTTP 401 from the provider \(the API key was refused\)$/);
    expect(refused.text).not.toContain('Invalid API key');
  });
});
