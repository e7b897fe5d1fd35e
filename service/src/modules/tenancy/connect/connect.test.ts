import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite, grantSite, signup, upgradePlan, userWithRole, type Session } from '../../../../test/factories';
import { createTestService, type TestService } from '../../../../test/service';
import { signedCall, siteKeys } from '../../../../test/site-signer';
import { CONNECT_LIMITS } from './service';

let svc: TestService;
let owner: Session;

beforeAll(async () => {
  svc = await createTestService({ IGNY8_TRUST_PROXY: 'true' });
  owner = await signup(svc, 'Connect Co');
  await upgradePlan(svc, owner.accountId);
});
afterAll(() => svc?.close());

const newCode = async (siteId: string, token = owner.token) => svc.call('POST', `/sites/${siteId}/connect-codes`, { token });
const connectBody = (code: string, extra: Record<string, unknown> = {}) => ({
  code, public_key: siteKeys().publicKey, wp_url: 'https://blog.example.com/', wp_username: 'editor', wp_app_password: 'abcd efgh ijkl', ...extra,
});
/** Each test its own client address, so the per-address limit of one does not touch another. */
let addresses = 0;
const from = () => ({ 'x-forwarded-for': `198.51.100.${++addresses}` });

describe('connect codes', () => {
  it('are made by owners and admins, shown once, valid 15 minutes and stored only as a hash', async () => {
    const site = await createSite(svc, owner);
    const res = await newCode(site.id);
    expect(res.status).toBe(201);
    const { code, expires_at } = res.body.data;
    expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const minutes = (new Date(expires_at).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14.9);
    expect(minutes).toBeLessThanOrEqual(15);
    const stored = await svc.deps.db.owner`select code_hash from site_connect_codes where site_id = ${site.id}`;
    expect(stored).toHaveLength(1);
    expect(stored[0]!.code_hash).not.toContain(code);
    expect(JSON.stringify(stored)).not.toContain(code);
  });

  it('are refused to editors (403) and to other accounts (404)', async () => {
    const site = await createSite(svc, owner);
    const editor = await userWithRole(svc, owner.accountId, 'editor');
    await grantSite(svc, owner, site.id, editor.userId);
    expect((await newCode(site.id, editor.token)).status).toBe(403);
    const other = await signup(svc, 'Other Co');
    expect((await newCode(site.id, other.token)).status).toBe(404);
  });
});

describe('POST /connect', () => {
  it('registers the key and the WordPress credentials (encrypted, write-only) once per code', async () => {
    const site = await createSite(svc, owner);
    const { code } = (await newCode(site.id)).body.data;
    const body = connectBody(code);
    const res = await svc.call('POST', '/connect', { body, headers: from() });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ site_id: site.id, account_name: 'Connect Co', site_name: site.name });
    const [row] = await svc.deps.db.owner`select wp_public_key, wp_url, wp_username, wp_app_password_enc from sites where id = ${site.id}`;
    expect(row).toMatchObject({ wp_public_key: body.public_key, wp_url: 'https://blog.example.com', wp_username: 'editor' });
    expect(row!.wp_app_password_enc).not.toContain('abcd');
    const shown = (await svc.call('GET', `/sites/${site.id}`, { token: owner.token })).body.data;
    expect(shown).toMatchObject({ has_wp_app_password: true, wp_url: 'https://blog.example.com' });
    expect(shown.connected_at).not.toBeNull();
    expect(JSON.stringify(shown)).not.toContain('abcd');

    const again = await svc.call('POST', '/connect', { body: connectBody(code), headers: from() });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('invalid_credentials');
    // The first key stays.
    const [after] = await svc.deps.db.owner`select wp_public_key from sites where id = ${site.id}`;
    expect(after!.wp_public_key).toBe(body.public_key);
  });

  it('refuses unknown and expired codes with 401, and a code replaced by a newer one', async () => {
    const site = await createSite(svc, owner);
    const headers = from();
    expect((await svc.call('POST', '/connect', { body: connectBody('no-such-code'), headers })).status).toBe(401);
    const { code } = (await newCode(site.id)).body.data;
    await svc.deps.db.owner`update site_connect_codes set expires_at = now() - interval '1 second' where site_id = ${site.id}`;
    expect((await svc.call('POST', '/connect', { body: connectBody(code), headers })).status).toBe(401);
    const older = (await newCode(site.id)).body.data.code;
    const newer = (await newCode(site.id)).body.data.code;
    expect((await svc.call('POST', '/connect', { body: connectBody(older), headers })).status).toBe(401);
    expect((await svc.call('POST', '/connect', { body: connectBody(newer), headers })).status).toBe(200);
    const [row] = await svc.deps.db.owner`select wp_public_key from sites where id = ${site.id}`;
    expect(row!.wp_public_key).not.toBeNull();
  });

  it('refuses bad keys and half of the WordPress credentials with 400, without using the code', async () => {
    const site = await createSite(svc, owner);
    const { code } = (await newCode(site.id)).body.data;
    const headers = from();
    for (const bad of [{ public_key: 'short' }, { public_key: `${'A'.repeat(42)}B` }, { wp_url: 'ftp://example.com' }, { wp_app_password: undefined }]) {
      const res = await svc.call('POST', '/connect', { body: connectBody(code, bad), headers });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(Object.keys(res.body.errors)).toHaveLength(1);
    }
    expect((await svc.call('POST', '/connect', { body: connectBody(code), headers })).status).toBe(200);
  });

  it('limits failed attempts per client address with 429 and Retry-After, other addresses unaffected', async () => {
    const site = await createSite(svc, owner);
    const headers = from();
    for (let i = 0; i < CONNECT_LIMITS.perAddress; i++) {
      expect((await svc.call('POST', '/connect', { body: connectBody(`guess-${i}`), headers })).status).toBe(401);
    }
    const { code } = (await newCode(site.id)).body.data;
    const limited = await svc.call('POST', '/connect', { body: connectBody(code), headers });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The limit did not use the code: another address connects with it.
    expect((await svc.call('POST', '/connect', { body: connectBody(code), headers: from() })).status).toBe(200);
  });
});

describe('the WordPress address', () => {
  it('may not point at a private network unless the operator allows it', async () => {
    const strict = await createTestService({ IGNY8_ALLOW_PRIVATE_NETWORK: 'false' });
    try {
      const boss = await signup(strict, 'Strict Co');
      const site = await createSite(strict, boss);
      const { code } = (await strict.call('POST', `/sites/${site.id}/connect-codes`, { token: boss.token })).body.data;
      for (const wp_url of ['http://127.0.0.1', 'http://10.0.0.5', 'http://169.254.169.254']) {
        const res = await strict.call('POST', '/connect', { body: connectBody(code, { wp_url }) });
        expect(res.status, wp_url).toBe(400);
        expect(res.body.errors.wp_url[0]).toMatch(/address not allowed/i);
        const direct = await strict.call('POST', `/sites/${site.id}/connect`, { token: boss.token, body: { public_key: siteKeys().publicKey, wp_url } });
        expect(direct.status, wp_url).toBe(400);
      }
      // Refused addresses did not use the code.
      expect((await strict.call('POST', '/connect', { body: connectBody(code, { wp_url: 'https://93.184.215.14' }) })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});

describe('POST and DELETE /sites/{id}/connect', () => {
  it('connect without a code for owners and admins; disconnecting revokes the key and the app password', async () => {
    const site = await createSite(svc, owner);
    const keys = siteKeys();
    const editor = await userWithRole(svc, owner.accountId, 'editor');
    await grantSite(svc, owner, site.id, editor.userId);
    const body = { public_key: keys.publicKey, wp_url: 'https://wp.example.com', wp_username: 'bot', wp_app_password: 'xxxx yyyy' };
    expect((await svc.call('POST', `/sites/${site.id}/connect`, { token: editor.token, body })).status).toBe(403);
    const res = await svc.call('POST', `/sites/${site.id}/connect`, { token: owner.token, body });
    expect(res.status).toBe(200);
    expect(res.body.data.site_id).toBe(site.id);
    const signed = { id: site.id, privateKey: keys.privateKey };
    expect((await signedCall(svc, signed, 'GET', `/sites/${site.id}`)).status).toBe(200);

    expect((await svc.call('DELETE', `/sites/${site.id}/connect`, { token: editor.token })).status).toBe(403);
    expect((await svc.call('DELETE', `/sites/${site.id}/connect`, { token: owner.token })).status).toBe(200);
    const shown = (await svc.call('GET', `/sites/${site.id}`, { token: owner.token })).body.data;
    expect(shown).toMatchObject({ has_wp_app_password: false, connected_at: null });
    const refused = await signedCall(svc, signed, 'GET', `/sites/${site.id}`);
    expect(refused.status).toBe(401);
  });

  it('lets a site disconnect itself, but not connect, make codes or add sites', async () => {
    const site = await createSite(svc, owner);
    const signed = await (async () => {
      const keys = siteKeys();
      await svc.call('POST', `/sites/${site.id}/connect`, { token: owner.token, body: { public_key: keys.publicKey, wp_url: 'https://wp.example.com' } });
      return { id: site.id, privateKey: keys.privateKey };
    })();
    expect((await signedCall(svc, signed, 'POST', `/sites/${site.id}/connect-codes`)).status).toBe(403);
    const rekey = JSON.stringify({ public_key: siteKeys().publicKey, wp_url: 'https://wp.example.com' });
    expect((await signedCall(svc, signed, 'POST', `/sites/${site.id}/connect`, { body: rekey })).status).toBe(403);
    expect((await signedCall(svc, signed, 'POST', '/sites', { body: JSON.stringify({ name: 'Another' }) })).status).toBe(403);
    expect((await signedCall(svc, signed, 'DELETE', `/sites/${site.id}/connect`)).status).toBe(200);
    expect((await signedCall(svc, signed, 'GET', `/sites/${site.id}`)).status).toBe(401);
  });
});
