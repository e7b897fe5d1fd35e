import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signin, signup, uniqueEmail, userWithRole, type Session } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

describe('signup', () => {
  it('creates an account on the default plan with its credits, an owner and a ledger entry', async () => {
    const email = uniqueEmail();
    const res = await svc.call('POST', '/auth/signup', { body: { email: email.toUpperCase(), password: PASSWORD, account_name: 'Acme' } });
    expect(res.status).toBe(201);
    expect(res.body.success).toBe(true);
    expect(res.body.data.user).toMatchObject({ email, role: 'owner' });
    expect(res.body.data.account).toMatchObject({ name: 'Acme', status: 'active', credits: 100, plan: { slug: 'free' } });
    expect(res.body.data.user).not.toHaveProperty('password_hash');
    const ledger = await svc.deps.db.owner`select amount, balance_after, kind from credit_transactions where account_id = ${res.body.data.account.id}`;
    expect(ledger).toEqual([{ amount: 100, balance_after: 100, kind: 'grant' }]);
    const subs = await svc.deps.db.owner`select status from subscriptions where account_id = ${res.body.data.account.id}`;
    expect(subs).toHaveLength(1);
  });

  it('refuses a second account with the same email, whatever the case', async () => {
    const s = await signup(svc);
    const res = await svc.call('POST', '/auth/signup', { body: { email: s.email.toUpperCase(), password: PASSWORD, account_name: 'Again' } });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ success: false, code: 'conflict', errors: { email: expect.any(Array) } });
  });

  it('rejects invalid emails and weak passwords with field errors', async () => {
    const res = await svc.call('POST', '/auth/signup', { body: { email: 'not-an-email', password: 'short', account_name: '' } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_input');
    expect(Object.keys(res.body.errors).sort()).toEqual(['account_name', 'email', 'password']);
    const common = await svc.call('POST', '/auth/signup', { body: { email: uniqueEmail(), password: 'password123', account_name: 'A' } });
    expect(common.status).toBe(400);
    expect(common.body.errors.password[0]).toMatch(/common/);
  });
});

describe('signin, me, refresh, signout', () => {
  it('signs in and reads me with the access token', async () => {
    const s = await signup(svc, 'Beta');
    const signin = await svc.call('POST', '/auth/signin', { body: { email: s.email, password: PASSWORD } });
    expect(signin.status).toBe(200);
    const me = await svc.call('GET', '/auth/me', { token: signin.body.data.access });
    expect(me.status).toBe(200);
    expect(me.body.data.account.name).toBe('Beta');
    expect(me.headers.get('x-request-id')).toBe(me.body.request_id);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const s = await signup(svc);
    const wrong = await svc.call('POST', '/auth/signin', { body: { email: s.email, password: 'wrong password here' } });
    const unknown = await svc.call('POST', '/auth/signin', { body: { email: uniqueEmail(), password: 'wrong password here' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toBe(unknown.body.error);
  });

  it('rotates refresh tokens and revokes the family when one is reused', async () => {
    const s = await signup(svc);
    const first = await svc.call('POST', '/auth/refresh', { body: { refresh: s.refresh } });
    expect(first.status).toBe(200);
    const second = await svc.call('POST', '/auth/refresh', { body: { refresh: first.body.data.refresh } });
    expect(second.status).toBe(200);
    // The first refresh token again: a copy is in use, so the whole session ends.
    const reuse = await svc.call('POST', '/auth/refresh', { body: { refresh: s.refresh } });
    expect(reuse.status).toBe(401);
    const afterReuse = await svc.call('POST', '/auth/refresh', { body: { refresh: second.body.data.refresh } });
    expect(afterReuse.status).toBe(401);
    const me = await svc.call('GET', '/auth/me', { token: second.body.data.access });
    expect(me.status).toBe(401);
  });

  it('ends the session on signout', async () => {
    const s = await signup(svc);
    expect((await svc.call('POST', '/auth/signout', { token: s.token })).status).toBe(200);
    expect((await svc.call('GET', '/auth/me', { token: s.token })).status).toBe(401);
    expect((await svc.call('POST', '/auth/refresh', { body: { refresh: s.refresh } })).status).toBe(401);
  });
});

/** The key the service signs with: generated into the test's data folder (no JWT_SECRET is set). */
function signingKey(): Uint8Array {
  return Buffer.from(readFileSync(join(svc.config.dataDir, 'jwt.key'), 'utf8').trim(), 'base64url');
}

/** An access token as the service would sign it, with the given lifetime (negative: already expired). */
async function accessToken(s: Session, role: string, lifetimeSeconds: number, key = signingKey()) {
  const now = Math.floor(Date.now() / 1000);
  const [row] = await svc.deps.db.owner`select id from auth_sessions where user_id = ${s.userId} and revoked_at is null limit 1`;
  return new SignJWT({ typ: 'access', acc: s.accountId, role, sid: row!.id })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(s.userId)
    .setIssuer('igny8')
    .setIssuedAt(now - 3600)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(key);
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const me = (token: string) => svc.call('GET', '/auth/me', { token });

describe('access tokens', () => {
  it('accepts a token signed with the service key, and refuses it once expired', async () => {
    const s = await signup(svc);
    expect((await me(await accessToken(s, 'owner', 600))).status).toBe(200);
    const expired = await me(await accessToken(s, 'owner', -60));
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ success: false, code: 'token_expired', request_id: expect.any(String) });
  });

  it('refuses tampered tokens: a flipped signature byte, a changed claim, another key, no algorithm', async () => {
    const s = await signup(svc);
    const [header, payload, signature] = s.token.split('.') as [string, string, string];
    const sig = Buffer.from(signature, 'base64url');
    sig[0] = sig[0]! ^ 0x01;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = [
      `${header}.${payload}.${sig.toString('base64url')}`,
      `${header}.${b64({ ...claims, role: 'developer' })}.${signature}`,
      `${header}.${b64({ ...claims, exp: claims.exp + 86_400 })}.${signature}`,
      await accessToken(s, 'owner', 600, new Uint8Array(32).fill(7)),
      `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      `${b64({ alg: 'HS512' })}.${payload}.${signature}`,
      'not-a-jwt',
    ];
    for (const token of forged) {
      const res = await me(token);
      expect(res.status, token).toBe(401);
      expect(res.body.code, token).toBe('invalid_token');
    }
    expect((await me(s.token)).status).toBe(200);
  });

  it('refuses a refresh token used as an access token, and an access token used as a refresh token', async () => {
    const s = await signup(svc);
    const asAccess = await me(s.refresh);
    expect(asAccess.status).toBe(401);
    expect(asAccess.body.code).toBe('invalid_token');
    const asRefresh = await svc.call('POST', '/auth/refresh', { body: { refresh: s.token } });
    expect(asRefresh.status).toBe(401);
    expect(asRefresh.body.code).toBe('invalid_token');
    // Neither mistake ended the session.
    expect((await svc.call('POST', '/auth/refresh', { body: { refresh: s.refresh } })).status).toBe(200);
  });

  it('answers a missing or malformed Authorization header with 401 not_authenticated', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer' }] as Record<string, string>[]) {
      const res = await svc.call('GET', '/auth/me', { headers });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('not_authenticated');
    }
  });
});

describe('sessions', () => {
  it('revokes only the family of a reused refresh token, not the user’s other sessions', async () => {
    const s = await signup(svc);
    const other = await signin(svc, s.email);
    const rotated = await svc.call('POST', '/auth/refresh', { body: { refresh: s.refresh } });
    expect(rotated.status).toBe(200);
    const reused = await svc.call('POST', '/auth/refresh', { body: { refresh: s.refresh } });
    expect(reused.status).toBe(401);
    expect((await me(rotated.body.data.access)).status).toBe(401);
    expect((await me(other.token)).status).toBe(200);
    expect((await svc.call('POST', '/auth/refresh', { body: { refresh: other.refresh } })).status).toBe(200);
    const [row] = await svc.deps.db.owner`select revoked_reason from auth_sessions where user_id = ${s.userId} and revoked_at is not null`;
    expect(row!.revoked_reason).toMatch(/reused/);
  });

  it('hands out one new pair when the same refresh token is presented twice at once', async () => {
    const s = await signup(svc);
    const both = await Promise.all([0, 1].map(() => svc.call('POST', '/auth/refresh', { body: { refresh: s.refresh } })));
    expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('signs out this session only, or every session with {"everywhere": true}', async () => {
    const s = await signup(svc);
    const second = await signin(svc, s.email);
    const third = await signin(svc, s.email);
    expect((await svc.call('POST', '/auth/signout', { token: second.token, body: {} })).status).toBe(200);
    expect((await me(second.token)).status).toBe(401);
    expect((await me(s.token)).status).toBe(200);
    const everywhere = await svc.call('POST', '/auth/signout', { token: third.token, body: { everywhere: true } });
    expect(everywhere.status).toBe(200);
    for (const session of [s, second, third]) {
      expect((await me(session.token)).status).toBe(401);
      expect((await svc.call('POST', '/auth/refresh', { body: { refresh: session.refresh } })).status).toBe(401);
    }
    expect((await signin(svc, s.email)).token).toBeTruthy();
  });

  it('stops a deactivated user’s tokens at once, and their sign-ins', async () => {
    const owner = await signup(svc);
    const editor = await userWithRole(svc, owner.accountId, 'editor');
    expect((await me(editor.token)).status).toBe(200);
    const off = await svc.call('PATCH', `/users/${editor.userId}`, { token: owner.token, body: { is_active: false } });
    expect(off.status).toBe(200);
    expect((await me(editor.token)).status).toBe(401);
    expect((await svc.call('GET', '/sites', { token: editor.token })).status).toBe(401);
    expect((await svc.call('POST', '/auth/refresh', { body: { refresh: editor.refresh } })).status).toBe(401);
    const again = await svc.call('POST', '/auth/signin', { body: { email: editor.email, password: PASSWORD } });
    expect(again.status).toBe(401);
    // A deactivated user's token keeps failing even if an access token is re-signed for a live session.
    await svc.deps.db.owner`update auth_sessions set revoked_at = null where user_id = ${editor.userId}`;
    expect((await me(editor.token)).status).toBe(401);
  });

  it('ends a user’s sessions when their role or password changes', async () => {
    const owner = await signup(svc);
    const editor = await userWithRole(svc, owner.accountId, 'editor');
    const res = await svc.call('PATCH', `/users/${editor.userId}`, { token: owner.token, body: { role: 'viewer' } });
    expect(res.status).toBe(200);
    expect((await me(editor.token)).status).toBe(401);
    expect((await svc.call('POST', '/auth/refresh', { body: { refresh: editor.refresh } })).status).toBe(401);
    const fresh = await signin(svc, editor.email);
    expect((await me(fresh.token)).body.data.user.role).toBe('viewer');
    // A rename keeps the session.
    expect((await svc.call('PATCH', `/users/${editor.userId}`, { token: owner.token, body: { name: 'Vera' } })).status).toBe(200);
    expect((await me(fresh.token)).status).toBe(200);
    const newPassword = 'an entirely new passphrase';
    expect((await svc.call('PATCH', `/users/${editor.userId}`, { token: owner.token, body: { password: newPassword } })).status).toBe(200);
    expect((await me(fresh.token)).status).toBe(401);
    expect((await svc.call('POST', '/auth/signin', { body: { email: editor.email, password: PASSWORD } })).status).toBe(401);
    expect((await signin(svc, editor.email, newPassword)).token).toBeTruthy();
  });

  it('lets the users of a suspended account read who they are, and nothing else', async () => {
    const s = await signup(svc);
    await svc.deps.db.owner`update accounts set status = 'suspended' where id = ${s.accountId}`;
    expect((await me(s.token)).status).toBe(200);
    expect((await svc.call('GET', '/account', { token: s.token })).status).toBe(200);
    const sites = await svc.call('GET', '/sites', { token: s.token });
    expect(sites.status).toBe(403);
    expect(sites.body.code).toBe('account_inactive');
    expect((await svc.call('POST', '/sites', { token: s.token, body: { name: 'x' } })).status).toBe(403);
  });

  it('lets the users of a suspended account sign out', async () => {
    const s = await signup(svc);
    const other = await signin(svc, s.email);
    await svc.deps.db.owner`update accounts set status = 'suspended' where id = ${s.accountId}`;
    const out = await svc.call('POST', '/auth/signout', { token: s.token });
    expect(out.status).toBe(200);
    expect((await me(s.token)).status).toBe(401);
    expect((await svc.call('POST', '/auth/refresh', { body: { refresh: s.refresh } })).status).toBe(401);
    const everywhere = await svc.call('POST', '/auth/signout', { token: other.token, body: { everywhere: true } });
    expect(everywhere.status).toBe(200);
    expect((await me(other.token)).status).toBe(401);
  });
});
