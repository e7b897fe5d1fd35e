import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { signup, upgradePlan, type Session } from './factories';
import { listen } from './http-server';
import { createTestService, type TestService } from './service';

/** HTTP details seen over a real socket, as clients see them. */

const MAX_BODY = 64 * 1024;
let svc: TestService;
let server: Awaited<ReturnType<typeof listen>>;
let base: string;
let owner: Session;

beforeAll(async () => {
  svc = await createTestService({ IGNY8_MAX_BODY_BYTES: String(MAX_BODY), IGNY8_PUBLIC_URL: 'https://api.example.com/igny8/' });
  owner = await signup(svc);
  await upgradePlan(svc, owner.accountId);
  server = await listen(svc);
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  await svc.close();
});

/** A raw request, so that the Host header can be anything. */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d) => (text += d)).on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject).end();
  });
}

describe('over a real socket', () => {
  // A refused body's unread rest makes the connection unusable; unless the answer says it closes,
  // a client reuses it and fails ("other side closed"), sometimes before even reading the 413.
  it('answers 1 and 8 MB bodies with 413 and Connection: close, and the same client carries on', async () => {
    for (const size of [1, 8, 1, 8, 1, 8, 1, 8]) {
      const big = JSON.stringify({ name: 'x'.repeat(size * 1024 * 1024) });
      const res = await fetch(`${base}/api/v1/sites`, { method: 'POST', headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' }, body: big });
      expect(res.status).toBe(413);
      expect(res.headers.get('connection')).toBe('close');
      expect(await res.json()).toMatchObject({ success: false, code: 'payload_too_large' });
      const next = await fetch(`${base}/api/v1/sites`, { headers: { authorization: `Bearer ${owner.token}` } });
      expect(next.status).toBe(200);
      await next.arrayBuffer();
    }
  });

  it('builds pagination links from the configured public URL, not from a forged Host header', async () => {
    for (let i = 0; i < 3; i++) await svc.call('POST', '/sites', { token: owner.token, body: { name: `Paged ${i}` } });
    const res = await rawGet('/api/v1/sites?page_size=1&page=2', { host: 'evil.example', authorization: `Bearer ${owner.token}` });
    expect(res.status).toBe(200);
    expect(res.body.next).toBe('https://api.example.com/igny8/api/v1/sites?page_size=1&page=3');
    expect(res.body.previous).toBe('https://api.example.com/igny8/api/v1/sites?page_size=1&page=1');
    expect(JSON.stringify(res.body)).not.toContain('evil.example');
  });
});

describe('headers', () => {
  it('tells browsers not to sniff, refer or store on every answer, errors included', async () => {
    const answers = [
      await svc.call('GET', '/sites', { token: owner.token }),
      await svc.call('GET', '/sites'),
      await svc.call('GET', '/no-such-thing', { token: owner.token }),
      await svc.call('POST', '/sites', { token: owner.token, body: '{' }),
      await svc.call('GET', '/health'),
    ];
    for (const res of answers) {
      expect(res.headers.get('x-content-type-options'), res.text).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers a method the path does not have with 405 and the methods it has', async () => {
    const collection = await svc.call('PUT', '/sites', { token: owner.token, body: { name: 'x' } });
    expect(collection.status).toBe(405);
    expect(collection.body).toMatchObject({ success: false, code: 'method_not_allowed', request_id: expect.any(String) });
    expect(collection.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    const item = await svc.call('POST', `/sites/${randomUUID()}`, { token: owner.token, body: {} });
    expect(item.status).toBe(405);
    expect(item.headers.get('allow')?.split(', ').sort()).toEqual(['DELETE', 'GET', 'HEAD', 'PATCH']);
    const me = await svc.call('DELETE', '/auth/me', { token: owner.token });
    expect(me.status).toBe(405);
    expect(me.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'HEAD']);
    // A path that does not exist is still a 404, whatever the method.
    expect((await svc.call('PUT', '/no-such-thing', { token: owner.token, body: {} })).status).toBe(404);
  });
});

describe('CORS', () => {
  const DASHBOARD = 'https://dash.example.com';
  const appWith = (origins: string) => createApp({ ...svc.deps, config: { ...svc.config, corsOrigins: loadConfig({ IGNY8_CORS_ORIGINS: origins }).corsOrigins } });

  it('lets the configured origins call the API from a browser, and no other', async () => {
    const app = appWith(`${DASHBOARD}, http://localhost:5173`);
    const preflight = await app.request('/api/v1/sites', { method: 'OPTIONS', headers: { origin: DASHBOARD, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PATCH');
    const get = await app.request('/api/v1/sites', { headers: { origin: DASHBOARD, authorization: `Bearer ${owner.token}` } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBe(DASHBOARD);
    expect(get.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
    const other = await app.request('/api/v1/sites', { headers: { origin: 'https://evil.example', authorization: `Bearer ${owner.token}` } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows no origin by default', async () => {
    const get = await svc.app.request('/api/v1/sites', { headers: { origin: DASHBOARD, authorization: `Bearer ${owner.token}` } });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses to start with an entry that is not an origin', () => {
    for (const bad of ['dash.example.com', 'https://dash.example.com/app', 'ftp://dash.example.com']) {
      expect(() => loadConfig({ IGNY8_CORS_ORIGINS: bad }), bad).toThrow(/IGNY8_CORS_ORIGINS/);
    }
    expect(loadConfig({ IGNY8_CORS_ORIGINS: ' https://a.example.com ,https://b.example.com:8443' }).corsOrigins).toEqual(['https://a.example.com', 'https://b.example.com:8443']);
  });
});
