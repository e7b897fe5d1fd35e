import type { Role } from '@igny8/shared';
import { decodeJwt, errors, importJWK, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { SiteCaller } from '../../access/caller';
import type { Deps } from '../../context';
import { GLOBAL } from '../../db/client';
import { ApiError } from '../../http/errors';
import { loadSigningSite, useRequestId } from './queries';

/** A signed request is valid for at most this long after it was signed. */
export const SITE_REQUEST_LIFETIME_SECONDS = 60;
/** How far the site's clock may be from ours. */
export const SITE_CLOCK_SKEW_SECONDS = 30;

const claimsSchema = z.object({
  iss: z.uuid(),
  sub: z.string().min(1).max(64),
  wp_role: z.string().max(64),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(8).max(128),
  htm: z.string().min(1).max(16),
  htu: z.string().min(1).max(8192),
  bh: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type SiteClaims = z.infer<typeof claimsSchema>;

const refused = (why: string) => new ApiError('invalid_token', why);

/**
 * The IGNY8 role a WordPress role acts with: a site's request never acts above admin, and roles
 * the mapping does not know only read.
 */
export function roleOfWordPress(wpRole: string): Role {
  switch (wpRole) {
    case 'administrator':
      return 'admin';
    case 'editor':
    case 'author':
      return 'editor';
    default:
      return 'viewer';
  }
}

/**
 * Verifies a site-signed request (`Authorization: IGNY8-Site <jws>`): an EdDSA JWS by a connected
 * site's key, fresh, never seen before, and bound to this method and path + query. Answers the
 * caller it acts as and the body hash the request must still match; 401 for anything else.
 */
export async function verifySiteRequest(deps: Deps, jws: string, request: { method: string; target: string }): Promise<{ caller: SiteCaller; bh: string }> {
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(jws);
  } catch {
    throw refused('The site signature is not a compact JWS.');
  }
  const siteId = typeof unverified.iss === 'string' && z.uuid().safeParse(unverified.iss).success ? unverified.iss : null;
  const site = siteId ? await deps.db.run(GLOBAL, (tx) => loadSigningSite(tx, siteId)) : null;
  if (!site) throw refused('Unknown site, or a site that is not connected.');

  let payload: JWTPayload;
  try {
    const key = await importJWK({ kty: 'OKP', crv: 'Ed25519', x: site.publicKey }, 'EdDSA');
    ({ payload } = await jwtVerify(jws, key, { algorithms: ['EdDSA', 'Ed25519'], clockTolerance: SITE_CLOCK_SKEW_SECONDS }));
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw refused('The signed request has expired.');
    if (err instanceof errors.JWSSignatureVerificationFailed) throw refused('The site signature does not verify.');
    throw refused('The site signature is not valid.');
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw refused(`The signed request lacks valid claims (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}).`);
  const claims = parsed.data;
  const now = Math.floor(Date.now() / 1000);
  if (claims.exp - claims.iat > SITE_REQUEST_LIFETIME_SECONDS) throw refused(`A signed request may live at most ${SITE_REQUEST_LIFETIME_SECONDS} seconds.`);
  if (claims.iat > now + SITE_CLOCK_SKEW_SECONDS) throw refused('The signed request was issued in the future: check the site’s clock.');
  if (claims.htm.toUpperCase() !== request.method.toUpperCase()) throw refused('The request method differs from the one that was signed.');
  if (claims.htu !== request.target) throw refused('The request path differs from the one that was signed.');

  const expiresAt = new Date((claims.exp + SITE_CLOCK_SKEW_SECONDS) * 1000);
  if (!(await deps.db.run(GLOBAL, (tx) => useRequestId(tx, { siteId: site.siteId, jti: claims.jti, expiresAt })))) {
    throw refused('This signed request was already used.');
  }
  if (site.accountStatus !== 'active' && site.accountStatus !== 'trial') throw new ApiError('account_inactive', `This account is ${site.accountStatus}.`);
  if (site.status === 'suspended') throw new ApiError('forbidden', 'This site is suspended.');

  const caller: SiteCaller = {
    kind: 'site',
    accountId: site.accountId,
    siteId: site.siteId,
    siteIds: [site.siteId],
    wpUserId: claims.sub,
    role: roleOfWordPress(claims.wp_role),
  };
  return { caller, bh: claims.bh };
}
