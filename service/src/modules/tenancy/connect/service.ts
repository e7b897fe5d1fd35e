import { createHash, randomBytes } from 'node:crypto';
import { authorize, sessionOf, userOf, visibleOne, type Caller } from '../../../access';
import type { Deps } from '../../../context';
import { GLOBAL, type Tx } from '../../../db/client';
import { ApiError, found, invalid } from '../../../http/errors';
import { checkUrlTarget } from '../../../lib/outbound';
import { WP_PASSWORD_PURPOSE } from '../service';
import * as q from './queries';

/** A connect code is valid this long after it was made. */
export const CONNECT_CODE_MINUTES = 15;
/** Failed connect attempts allowed per client address within the window; then 429. */
export const CONNECT_LIMITS = { windowSeconds: 15 * 60, perAddress: 10 };

type Connection = { public_key: string; wp_url: string; wp_username?: string | undefined; wp_app_password?: string | undefined };

const PEOPLE_ONLY = 'Only people signed in to IGNY8 connect sites; a site cannot connect itself.';
const codeHash = (code: string) => createHash('sha256').update(code).digest('hex');
const badCode = () => new ApiError('invalid_credentials', 'This connect code is unknown, used or expired: make a new one.');

/** A new one-time code for the plugin of `siteId`; older unused codes of the site stop working. */
export async function createConnectCode(tx: Tx, p: Caller, siteId: string) {
  const site = await visibleOne(tx, 'site', siteId);
  authorize(p, 'manage_sites');
  sessionOf(p, PEOPLE_ONLY);
  // 192 random bits: guessing is hopeless, and only the hash is stored.
  const code = randomBytes(24).toString('base64url');
  const expires = await q.replaceCode(tx, { accountId: site.accountId, siteId, codeHash: codeHash(code), minutes: CONNECT_CODE_MINUTES, createdBy: userOf(p) });
  return { code, expires_at: expires };
}

/**
 * A 400 for a WordPress address the service will not connect to on an account's behalf, while the
 * operator keeps private networks closed. Run before the transaction: it may wait on DNS.
 */
export async function checkWpUrl(deps: Deps, wpUrl: string) {
  if (deps.config.allowPrivateNetwork) return;
  const problem = await checkUrlTarget(wpUrl);
  if (problem) throw invalid(`The WordPress address cannot be used: ${problem}.`, { wp_url: [`${problem[0]!.toUpperCase()}${problem.slice(1)}.`] });
}

function connection(deps: Deps, c: Connection): q.Connection {
  return {
    wp_public_key: c.public_key,
    wp_url: c.wp_url,
    ...(c.wp_username !== undefined ? { wp_username: c.wp_username } : {}),
    ...(c.wp_app_password !== undefined ? { wp_app_password_enc: deps.secrets.encrypt(c.wp_app_password, WP_PASSWORD_PURPOSE) } : {}),
  };
}

/**
 * Connects the site a one-time code was made for: no account is known until the code is, so the
 * attempts of an address are limited and the code is used in the transaction that stores the key.
 */
export async function connectWithCode(deps: Deps, address: string, input: Connection & { code: string }) {
  const hash = codeHash(input.code);
  const { windowSeconds, perAddress } = CONNECT_LIMITS;
  const failures = await deps.db.run(GLOBAL, (tx) => q.recentConnectFailures(tx, address, windowSeconds));
  if (failures.count >= perAddress) {
    const wait = Math.max(1, Math.ceil(windowSeconds - failures.oldestAge));
    throw new ApiError('rate_limited', 'Too many failed connect attempts from this address; try again later.', { headers: { 'Retry-After': String(wait) } });
  }
  const refuse = async () => {
    await deps.db.run(GLOBAL, (tx) => q.recordConnectFailure(tx, address, windowSeconds));
    return badCode();
  };
  if (!(await deps.db.run(GLOBAL, (tx) => q.codeIsLive(tx, hash)))) throw await refuse();
  await checkWpUrl(deps, input.wp_url);
  const connected = await deps.db.run(GLOBAL, async (tx) => {
    const code = await q.redeemCode(tx, hash);
    return code && q.connectSite(tx, code.siteId, code.accountId, connection(deps, input));
  });
  if (!connected) throw await refuse();
  return connected;
}

/**
 * Whether the caller may connect `siteId` (404 when unseen, 403 for other roles and for sites):
 * checked before the address, so that nobody else can use the address check to probe DNS.
 */
export async function mayConnect(tx: Tx, p: Caller, siteId: string) {
  const site = await visibleOne(tx, 'site', siteId);
  authorize(p, 'manage_sites');
  sessionOf(p, PEOPLE_ONLY);
  return site;
}

/** Connects a site without a code, for an owner's or admin's scripts. */
export async function connectSite(deps: Deps, tx: Tx, p: Caller, siteId: string, input: Connection) {
  const site = await mayConnect(tx, p, siteId);
  return found(await q.connectSite(tx, siteId, site.accountId, connection(deps, input)), 'Site');
}

/** Revokes the site's key and application password: by a person, or by the site's own admin. */
export async function disconnectSite(tx: Tx, p: Caller, siteId: string) {
  await visibleOne(tx, 'site', siteId);
  authorize(p, 'manage_sites');
  await q.disconnectSite(tx, siteId);
}
