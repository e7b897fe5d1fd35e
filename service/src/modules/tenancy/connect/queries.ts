import type { ConnectedSite } from '@igny8/shared';
import type { Tx } from '../../../db/client';

/** Replaces the site's unused codes with a new one: only the latest code shown can connect. */
export async function replaceCode(tx: Tx, c: { accountId: string; siteId: string; codeHash: string; minutes: number; createdBy: string | null }) {
  await tx`delete from site_connect_codes where site_id = ${c.siteId} and used_at is null`;
  const [row] = await tx`
    insert into site_connect_codes (account_id, site_id, code_hash, expires_at, created_by)
    values (${c.accountId}, ${c.siteId}, ${c.codeHash}, now() + make_interval(mins => ${c.minutes}), ${c.createdBy})
    returning expires_at`;
  return row!.expires_at as Date;
}

/** Whether a code can still be used (read only: redeeming happens in the connecting transaction). */
export async function codeIsLive(tx: Tx, codeHash: string): Promise<boolean> {
  const rows = await tx`select 1 from site_connect_codes where code_hash = ${codeHash} and used_at is null and expires_at > now()`;
  return rows.length > 0;
}

/** Uses a live code once; the site it connects, or null when it is unknown, used or expired. */
export async function redeemCode(tx: Tx, codeHash: string) {
  const [row] = await tx`
    update site_connect_codes set used_at = now()
    where code_hash = ${codeHash} and used_at is null and expires_at > now()
    returning site_id, account_id`;
  return row ? { siteId: row.site_id as string, accountId: row.account_id as string } : null;
}

export type Connection = { wp_public_key: string; wp_url: string; wp_username?: string; wp_app_password_enc?: string };

/** Stores the plugin's key and WordPress details on a site; the names the plugin shows. */
export async function connectSite(tx: Tx, siteId: string, accountId: string, c: Connection) {
  const [row] = await tx<ConnectedSite[]>`
    update sites s set ${tx(c)}, connected_at = now(), updated_at = now()
    from accounts a
    where s.id = ${siteId} and s.account_id = ${accountId} and a.id = s.account_id
    returning s.id as site_id, a.name as account_name, s.name as site_name`;
  return row ?? null;
}

/** Forgets the plugin's key and the application password; the site's unused codes go too. */
export async function disconnectSite(tx: Tx, siteId: string) {
  await tx`delete from site_connect_codes where site_id = ${siteId} and used_at is null`;
  await tx`
    update sites set wp_public_key = null, connected_at = null, wp_app_password_enc = null, updated_at = now()
    where id = ${siteId}`;
}

/** Failed connect attempts from `ip` within the window, and how long ago the oldest of them was. */
export async function recentConnectFailures(tx: Tx, ip: string, windowSeconds: number) {
  const [row] = await tx`
    select count(*)::int as n, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
    from connect_attempts where ip = ${ip} and created_at > now() - make_interval(secs => ${windowSeconds})`;
  return { count: row!.n as number, oldestAge: row!.age as number };
}

/** Counts a failed attempt, and drops those older than the window. */
export async function recordConnectFailure(tx: Tx, ip: string, windowSeconds: number) {
  await tx`
    with pruned as (delete from connect_attempts where created_at < now() - make_interval(secs => ${windowSeconds}))
    insert into connect_attempts (ip) values (${ip})`;
}
