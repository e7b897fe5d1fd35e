import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signup, uniqueEmail, userWithRole } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';

let svc: TestService;
beforeAll(async () => {
  svc = await createTestService();
});
afterAll(() => svc.close());

const signupWith = (password: string, extra: Record<string, string> = {}) =>
  svc.call('POST', '/auth/signup', { body: { email: uniqueEmail(), password, account_name: 'Acme', ...extra } });

describe('new passwords', () => {
  it('refuses common passwords and their usual variations at sign-up, with a field error on password', async () => {
    for (const password of ['password12', 'qwertyuiop1', 'P@ssw0rd2024', 'iloveyou2024', 'sunshine123', '1q2w3e4r5t6y', 'abcdefghijk']) {
      const res = await signupWith(password);
      expect(res.status, password).toBe(400);
      expect(res.body.code, password).toBe('invalid_input');
      expect(Object.keys(res.body.errors), password).toEqual(['password']);
      expect(res.body.errors.password[0], password).toMatch(/\w/);
    }
    const [row] = await svc.deps.db.owner`select count(*)::int as n from users`;
    expect(row!.n).toBe(0);
  });

  it('refuses a password made of the account’s own words', async () => {
    const res = await signupWith('greenbakery2024', { account_name: 'Green Bakery' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveProperty('password');
    expect((await signupWith('Greenbakery!24', { account_name: 'Green Bakery' })).status).toBe(400);
    expect((await signupWith('igny8igny8!')).status).toBe(400);
  });

  it('accepts passphrases and random passwords up to the longest allowed', async () => {
    for (const password of [PASSWORD, 'zq8#kL2mvP', 'Tr0ub4dor&3x', randomBytes(192).toString('base64url')]) {
      expect((await signupWith(password)).status, password).toBe(201);
    }
  });

  it('refuses a weak password for a new user and for a password change, and keeps the user’s sessions', async () => {
    const owner = await signup(svc);
    const created = await svc.call('POST', '/users', { token: owner.token, body: { email: uniqueEmail(), role: 'editor', password: 'qwertyuiop1' } });
    expect(created.status).toBe(400);
    expect(created.body.errors).toHaveProperty('password');
    const editor = await userWithRole(svc, owner.accountId, 'editor');
    const changed = await svc.call('PATCH', `/users/${editor.userId}`, { token: owner.token, body: { password: 'password12' } });
    expect(changed.status).toBe(400);
    expect(changed.body.errors).toHaveProperty('password');
    expect((await svc.call('GET', '/auth/me', { token: editor.token })).status).toBe(200);
    expect((await svc.call('POST', '/auth/signin', { body: { email: editor.email, password: PASSWORD } })).status).toBe(200);
  });
});
