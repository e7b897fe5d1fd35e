import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compactVerify, decodeJwt, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthOf, cookieSession } from './support/auth';
import { pluginFolder, wpPhp } from './support/plugin';
import { restResponse } from './support/rest';
import { startService, type RunningService } from './support/service';
import { startTestWordPress, type WordPress } from './support/site';
import { administrator, createUser } from './support/users';

/** A fixed Ed25519 seed (bytes 0 to 31): the site's key in this suite. */
const SEED = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const PUBLIC_KEY = createPublicKey(createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), SEED]), format: 'der', type: 'pkcs8' }))
  .export({ format: 'jwk' }).x!;

type Forwarded = { method: string; url: string; headers: Record<string, string | string[] | undefined>; body: Buffer };

/**
 * Stands between WordPress and the service, recording each request byte for byte before passing
 * it on, so a test sees exactly what the plugin signed and sent, and the service still judges it.
 */
async function startRelay(target: string): Promise<{ url: string; seen: Forwarded[]; close: () => Promise<void> }> {
  const seen: Forwarded[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'connection', 'content-length', 'expect'].includes(k))) as Record<string, string>;
    const answer = await fetch(`${target}${req.url}`, { method: req.method, headers, body: body.length ? body : undefined });
    res.writeHead(answer.status, Object.fromEntries([...answer.headers].filter(([k]) => !['content-length', 'transfer-encoding', 'content-encoding', 'connection'].includes(k))));
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Checks one forwarded request against its signature, verified with the site's public key. */
async function expectSignedAsSent(request: Forwarded, siteId: string, wpUserId: string, wpRole: string) {
  const authorization = String(request.headers.authorization);
  expect(authorization.startsWith('IGNY8-Site ')).toBe(true);
  const jws = authorization.slice('IGNY8-Site '.length);
  await compactVerify(jws, await importJWK({ kty: 'OKP', crv: 'Ed25519', x: PUBLIC_KEY }, 'EdDSA'));
  const claims = decodeJwt(jws);
  expect(claims).toMatchObject({
    iss: siteId,
    sub: wpUserId,
    wp_role: wpRole,
    htm: request.method,
    htu: request.url,
    bh: createHash('sha256').update(request.body).digest('base64url'),
  });
  expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(60);
}

let service: RunningService;
let relay: Awaited<ReturnType<typeof startRelay>>;
let wp: WordPress;
let plugin: ReturnType<typeof pluginFolder>;

const proxy = (path: string, init: Parameters<typeof restResponse>[2] = {}) => restResponse(wp, `/igny8/v1/${path}`, init);

describe('the signed proxy', () => {
  beforeAll(async () => {
    service = await startService();
    relay = await startRelay(service.url);
    plugin = pluginFolder();
    wp = await startTestWordPress({ plugins: [plugin.path] });
  });

  afterAll(async () => {
    await wp?.stop();
    plugin?.dispose();
    await relay?.close();
    await service?.close();
  });

  it('answers 409 igny8_not_connected before the site is connected, and sends nothing', async () => {
    const res = await proxy('service/planner/keywords');
    expect(res.status).toBe(409);
    expect((await res.json()).code).toBe('igny8_not_connected');
    expect(relay.seen).toEqual([]);
  });

  it('connects with a fixed key registered by the owner', async () => {
    const res = await service.svc.call('POST', `/sites/${service.site.id}/connect`, { token: service.owner.token, body: { public_key: PUBLIC_KEY, wp_url: wp.url } });
    expect(res.status).toBe(200);
    const secret = Buffer.concat([SEED, Buffer.from(PUBLIC_KEY, 'base64url')]).toString('base64');
    const connected = wpPhp<boolean>(
      wp,
      `update_option( 'igny8_service_url', ${JSON.stringify(relay.url)} );
       update_option( 'igny8_site_id', ${JSON.stringify(service.site.id)} );
       update_option( 'igny8_private_key', ${JSON.stringify(secret)}, false );
       return IGNY8\\Settings::is_connected();`,
    );
    expect(connected).toBe(true);
  });

  it('forwards a list with its query, less WordPress’s own parameters, signed exactly as sent', async () => {
    const res = await proxy(`service/planner/keywords?sector_id=${service.sector.id}&ordering=-volume&page_size=5&_locale=user`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ success: true, count: 0, results: [] });
    const sent = relay.seen.at(-1)!;
    expect(sent.method).toBe('GET');
    expect(sent.url).toBe(`/api/v1/planner/keywords?sector_id=${service.sector.id}&ordering=-volume&page_size=5`);
    await expectSignedAsSent(sent, service.site.id, '1', 'administrator');
  });

  let keywordId: string;
  it('forwards a JSON body byte for byte and answers the service’s status and envelope', async () => {
    const body = JSON.stringify([{ sector_id: service.sector.id, keyword: 'café crème machine', volume: 320 }]);
    const res = await proxy('service/planner/keywords', { method: 'POST', body: Buffer.from(body), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(201);
    const answer = await res.json();
    expect(answer.success).toBe(true);
    expect(answer.data[0]).toMatchObject({ keyword: 'café crème machine', volume: 320, sector_id: service.sector.id });
    keywordId = answer.data[0].id;
    const sent = relay.seen.at(-1)!;
    expect(sent.body.toString('utf8')).toBe(body);
    expect(sent.headers['content-type']).toBe('application/json');
    await expectSignedAsSent(sent, service.site.id, '1', 'administrator');
  });

  it('forwards PATCH and DELETE, which api-fetch sends as POST with a method override', async () => {
    const patched = await proxy(`service/planner/keywords/${keywordId}`, { method: 'POST', json: { volume: 400 }, headers: { 'x-http-method-override': 'PATCH' } });
    expect(patched.status).toBe(200);
    expect((await patched.json()).data.volume).toBe(400);
    expect(relay.seen.at(-1)!.method).toBe('PATCH');
    await expectSignedAsSent(relay.seen.at(-1)!, service.site.id, '1', 'administrator');

    const other = await service.svc.call('POST', '/planner/keywords', { token: service.owner.token, body: { sector_id: service.sector.id, keyword: 'to delete' } });
    const deleted = await proxy(`service/planner/keywords/${other.body.data[0]?.id ?? other.body.data.id}`, { method: 'DELETE' });
    expect(deleted.status).toBeLessThan(300);
    expect(relay.seen.at(-1)!.method).toBe('DELETE');
    expect(relay.seen.at(-1)!.body.length).toBe(0);
    await expectSignedAsSent(relay.seen.at(-1)!, service.site.id, '1', 'administrator');
  });

  it('turns the service’s errors into WP_Error with its code, sentence, status and field errors', async () => {
    const missing = await proxy('service/planner/keywords/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    const notFound = await missing.json();
    expect(notFound.data.status).toBe(404);
    expect(notFound.code).toBe('not_found');
    expect(typeof notFound.message).toBe('string');

    const invalid = await proxy('service/planner/keywords', { method: 'POST', json: { sector_id: service.sector.id, keyword: '' } });
    expect(invalid.status).toBe(400);
    const error = await invalid.json();
    expect(error.code).toBe('invalid_input');
    expect(Object.keys(error.data.errors).join()).toMatch(/keyword/);

    const badJson = await proxy('service/planner/keywords', { method: 'POST', body: Buffer.from('{"keyword":'), headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
  });

  it('streams a CSV upload to the import, signed with the hash of the file, and the CSV back from the export', async () => {
    const csv = 'keyword,volume,intent\r\nespresso grinder,1200,commercial\r\nmilk frother,800,informational\r\n';
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'keywords.csv');
    const res = await fetch(`${wp.url}/wp-json/igny8/v1/keywords/import?sector_id=${service.sector.id}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${wp.admin.user}:${wp.appPassword}`).toString('base64')}` },
      body: form,
    });
    const answer = await res.json();
    expect(res.status, JSON.stringify(answer)).toBeLessThan(300);
    expect(answer.data).toMatchObject({ created: 2, errors: [] });
    const sent = relay.seen.at(-1)!;
    expect(sent.url).toBe(`/api/v1/planner/keywords/import?sector_id=${service.sector.id}`);
    expect(sent.headers['content-type']).toBe('text/csv');
    expect(sent.body.toString('utf8')).toBe(csv);
    await expectSignedAsSent(sent, service.site.id, '1', 'administrator');

    const noFile = await proxy(`keywords/import?sector_id=${service.sector.id}`, { method: 'POST' });
    expect(noFile.status).toBe(400);

    const exported = await proxy(`keywords/export?sector_id=${service.sector.id}`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await exported.text();
    expect(text).toMatch(/espresso grinder/);
    expect(text).toMatch(/milk frother/);
    expect(text).toMatch(/café crème machine/);
  });

  it('refuses with 403, sending nothing, a caller without the capability or a cookie without the nonce', async () => {
    const subscriber = await createUser(wp, 'subscriber');
    const contributor = await createUser(wp, 'contributor');
    const author = await createUser(wp, 'author');
    const [asSubscriber, asContributor, asAuthor] = await Promise.all([basicAuthOf(wp, subscriber), basicAuthOf(wp, contributor), basicAuthOf(wp, author)]);
    const before = relay.seen.length;

    const refused = async (path: string, init: Parameters<typeof restResponse>[2]) => {
      const res = await proxy(path, init);
      expect(res.status, `${init?.method ?? 'GET'} ${path}`).toBe(403);
    };
    await refused('service/planner/keywords', { anonymous: true });
    await refused('service/planner/keywords', { anonymous: true, headers: { authorization: asSubscriber } });
    await refused(`keywords/export?sector_id=${service.sector.id}`, { anonymous: true, headers: { authorization: asSubscriber } });
    await refused('connection', { anonymous: true, headers: { authorization: asAuthor } });
    await refused('settings/abilities', { anonymous: true, headers: { authorization: asAuthor } });
    await refused(`service/sectors/${service.sector.id}`, { anonymous: true, method: 'PATCH', json: { name: 'x' }, headers: { authorization: asAuthor } });
    await refused('service/writer/content/00000000-0000-4000-8000-000000000000/publish', { anonymous: true, method: 'POST', json: {}, headers: { authorization: asContributor } });

    // The administrator's own cookies, without the REST nonce, count as no login at all.
    const session = await cookieSession(wp, administrator(wp));
    await refused('service/planner/keywords', { anonymous: true, headers: { cookie: session.cookie } });
    expect(relay.seen.length).toBe(before);

    // With it, the same cookies pass, and an author's read passes too, signed with the author's role.
    const withNonce = await proxy('service/planner/keywords', { anonymous: true, headers: { cookie: session.cookie, 'x-wp-nonce': session.nonce } });
    expect(withNonce.status).toBe(200);
    const authorRead = await proxy('service/planner/keywords', { anonymous: true, headers: { authorization: asAuthor } });
    expect(authorRead.status).toBe(200);
    await expectSignedAsSent(relay.seen.at(-1)!, service.site.id, String(author.id), 'author');
  });

  it('answers 502 when the service cannot be reached', async () => {
    wpPhp(wp, `update_option( 'igny8_service_url', 'http://127.0.0.1:9' ); return true;`);
    const res = await proxy('service/planner/keywords');
    expect(res.status).toBe(502);
    expect((await res.json()).code).toBe('igny8_service_unreachable');
  });

  it('writes no PHP notice, warning or error to the WP_DEBUG log', () => {
    expect(existsSync(wp.debugLog) ? readFileSync(wp.debugLog, 'utf8') : '').toBe('');
  });
});
