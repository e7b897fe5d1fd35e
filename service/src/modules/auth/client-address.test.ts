import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signup } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';
import { SIGNIN_LIMITS } from './limits';

/** The address the service recorded for a sign-in sent with this X-Forwarded-For. */
async function recordedAddress(svc: TestService, forwardedFor: string): Promise<string> {
  const s = await signup(svc);
  const res = await svc.call('POST', '/auth/signin', { body: { email: s.email, password: PASSWORD }, headers: { 'x-forwarded-for': forwardedFor } });
  expect(res.status).toBe(200);
  const [row] = await svc.deps.db.owner`select ip from auth_sessions where user_id = ${s.userId} order by created_at desc limit 1`;
  return row!.ip as string;
}

describe('client address behind one trusted proxy', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await createTestService({ IGNY8_TRUST_PROXY: 'true' });
  });
  afterAll(() => svc.close());

  it('takes the entry the proxy appended, not what the client wrote before it', async () => {
    expect(await recordedAddress(svc, '203.0.113.7')).toBe('203.0.113.7');
    expect(await recordedAddress(svc, '1.2.3.4, 203.0.113.7')).toBe('203.0.113.7');
    expect(await recordedAddress(svc, '10.9.8.7,1.1.1.1 , 2001:db8::5')).toBe('2001:db8::5');
    // Garbage where the proxy writes means no usable header: the connection's own address counts.
    expect(await recordedAddress(svc, '203.0.113.7, not-an-address')).toBe('unknown');
  });

  it('cannot be dodged by forging a new left-most address for every guess', async () => {
    const victim = await signup(svc);
    const statuses: number[] = [];
    for (let i = 0; i <= SIGNIN_LIMITS.perPair; i++) {
      const res = await svc.call('POST', '/auth/signin', {
        body: { email: victim.email, password: 'not the password at all' },
        headers: { 'x-forwarded-for': `100.64.0.${i + 1}, 198.51.100.200` },
      });
      statuses.push(res.status);
    }
    expect(statuses.at(-1)).toBe(429);
    const rows = await svc.deps.db.owner`select distinct ip from signin_attempts where email = ${victim.email}`;
    expect(rows).toEqual([{ ip: '198.51.100.200' }]);
  });
});

describe('client address behind two trusted proxies', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await createTestService({ IGNY8_TRUST_PROXY: 'true', IGNY8_TRUSTED_PROXIES: '2' });
  });
  afterAll(() => svc.close());

  it('takes the second entry from the right, whatever the client prepended', async () => {
    expect(await recordedAddress(svc, '203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
    expect(await recordedAddress(svc, '6.6.6.6, 7.7.7.7, 203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
    // Only the outer proxy's entry: it is the client.
    expect(await recordedAddress(svc, '203.0.113.9')).toBe('203.0.113.9');
  });
});

describe('client address without a trusted proxy', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await createTestService();
  });
  afterAll(() => svc.close());

  it('ignores X-Forwarded-For', async () => {
    expect(await recordedAddress(svc, '203.0.113.7')).toBe('unknown');
  });
});
