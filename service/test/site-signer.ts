import { createHash, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import type { TestService } from './service';

/** An Ed25519 key pair as the plugin holds it: the public key in base64url, for POST /connect. */
export function siteKeys(): { publicKey: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return { publicKey: publicKey.export({ format: 'jwk' }).x!, privateKey };
}

export const bodyHash = (body: string | Uint8Array = '') => createHash('sha256').update(body).digest('base64url');

export type SignOptions = {
  method: string;
  /** Path and query as sent, e.g. /api/v1/planner/keywords?page=2. */
  target: string;
  body?: string | Uint8Array;
  wpUserId?: string;
  wpRole?: string;
  /** Claims to replace or add (iat, exp, jti, htm, htu, bh…). */
  claims?: Record<string, unknown>;
};

/** A compact JWS as the plugin's signer makes it. */
export async function signRequest(siteId: string, privateKey: KeyObject, o: SignOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: siteId, sub: o.wpUserId ?? '1', wp_role: o.wpRole ?? 'administrator', iat: now, exp: now + 60, jti: randomUUID(),
    htm: o.method, htu: o.target, bh: bodyHash(o.body ?? ''), ...o.claims,
  })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .sign(privateKey);
}

/** Sends a request signed for `siteId` through the app; `sign` overrides what is signed. */
export async function signedCall(
  svc: TestService,
  site: { id: string; privateKey: KeyObject },
  method: string,
  path: string,
  opts: { body?: string | Uint8Array; contentType?: string; sign?: Partial<SignOptions> } = {},
) {
  const target = `/api/v1${path}`;
  const jws = await signRequest(site.id, site.privateKey, { method, target, ...(opts.body !== undefined ? { body: opts.body } : {}), ...opts.sign });
  const headers: Record<string, string> = { authorization: `IGNY8-Site ${jws}` };
  if (opts.body !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
  return { ...(await svc.call(method, path, { body: opts.body, headers })), jws };
}

/** Connects a site with a fresh key pair through POST /sites/{id}/connect as `token`'s owner or admin. */
export async function connectedSite(svc: TestService, token: string, siteId: string) {
  const keys = siteKeys();
  const res = await svc.call('POST', `/sites/${siteId}/connect`, { token, body: { public_key: keys.publicKey, wp_url: 'https://wp.example.com' } });
  if (res.status !== 200) throw new Error(`connecting failed: ${res.status} ${res.text}`);
  return { id: siteId, ...keys };
}
