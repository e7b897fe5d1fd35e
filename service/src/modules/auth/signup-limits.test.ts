import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, signup, uniqueEmail } from '../../../test/factories';
import { createTestService, type TestService } from '../../../test/service';

// Each test starts a service with its own limits.
let svc: TestService;
afterEach(() => svc.close());

const signupFrom = (ip: string, email: string) =>
  svc.call('POST', '/auth/signup', { body: { email, password: PASSWORD, account_name: 'Acme' }, headers: { 'x-forwarded-for': ip } });
const usersWith = async (emails: string[]) =>
  (await svc.deps.db.owner`select count(*)::int as n from users where email = any(${emails})`)[0]!.n as number;

describe('sign-up limits', () => {
  it('limits sign-ups per address and in all, counting those refused for their email, and does not confirm an account', async () => {
    svc = await createTestService({ IGNY8_TRUST_PROXY: 'true', IGNY8_SIGNUPS_PER_ADDRESS: '3', IGNY8_SIGNUPS_PER_HOUR: '6' });
    const taken = uniqueEmail();
    expect((await signupFrom('203.0.113.1', taken)).status).toBe(201);
    const again = await signupFrom('203.0.113.1', taken.toUpperCase());
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'conflict', errors: { email: [expect.any(String)] } });
    expect(JSON.stringify(again.body)).not.toMatch(/exist|registered|already/i);
    expect((await signupFrom('203.0.113.1', uniqueEmail())).status).toBe(201);
    const limited = await signupFrom('203.0.113.1', uniqueEmail());
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3000);
    // Other addresses go on until the hour's total is reached, then everyone waits.
    expect((await signupFrom('203.0.113.2', uniqueEmail())).status).toBe(201);
    expect((await signupFrom('203.0.113.3', uniqueEmail())).status).toBe(201);
    expect((await signupFrom('203.0.113.3', uniqueEmail())).status).toBe(201);
    const email = uniqueEmail();
    expect((await signupFrom('203.0.113.4', email)).status).toBe(429);
    expect(await usersWith([email])).toBe(0);
  });

  it('turns sign-ups away with 503 when the password queue is full, leaving nothing behind; a taken email never waits in it', async () => {
    svc = await createTestService({ IGNY8_PASSWORD_COST: '14', IGNY8_PASSWORD_CONCURRENCY: '1', IGNY8_PASSWORD_QUEUE: '1' });
    const taken = (await signup(svc)).email;
    const fresh = Array.from({ length: 8 }, () => uniqueEmail());
    const [created, refused, signedIn] = await Promise.all([
      Promise.all(fresh.map((email) => signupFrom('unknown', email))),
      Promise.all(Array.from({ length: 20 }, () => signupFrom('unknown', taken))),
      // A sign-in is not turned away because sign-ups fill the queue: it goes before them.
      new Promise((r) => setTimeout(r, 50)).then(() => svc.call('POST', '/auth/signin', { body: { email: taken, password: PASSWORD } })),
    ]);
    expect(signedIn.status).toBe(200);
    expect(refused.map((r) => r.status)).toEqual(refused.map(() => 409));
    const busy = fresh.filter((_, i) => created[i]!.status === 503);
    const made = fresh.filter((_, i) => created[i]!.status === 201);
    expect(busy.length + made.length).toBe(fresh.length);
    expect(busy.length).toBeGreaterThan(0);
    expect(made.length).toBeGreaterThan(0);
    const turnedAway = created.find((r) => r.status === 503)!;
    expect(turnedAway.body.code).toBe('service_unavailable');
    expect(turnedAway.headers.get('retry-after')).toBe('1');
    expect(await usersWith(busy)).toBe(0);
    expect(await usersWith(made)).toBe(made.length);
  });
});

describe('password work when sign-ins alone fill the queue', () => {
  it('turns sign-ins away with 503 without counting them as failed guesses', async () => {
    svc = await createTestService({ IGNY8_PASSWORD_COST: '14', IGNY8_PASSWORD_CONCURRENCY: '1', IGNY8_PASSWORD_QUEUE: '1' });
    const emails = Array.from({ length: 10 }, () => uniqueEmail('nobody'));
    const answers = await Promise.all(emails.map((email) => svc.call('POST', '/auth/signin', { body: { email, password: 'not the password at all' } })));
    const busy = emails.filter((_, i) => answers[i]!.status === 503);
    const failed = emails.filter((_, i) => answers[i]!.status === 401);
    expect(busy.length + failed.length).toBe(emails.length);
    expect(busy.length).toBeGreaterThan(0);
    const counted = await svc.deps.db.owner`select email from signin_attempts where not succeeded`;
    expect(counted.map((r) => r.email).sort()).toEqual([...failed].sort());
  });
});

describe('password work under a sign-up flood', () => {
  it('answers a real sign-in within two seconds while many sign-ups hash their passwords', async () => {
    svc = await createTestService({ IGNY8_PASSWORD_COST: '14', IGNY8_PASSWORD_CONCURRENCY: '1' });
    const victim = await signup(svc);
    // 260 sign-ups at once, most of them for an email that is taken.
    const fresh = Array.from({ length: 60 }, () => uniqueEmail('flood'));
    const flood = Promise.all([
      ...fresh.map((email) => signupFrom('unknown', email)),
      ...Array.from({ length: 200 }, () => signupFrom('unknown', victim.email)),
    ]);
    // Sign in once the flood is hashing: its first account exists.
    while ((await usersWith(fresh)) < 1) await new Promise((r) => setTimeout(r, 20));
    const started = performance.now();
    const res = await svc.call('POST', '/auth/signin', { body: { email: victim.email, password: PASSWORD } });
    const elapsed = performance.now() - started;
    expect(res.status).toBe(200);
    expect(elapsed).toBeLessThan(2000);
    const statuses = (await flood).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(60);
    expect(statuses.filter((s) => s === 409)).toHaveLength(200);
  }, 60_000);
});
