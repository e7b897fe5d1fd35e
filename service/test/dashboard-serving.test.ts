import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { createTestService, type TestService } from './service';

let svc: TestService;
let dir: string;
let app: ReturnType<typeof createApp>;
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(5000))});`;

beforeAll(async () => {
  svc = await createTestService();
  dir = mkdtempSync(join(tmpdir(), 'igny8-dashboard-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(tmpdir(), 'igny8-secret.txt'), 'not for the web');
  app = createApp(svc.deps, { dashboardDir: dir });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await svc.close();
});

describe('the dashboard at /', () => {
  it('answers / and every client-side route with index.html, never cached, under a strict CSP', async () => {
    for (const path of ['/', '/sites', '/users/123/edit', '/index.html']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await res.text()).toBe(INDEX);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves hashed assets with a year-long immutable cache, gzipped when the browser takes it', async () => {
    const res = await app.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.length).toBeLessThan(SCRIPT.length);
    expect(gunzipSync(body).toString()).toBe(SCRIPT);
    const plain = await app.request('/assets/index-abc123.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(SCRIPT);
    expect((await app.request('/favicon.svg')).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('answers a missing asset, a file outside the folder and a malformed path with 404, not the page', async () => {
    for (const path of ['/assets/missing-1.js', '/assets/..%2F..%2Figny8-secret.txt', '/assets/%E0%A4%A', '/robots.txt']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe('not_found');
    }
  });

  it('keeps JSON 404s under /api and leaves other methods to the API', async () => {
    const api = await app.request('/api/v1/nothing-here');
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ success: false, code: 'not_found' });
    expect((await app.request('/api')).status).toBe(404);
    const post = await app.request('/sites', { method: 'POST' });
    expect(post.status).toBe(404);
    expect(post.headers.get('content-type')).toMatch(/json/);
    expect((await app.request('/health')).status).toBe(200);
  });

  it('answers JSON 404 at / when the dashboard was not built', async () => {
    const bare = createApp(svc.deps, { dashboardDir: join(dir, 'nowhere') });
    const res = await bare.request('/');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('not_found');
  });
});
