import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeProvider, type FakeProvider } from '../../../test/fake-provider';
import { signup, userWithRole, type Session } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';
import { startTarpit, type Tarpit } from '../../../test/tarpit';
import { ProviderError } from '../../providers/types';
import { accountProviders } from '../ai/providers';

// Where an account may point its providers, and what it learns when it points them somewhere
// else: the service refuses private addresses (unless the operator allows them), says what
// failed without quoting the answer, and never carries the stored key to a new URL.

const OWN_KEY = 'sk-proj-OWNKEY0123456789abcdefWXYZ';
const OTHER_KEY = 'sk-proj-THEIRKEY0123456789abcdefQRST';
const ENV_KEY = 'sk-env-OPERATORKEY9876543210zyxw';
const SECRET = 'INTERNAL-SECRET-4f1c';

let open: TestService; // the test harness default: private networks allowed, short deadlines
let closed: TestService; // private networks refused, as in production
let fake: FakeProvider;
let theirs: FakeProvider;
let probe: { server: Server; port: number; connections: () => number };
let tarpit: Tarpit;

async function startProbe(): Promise<typeof probe> {
  let connections = 0;
  const server = createServer((req, res) => {
    const status = req.url?.includes('/missing/') ? 404 : 200;
    res.writeHead(status, { 'content-type': status === 404 ? 'application/json' : 'text/html' });
    res.end(status === 404 ? JSON.stringify({ error: { message: SECRET } }) : `<html>${SECRET}</html>`);
  });
  server.on('connection', () => connections++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, connections: () => connections };
}

beforeAll(async () => {
  [fake, theirs, probe] = await Promise.all([startFakeProvider(), startFakeProvider(), startProbe()]);
  tarpit = await startTarpit();
  open = await createTestService({ IGNY8_AI_CONNECT_TIMEOUT_MS: '1500', IGNY8_AI_FIRST_BYTE_TIMEOUT_MS: '1500' });
  closed = await createTestService({ IGNY8_ALLOW_PRIVATE_NETWORK: 'false', OPENAI_API_KEY: ENV_KEY, OPENAI_BASE_URL: fake.openaiBaseUrl });
});
afterAll(async () => {
  await Promise.all([open?.close(), closed?.close(), fake?.close(), theirs?.close()]);
  probe?.server.close();
  await tarpit?.close();
});

const put = (svc: TestService, s: Session, type: string, body: unknown) => svc.call('PUT', `/system/integrations/${type}`, { token: s.token, body });
const test = (svc: TestService, s: Session, type = 'openai') => svc.call('POST', `/system/integrations/${type}/test`, { token: s.token });
/** Stores a base URL as it is, past the check on saving: a name that resolved elsewhere then, say. */
const storeUrl = (svc: TestService, accountId: string, url: string) =>
  svc.deps.db.owner`update integration_settings set settings = settings || ${svc.deps.db.owner.json({ base_url: url })} where account_id = ${accountId} and type = 'openai'`;

describe('changing the base URL', () => {
  it('drops the stored key, so a test call carries no key to the new server', async () => {
    const owner = await signup(open);
    await put(open, owner, 'openai', { api_key: OWN_KEY, base_url: fake.openaiBaseUrl });
    const admin = await userWithRole(open, owner.accountId, 'admin');
    const moved = await put(open, admin, 'openai', { base_url: theirs.openaiBaseUrl });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ base_url: theirs.openaiBaseUrl, has_api_key: false, api_key: null, sources: { api_key: 'none' } });
    expect((await open.call('GET', '/system/integrations/openai', { token: owner.token })).body.data.has_api_key).toBe(false);
    const [row] = await open.deps.db.owner`select secret_enc from integration_settings where account_id = ${owner.accountId} and type = 'openai'`;
    expect(row!.secret_enc).toBeNull();

    const res = await test(open, admin);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ api_key: ['Not set.'] });
    expect(theirs.requests).toHaveLength(0);
  });

  it('keeps a key sent with the new URL, and the key when the URL stays the same', async () => {
    const owner = await signup(open);
    await put(open, owner, 'openai', { api_key: OWN_KEY, base_url: fake.openaiBaseUrl });
    const same = await put(open, owner, 'openai', { base_url: `${fake.openaiBaseUrl}/`, text_model: 'gpt-4.1-mini' });
    expect(same.body.data).toMatchObject({ has_api_key: true, api_key: 'sk-...WXYZ' });

    const both = await put(open, owner, 'openai', { base_url: theirs.openaiBaseUrl, api_key: OTHER_KEY });
    expect(both.body.data).toMatchObject({ has_api_key: true, api_key: 'sk-...QRST' });
    expect((await test(open, owner)).status).toBe(200);
    expect(theirs.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${OTHER_KEY}`]);

    // Back to the built-in URL is a change of URL too.
    const back = await put(open, owner, 'openai', { base_url: null });
    expect(back.body.data).toMatchObject({ has_api_key: false, base_url: 'https://api.openai.com/v1' });
  });

  it('drops the Runware key the same way', async () => {
    const owner = await signup(open);
    await put(open, owner, 'runware', { api_key: OWN_KEY });
    const moved = await put(open, owner, 'runware', { base_url: theirs.runwareUrl });
    expect(moved.body.data).toMatchObject({ has_api_key: false, api_key: null });
  });
});

describe('private addresses when the operator keeps them closed', () => {
  it('refuses a base URL that is or resolves to a private address when it is saved', async () => {
    const s = await signup(closed);
    const p = probe.port;
    const urls = [
      `http://127.0.0.1:${p}/v1`, `http://0x7f000001:${p}/v1`, `http://2130706433:${p}/v1`, `http://127.1:${p}/v1`, `http://[::1]:${p}/v1`,
      `http://[::ffff:127.0.0.1]:${p}/v1`, `http://localhost:${p}/v1`, 'http://10.0.0.5/v1', 'http://192.168.1.10:11434/v1',
      'http://169.254.169.254/latest/meta-data', 'http://100.64.0.1/v1', 'http://0.0.0.0/v1',
    ];
    for (const url of urls) {
      for (const type of ['openai', 'runware']) {
        const res = await put(closed, s, type, { base_url: url });
        expect(res.status, url).toBe(400);
        expect(res.body.error, url).toMatch(/^The base URL cannot be used: address not allowed: /);
        expect(res.body.errors.base_url[0], url).toMatch(/^Address not allowed: /);
      }
    }
    const nowhere = await put(closed, s, 'openai', { base_url: 'https://nowhere.invalid/v1' });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.errors).toEqual({ base_url: ['The host nowhere.invalid does not resolve.'] });
    expect(await closed.deps.db.owner`select 1 from integration_settings where account_id = ${s.accountId}`).toHaveLength(0);
    expect(probe.connections()).toBe(0);
  });

  it('refuses the connection itself, whatever URL was stored, and says why without reaching the server', async () => {
    const s = await signup(closed);
    await put(closed, s, 'openai', { api_key: OWN_KEY });
    const p = probe.port;
    for (const url of [`http://127.0.0.1:${p}/v1`, `http://localhost:${p}/v1`, `http://0x7f000001:${p}/v1`, `http://127.1:${p}/v1`, `http://[::1]:${p}/v1`, `http://2130706433:${p}/v1`]) {
      await storeUrl(closed, s.accountId, url);
      const res = await test(closed, s);
      expect(res.status, url).toBe(400);
      expect(res.body.error, url).toMatch(/: address not allowed: loopback$/);
      expect(res.body.errors, url).toEqual({ base_url: ['The service may not connect to this address.'] });
    }
    expect(probe.connections()).toBe(0);
  });

  it('refuses it in AI runs too: the engine builds its providers the way the test does', async () => {
    const s = await signup(closed);
    await put(closed, s, 'openai', { api_key: OWN_KEY });
    await storeUrl(closed, s.accountId, `http://localhost:${probe.port}/v1`);
    const { text } = await accountProviders(closed.deps)(s.accountId);
    const err = await text!.embed(['trail shoes']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'not_allowed', retryable: false });
    expect(probe.connections()).toBe(0);
  });

  it("trusts the operator's own OPENAI_BASE_URL", async () => {
    const s = await signup(closed);
    const res = await test(closed, s);
    expect(res.status).toBe(200);
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`Bearer ${ENV_KEY}`);
  });
});

describe('what a failed test says', () => {
  async function testAt(url: string) {
    const s = await signup(open);
    await put(open, s, 'openai', { api_key: OWN_KEY, base_url: url });
    const started = performance.now();
    const res = await test(open, s);
    expect(res.status, url).toBe(400);
    // The contract's error format and nothing else.
    expect(['code', 'error', 'errors', 'request_id', 'success']).toEqual(expect.arrayContaining(Object.keys(res.body)));
    expect(res.body).toMatchObject({ success: false, code: 'invalid_input' });
    expect(res.text, url).not.toContain(SECRET);
    expect(res.text).not.toContain(OWN_KEY);
    return { error: res.body.error as string, ms: performance.now() - started };
  }

  it('names the HTTP status, never the body of the answer', async () => {
    expect((await testAt(`http://127.0.0.1:${probe.port}/missing/v1`)).error).toMatch(/: HTTP 404 from the provider \(check the base URL and the model name\)$/);
    expect((await testAt(`http://127.0.0.1:${probe.port}/page/v1`)).error).toMatch(/: the answer is empty/);
  });

  it('says the connection was refused', async () => {
    const free = createTcpServer().listen(0, '127.0.0.1');
    await once(free, 'listening');
    const port = (free.address() as AddressInfo).port;
    await new Promise((resolve) => free.close(resolve));
    expect((await testAt(`http://127.0.0.1:${port}/v1`)).error).toMatch(/: connection refused$/);
  });

  it('gives up on a server that accepts and never answers at the first-byte deadline, long before the time limit', async () => {
    const { error, ms } = await testAt(`http://127.0.0.1:${tarpit.port}/v1`);
    expect(error).toMatch(/: timed out waiting for the answer$/);
    // The deadline is 1.5 s here; the test's own limit is 15 s.
    expect(ms).toBeLessThan(8_000);
  });

  it('declares each status it answers in the OpenAPI document', async () => {
    const doc = (await open.call('GET', '/api/v1/openapi.json')).body;
    for (const type of ['openai', 'runware']) {
      const responses = doc.paths[`/api/v1/system/integrations/${type}/test`].post.responses;
      for (const status of ['200', '400', '401', '403']) expect(Object.keys(responses), `${type} ${status}`).toContain(status);
      const invalid = doc.components.responses[String(responses['400'].$ref).split('/').pop()!];
      expect(invalid.content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
    }
  });
});
