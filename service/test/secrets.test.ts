import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../src/app';
import { createLogger } from '../src/logger';
import { WP_PASSWORD_PURPOSE } from '../src/modules/tenancy/service';
import { createSite, PASSWORD, signup, upgradePlan, userWithRole, type Session } from './factories';
import { createTestService, type TestService } from './service';

/**
 * A site's WordPress application password is write-only: stored encrypted, never in an answer,
 * never in the logs (which run at debug level here, the most talkative a deployment can be).
 */

const FIRST = 'abcd EFGH ijkl MNOP qrst UVWX';
const SECOND = 'zyxw VUTS rqpo NMLK jihg FEDC';

let svc: TestService;
let owner: Session;
const logLines: string[] = [];

beforeAll(async () => {
  svc = await createTestService({ LOG_LEVEL: 'debug' }, { logger: (level) => createLogger(level, { write: (line: string) => void logLines.push(line) }) });
  owner = await signup(svc, 'Secrets');
  await upgradePlan(svc, owner.accountId);
});
afterAll(() => svc.close());

async function storedPassword(siteId: string): Promise<string | null> {
  const [row] = await svc.deps.db.owner`select wp_app_password_enc from sites where id = ${siteId}`;
  return row!.wp_app_password_enc as string | null;
}

describe('WordPress application passwords', () => {
  let siteId: string;
  const answers: string[] = [];
  const ciphertexts: string[] = [];

  it('stores the password encrypted, bound to its column', async () => {
    const created = await svc.call('POST', '/sites', {
      token: owner.token,
      body: { name: 'Blog', wp_url: 'https://blog.example.com/', wp_username: 'editor', wp_app_password: FIRST },
    });
    expect(created.status).toBe(201);
    answers.push(created.text);
    siteId = created.body.data.id;
    expect(created.body.data).toMatchObject({ has_wp_app_password: true, wp_url: 'https://blog.example.com', wp_username: 'editor' });
    const stored = await storedPassword(siteId);
    ciphertexts.push(stored!);
    expect(stored).not.toBe(FIRST);
    expect(stored).not.toContain(FIRST.slice(0, 9));
    expect(svc.deps.secrets.decrypt(stored!, WP_PASSWORD_PURPOSE)).toBe(FIRST);
    expect(() => svc.deps.secrets.decrypt(stored!, 'another column')).toThrow();
    // The same password encrypts differently each time.
    expect(svc.deps.secrets.encrypt(FIRST, WP_PASSWORD_PURPOSE)).not.toBe(stored);
  });

  it('replaces, keeps and clears it through PATCH', async () => {
    const renamed = await svc.call('PATCH', `/sites/${siteId}`, { token: owner.token, body: { name: 'Blog renamed' } });
    answers.push(renamed.text);
    expect(await storedPassword(siteId)).toBe(ciphertexts[0]);

    const replaced = await svc.call('PATCH', `/sites/${siteId}`, { token: owner.token, body: { wp_app_password: SECOND } });
    expect(replaced.status).toBe(200);
    answers.push(replaced.text);
    const stored = await storedPassword(siteId);
    ciphertexts.push(stored!);
    expect(svc.deps.secrets.decrypt(stored!, WP_PASSWORD_PURPOSE)).toBe(SECOND);

    const other = await createSite(svc, owner, { name: 'Cleared', wp_app_password: FIRST });
    answers.push(JSON.stringify(other));
    const cleared = await svc.call('PATCH', `/sites/${other.id}`, { token: owner.token, body: { wp_app_password: null } });
    expect(cleared.status).toBe(200);
    answers.push(cleared.text);
    expect(cleared.body.data.has_wp_app_password).toBe(false);
    expect(await storedPassword(other.id)).toBeNull();
  });

  it('never returns it, nor its ciphertext, from any endpoint or to any role', async () => {
    const readers = [owner, await userWithRole(svc, owner.accountId, 'admin'), await userWithRole(svc, owner.accountId, 'developer')];
    const gets = new Set<string>();
    for (const r of svc.app.routes) {
      // The OpenAPI document names the field (as a request field); server-sent events never end.
      if (r.method !== 'GET' || !r.path.startsWith(`${API_PREFIX}/`) || /\/(events|openapi\.json)$/.test(r.path)) continue;
      const path = r.path.replace(/:id\b/g, siteId);
      if (!/:[A-Za-z_]/.test(path)) gets.add(path);
    }
    expect(gets).toContain(`${API_PREFIX}/sites/${siteId}`);
    for (const reader of readers) {
      for (const path of gets) answers.push((await svc.call('GET', path, { token: reader.token })).text);
    }
    // Invalid writes echo nothing of the value either.
    answers.push((await svc.call('PATCH', `/sites/${siteId}`, { token: owner.token, body: { wp_app_password: SECOND, wp_url: 'not a url' } })).text);
    answers.push((await svc.call('PATCH', `/sites/${siteId}`, { token: owner.token, body: { wp_app_password: `${SECOND}${'x'.repeat(200)}` } })).text);
    for (const text of answers) {
      for (const secret of [FIRST, SECOND, ...ciphertexts]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/wp_app_password_enc|"wp_app_password":"/);
    }
  });

  it('never writes it, passwords or tokens to the logs', async () => {
    // Something went through the logger, so an empty log does not pass for a clean one.
    expect(logLines.some((l) => l.includes('"msg":"request"'))).toBe(true);
    const log = logLines.join('');
    for (const secret of [FIRST, SECOND, ...ciphertexts, PASSWORD, owner.token, owner.refresh]) expect(log).not.toContain(secret);
  });

  it('redacts secrets that code hands to the logger by mistake', () => {
    const before = logLines.length;
    svc.deps.logger.info({ wp_app_password: FIRST, site: { wp_app_password: SECOND }, password: PASSWORD, headers: { authorization: `Bearer ${owner.token}` } }, 'careless');
    const line = logLines.slice(before).join('');
    expect(line).toContain('careless');
    for (const secret of [FIRST, SECOND, PASSWORD, owner.token]) expect(line).not.toContain(secret);
  });
});
