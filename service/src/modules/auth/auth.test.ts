import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signup, uniqueEmail } from '../../../test/factories';
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
