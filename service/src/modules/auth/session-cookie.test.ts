import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signup, uniqueEmail } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService({ IGNY8_PUBLIC_URL: 'https://igny8.example.com' });
});
afterAll(() => svc.close());

const browser = { 'x-igny8-session': 'cookie', origin: 'https://igny8.example.com' };

/** The refresh cookie a response sets, with its attributes. */
function refreshCookie(res: { headers: Headers }) {
  const header = res.headers.getSetCookie().find((h) => h.startsWith('igny8_refresh='));
  if (!header) return undefined;
  const [pair, ...attrs] = header.split(';').map((p) => p.trim());
  return { value: pair!.slice('igny8_refresh='.length), attrs: attrs.map((a) => a.toLowerCase()) };
}

async function signInAsBrowser() {
  const s = await signup(svc);
  const res = await svc.call('POST', '/auth/signin', { body: { email: s.email, password: PASSWORD }, headers: browser });
  expect(res.status).toBe(200);
  return { res, cookie: refreshCookie(res)! };
}

describe('refresh token in a cookie', () => {
  it('sets an httpOnly, SameSite=Strict, Secure cookie scoped to the auth routes and leaves it out of the body', async () => {
    const { res, cookie } = await signInAsBrowser();
    expect(res.body.data.refresh).toBe('');
    expect(res.body.data.access).toBeTruthy();
    expect(cookie.value.length).toBeGreaterThan(20);
    expect(cookie.attrs).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'secure', 'path=/api/v1/auth', 'max-age=604800']));
    // The page's hint that a session exists holds no secret.
    const hint = res.headers.getSetCookie().find((h) => h.startsWith('igny8_session='));
    expect(hint).toMatch(/^igny8_session=1;/);
    expect(hint!.toLowerCase()).not.toContain('httponly');
  });

  it('does the same on sign-up', async () => {
    const res = await svc.call('POST', '/auth/signup', {
      body: { email: uniqueEmail(), password: PASSWORD, account_name: 'Cookie Co' },
      headers: browser,
    });
    expect(res.status).toBe(201);
    expect(res.body.data.refresh).toBe('');
    expect(refreshCookie(res)?.value).toBeTruthy();
  });

  it('keeps the JSON contract for scripts: no cookie, the refresh token in the body', async () => {
    const s = await signup(svc);
    const res = await svc.call('POST', '/auth/signin', { body: { email: s.email, password: PASSWORD } });
    expect(res.body.data.refresh).toBeTruthy();
    expect(refreshCookie(res)).toBeUndefined();
    const refreshed = await svc.call('POST', '/auth/refresh', { body: { refresh: res.body.data.refresh } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.data.refresh).toBeTruthy();
  });

  it('refreshes from the cookie, rotating it, and refuses the old one afterwards', async () => {
    const { cookie } = await signInAsBrowser();
    const first = await svc.call('POST', '/auth/refresh', { body: {}, headers: { ...browser, cookie: `igny8_refresh=${cookie.value}` } });
    expect(first.status).toBe(200);
    expect(first.body.data.refresh).toBe('');
    const me = await svc.call('GET', '/auth/me', { token: first.body.data.access });
    expect(me.status).toBe(200);
    const rotated = refreshCookie(first)!;
    expect(rotated.value).not.toBe(cookie.value);

    const reused = await svc.call('POST', '/auth/refresh', { body: {}, headers: { ...browser, cookie: `igny8_refresh=${cookie.value}` } });
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('invalid_token');
    // The refused cookie is cleared, so the browser does not keep a dead session.
    expect(refreshCookie(reused)).toMatchObject({ value: '' });
    expect(refreshCookie(reused)!.attrs).toContain('max-age=0');
  });

  it('refuses a cookie sent without the CSRF header, as a cross-site form would send it', async () => {
    const { cookie } = await signInAsBrowser();
    const res = await svc.call('POST', '/auth/refresh', { body: {}, headers: { cookie: `igny8_refresh=${cookie.value}` } });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ success: false, code: 'forbidden' });
    // The cookie was not spent: the dashboard itself can still use it.
    const ok = await svc.call('POST', '/auth/refresh', { body: {}, headers: { ...browser, cookie: `igny8_refresh=${cookie.value}` } });
    expect(ok.status).toBe(200);
  });

  it('refuses a cookie-mode request from another origin or a cross-site fetch', async () => {
    const { cookie } = await signInAsBrowser();
    const headers = { cookie: `igny8_refresh=${cookie.value}`, 'x-igny8-session': 'cookie' };
    const evil = await svc.call('POST', '/auth/refresh', { body: {}, headers: { ...headers, origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    const crossSite = await svc.call('POST', '/auth/refresh', { body: {}, headers: { ...headers, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const s = await signup(svc);
    const signin = await svc.call('POST', '/auth/signin', {
      body: { email: s.email, password: PASSWORD },
      headers: { 'x-igny8-session': 'cookie', origin: 'https://evil.example' },
    });
    expect(signin.status).toBe(403);
    expect(refreshCookie(signin)).toBeUndefined();
  });

  it('accepts the origin the request was addressed to (a service reached by another name)', async () => {
    const { cookie } = await signInAsBrowser();
    const res = await svc.call('POST', '/auth/refresh', {
      body: {},
      headers: { cookie: `igny8_refresh=${cookie.value}`, 'x-igny8-session': 'cookie', origin: 'http://10.0.0.5:8011', host: '10.0.0.5:8011' },
    });
    expect(res.status).toBe(200);
  });

  it('answers 400 in the contract’s words when neither a token nor a cookie is sent', async () => {
    const res = await svc.call('POST', '/auth/refresh', { body: {}, headers: browser });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_input', errors: { refresh: expect.any(Array) } });
  });

  it('signs out: ends the session and clears the cookie, even with an access token that no longer works', async () => {
    const { res, cookie } = await signInAsBrowser();
    const out = await svc.call('POST', '/auth/signout', { token: res.body.data.access, headers: { ...browser, cookie: `igny8_refresh=${cookie.value}` } });
    expect(out.status).toBe(200);
    expect(refreshCookie(out)!.attrs).toContain('max-age=0');
    const after = await svc.call('POST', '/auth/refresh', { body: {}, headers: { ...browser, cookie: `igny8_refresh=${cookie.value}` } });
    expect(after.status).toBe(401);
    const again = await svc.call('POST', '/auth/signout', { token: 'expired', headers: browser });
    expect(again.status).toBe(401);
    expect(refreshCookie(again)!.attrs).toContain('max-age=0');
  });
});
