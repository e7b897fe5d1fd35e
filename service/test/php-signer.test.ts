import { spawnSync } from 'node:child_process';
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSector, createSite, signup, type Session } from './factories';
import { createTestService, type TestService } from './service';

/**
 * The WordPress plugin's signer (wp-plugin/includes/class-signer.php) against the service's
 * verifier, with a fixed test key. CI installs php-cli; without it this suite is skipped.
 */

const HARNESS = fileURLToPath(new URL('../../wp-plugin/tests/php/sign-request.php', import.meta.url));
const hasPhp = spawnSync('php', ['-r', 'exit(function_exists("sodium_crypto_sign_detached") ? 0 : 1);']).status === 0;
/** A fixed Ed25519 seed: bytes 0 to 31. */
const SEED = Buffer.from(Array.from({ length: 32 }, (_, i) => i));

type Signed = { public_key: string; authorization: string };

function phpSign(r: { siteId: string; method: string; target: string; body?: string; bodyFile?: string; wpRole?: string }): Signed {
  const input = {
    seed: SEED.toString('base64url'), site_id: r.siteId, method: r.method, target: r.target, wp_user_id: 7, wp_role: r.wpRole ?? 'administrator',
    ...(r.bodyFile ? { body_file: r.bodyFile } : { body: r.body ?? '' }),
  };
  const out = spawnSync('php', [HARNESS], { input: JSON.stringify(input), encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`php failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as Signed;
}

let svc: TestService;
let owner: Session;
let siteId: string;
let sectorId: string;
let dir: string;

// php-cli with sodium is a prerequisite of the tests, as for the WordPress suite (.ci/run installs it).
describe('the plugin’s PHP signer', () => {
  it('has php-cli with sodium to run', () => {
    expect(hasPhp, 'install php-cli (sodium is built in): the tests sign requests with the plugin\'s own PHP').toBe(true);
  });

  beforeAll(async () => {
    svc = await createTestService();
    owner = await signup(svc, 'PHP Co');
    siteId = (await createSite(svc, owner)).id;
    sectorId = (await createSector(svc, owner, siteId)).id;
    dir = mkdtempSync(join(tmpdir(), 'igny8-php-'));
  });
  afterAll(async () => {
    await svc?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('derives the public key of the fixed seed as Node does, and the service accepts it', async () => {
    const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), SEED]);
    const expected = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'jwk' }).x;
    const { public_key } = phpSign({ siteId, method: 'GET', target: '/' });
    expect(public_key).toBe(expected);
    const res = await svc.call('POST', `/sites/${siteId}/connect`, { token: owner.token, body: { public_key, wp_url: 'https://wp.example.com' } });
    expect(res.status).toBe(200);
  });

  it('signs requests the service accepts, and a tampered one is refused', async () => {
    const target = `/api/v1/sites/${siteId}`;
    const get = phpSign({ siteId, method: 'GET', target });
    const ok = await svc.call('GET', target, { headers: { authorization: get.authorization } });
    expect(ok.status).toBe(200);
    expect(ok.body.data.id).toBe(siteId);
    // The same signature again, or on another path, is refused.
    expect((await svc.call('GET', target, { headers: { authorization: get.authorization } })).status).toBe(401);
    const other = phpSign({ siteId, method: 'GET', target });
    expect((await svc.call('GET', `${target}/sectors`, { headers: { authorization: other.authorization } })).status).toBe(401);

    const body = JSON.stringify({ sector_id: sectorId, keyword: 'signed in php' });
    const post = phpSign({ siteId, method: 'POST', target: '/api/v1/planner/keywords', body });
    const created = await svc.call('POST', '/planner/keywords', { body, headers: { authorization: post.authorization, 'content-type': 'application/json' } });
    expect(created.status).toBe(201);
    const forged = phpSign({ siteId, method: 'POST', target: '/api/v1/planner/keywords', body });
    const tampered = body.replace('signed in php', 'tampered');
    const refused = await svc.call('POST', '/planner/keywords', { body: tampered, headers: { authorization: forged.authorization, 'content-type': 'application/json' } });
    expect(refused.status).toBe(401);
    const [row] = await svc.deps.db.owner`select count(*)::int as n from keywords where keyword = 'tampered'`;
    expect(row!.n).toBe(0);
  });

  it('signs a CSV upload hashed from its file as a stream', async () => {
    const file = join(dir, 'keywords.csv');
    const csv = `keyword,volume\n${Array.from({ length: 2000 }, (_, i) => `php keyword ${i},${i}`).join('\n')}\n`;
    writeFileSync(file, csv);
    const target = `/api/v1/planner/keywords/import?sector_id=${sectorId}`;
    const upload = phpSign({ siteId, method: 'POST', target, bodyFile: file });
    const res = await svc.call('POST', target, { body: csv, headers: { authorization: upload.authorization, 'content-type': 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.body.data.created).toBe(2000);
  });
});
