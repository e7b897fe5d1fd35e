import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, signup, uniqueEmail } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';
import { SIGNIN_LIMITS } from './limits';

let svc: TestService;
beforeAll(async () => {
  // Behind one proxy, so that each test can speak from addresses of its own.
  svc = await createTestService({ IGNY8_TRUST_PROXY: 'true' });
});
afterAll(() => svc.close());

/** A documentation address (TEST-NET-2) that no other test of this file uses. */
let addresses = 0;
const newAddress = () => `198.51.${100 + Math.floor(addresses / 250)}.${(addresses++ % 250) + 1}`;
const signinFrom = (ip: string, email: string, password: string) =>
  svc.call('POST', '/auth/signin', { body: { email, password }, headers: { 'x-forwarded-for': ip } });
const WRONG = 'not the password at all';

describe('failed sign-ins per email and address', () => {
  it('answers the 11th failure of one email from one address with 429 and Retry-After; other emails from there are not held up', async () => {
    const victim = await signup(svc);
    const bystander = await signup(svc);
    const ip = newAddress();
    // Old failures from the same address must not shorten the victim's wait.
    await svc.deps.db.owner`
      insert into signin_attempts (email, ip, succeeded, created_at)
      values (${uniqueEmail('old')}, ${ip}, false, now() - interval '14 minutes')`;
    for (let i = 0; i < SIGNIN_LIMITS.perPair; i++) {
      expect((await signinFrom(ip, victim.email, WRONG)).status, `attempt ${i + 1}`).toBe(401);
    }
    const limited = await signinFrom(ip, victim.email, WRONG);
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ success: false, code: 'rate_limited', request_id: expect.any(String) });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(SIGNIN_LIMITS.windowSeconds - 120);
    expect(retryAfter).toBeLessThanOrEqual(SIGNIN_LIMITS.windowSeconds);
    // Even the right password waits there, whatever the casing of the email.
    expect((await signinFrom(ip, victim.email.toUpperCase(), PASSWORD)).status).toBe(429);
    expect((await signinFrom(ip, bystander.email, WRONG)).status).toBe(401);
    expect((await signinFrom(ip, bystander.email, PASSWORD)).status).toBe(200);
    // The window passes: the attempts age out and the right password works again.
    await svc.deps.db.owner`update signin_attempts set created_at = created_at - interval '16 minutes' where email = ${victim.email}`;
    expect((await signinFrom(ip, victim.email, PASSWORD)).status).toBe(200);
  });

  it('does not lock the user out from elsewhere: guessing from one address leaves every other address alone', async () => {
    const victim = await signup(svc);
    const attacker = newAddress();
    const guesses = await Promise.all(Array.from({ length: 40 }, (_, i) => signinFrom(attacker, victim.email, `guess number ${i}`)));
    expect(guesses.filter((r) => r.status === 429)).toHaveLength(40 - SIGNIN_LIMITS.perPair);
    expect((await signinFrom(attacker, victim.email, PASSWORD)).status).toBe(429);
    const home = await signinFrom(newAddress(), victim.email, PASSWORD);
    expect(home.status).toBe(200);
    expect(home.body.data.user.email).toBe(victim.email);
  });

  it('counts guesses sent in parallel from one address one after another', async () => {
    const victim = await signup(svc);
    const ip = newAddress();
    const guesses = await Promise.all(
      Array.from({ length: 3 * SIGNIN_LIMITS.perPair }, (_, i) => signinFrom(ip, victim.email, `guess number ${i}`)),
    );
    const statuses = guesses.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(SIGNIN_LIMITS.perPair);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * SIGNIN_LIMITS.perPair);
    const [row] = await svc.deps.db.owner`select count(*)::int as n from signin_attempts where email = ${victim.email} and not succeeded`;
    expect(row!.n).toBe(SIGNIN_LIMITS.perPair);
  });

  it('makes one address spraying many emails wait twice as long after each failure', async () => {
    const ip = newAddress();
    const emails = Array.from({ length: SIGNIN_LIMITS.perAddressFree }, () => uniqueEmail('sprayed'));
    for (const email of emails) expect((await signinFrom(ip, email, WRONG)).status).toBe(401);
    const waits: number[] = [];
    for (let k = 0; k < 4; k++) {
      const held = await signinFrom(ip, uniqueEmail('sprayed'), WRONG);
      expect(held.status).toBe(429);
      waits.push(Number(held.headers.get('retry-after')));
      // The address waits it out: its failures move back in time by the wait asked for.
      await svc.deps.db.owner`update signin_attempts set created_at = created_at - make_interval(secs => ${waits[k]!}) where ip = ${ip}`;
      expect((await signinFrom(ip, uniqueEmail('sprayed'), WRONG)).status).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    // Another address is not slowed down by it.
    expect((await signinFrom(newAddress(), uniqueEmail('sprayed'), WRONG)).status).toBe(401);
  });

  it('slows guessing spread over many addresses with a per-email ceiling, which spares addresses the user signed in from', async () => {
    const victim = await signup(svc);
    const known = newAddress();
    expect((await signinFrom(known, victim.email, PASSWORD)).status).toBe(200);
    const spread = Array.from({ length: SIGNIN_LIMITS.perEmail }, (_, i) => `192.0.2.${i % 250}`);
    await svc.deps.db.owner`
      insert into signin_attempts (email, ip, succeeded)
      select ${victim.email}, unnest(${spread}::text[]), false`;
    const fresh = await signinFrom(newAddress(), victim.email, PASSWORD);
    expect(fresh.status).toBe(429);
    expect(Number(fresh.headers.get('retry-after'))).toBeGreaterThan(SIGNIN_LIMITS.windowSeconds - 120);
    expect((await signinFrom(known, victim.email, PASSWORD)).status).toBe(200);
  });

  it('records a successful sign-in as one, not as a failure', async () => {
    const s = await signup(svc);
    expect((await signinFrom(newAddress(), s.email, PASSWORD)).status).toBe(200);
    const rows = await svc.deps.db.owner`select succeeded from signin_attempts where email = ${s.email}`;
    expect(rows).toEqual([{ succeeded: true }]);
  });
});
