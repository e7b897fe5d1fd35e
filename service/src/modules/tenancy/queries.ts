import { asGlobal, type Tx } from '../../db/client';
import { pageOf, where, type Page } from '../../db/lists';
import { definedOnly } from '../../lib/defined';
import type { DbRow } from '../../db/rows';
import type { Account, Industry, Sector, Site, SiteAccess, User } from '@igny8/shared';

export type AccountRow = DbRow<Account>;
export type UserRow = DbRow<User>;
export type SiteRow = DbRow<Site>;
export type SectorRow = DbRow<Sector>;
export type SiteAccessRow = DbRow<SiteAccess>;

const USER_COLUMNS = ['id', 'account_id', 'email', 'name', 'role', 'is_active', 'last_login_at', 'created_at'];

export async function getAccount(tx: Tx, accountId: string) {
  const [row] = await tx<AccountRow[]>`
    select a.id, a.name, a.status, a.credits, a.created_at,
           json_build_object('slug', p.slug, 'name', p.name, 'included_credits', p.included_credits,
                             'max_sites', p.max_sites, 'max_users', p.max_users) as plan
    from accounts a join plans p on p.id = a.plan_id
    where a.id = ${accountId}`;
  return row ?? null;
}

export type AccountFilter = { status?: string | undefined; search?: string | undefined };

/** Accounts visible in the transaction's scope (every one for a developer), newest first. */
export function listAccounts(tx: Tx, f: AccountFilter, page: Page) {
  return pageOf(tx, {
    select: tx`
      a.id, a.name, a.status, a.credits, a.created_at,
      json_build_object('slug', p.slug, 'name', p.name, 'included_credits', p.included_credits,
                        'max_sites', p.max_sites, 'max_users', p.max_users) as plan,
      (select count(*)::int from users u where u.account_id = a.id) as users,
      (select count(*)::int from sites s where s.account_id = a.id) as sites`,
    from: tx`from accounts a join plans p on p.id = a.plan_id ${where(tx, { 'a.status': f.status }, [
      f.search !== undefined && tx`strpos(lower(a.name), lower(${f.search})) > 0`,
    ])}`,
    order: tx`a.created_at desc, a.id`,
    page,
  });
}

export async function updateAccount(tx: Tx, accountId: string, patch: { name?: string }) {
  if (patch.name !== undefined) await tx`update accounts set name = ${patch.name}, updated_at = now() where id = ${accountId}`;
  return getAccount(tx, accountId);
}

export async function getUser(tx: Tx, userId: string) {
  const [row] = await tx<UserRow[]>`select ${tx(USER_COLUMNS)} from users where id = ${userId}`;
  return row ?? null;
}

export function listUsers(tx: Tx, page: Page) {
  return pageOf<UserRow>(tx, { select: tx`${tx(USER_COLUMNS)}`, from: tx`from users`, order: tx`created_at, id`, page });
}

export async function insertUser(
  tx: Tx,
  u: { accountId: string; email: string; name: string; role: string; passwordHash: string },
) {
  const [row] = await tx<UserRow[]>`
    insert into users (account_id, email, name, role, password_hash)
    values (${u.accountId}, ${u.email}, ${u.name}, ${u.role}, ${u.passwordHash})
    returning ${tx(USER_COLUMNS)}`;
  return row!;
}

export async function updateUser(
  tx: Tx,
  userId: string,
  patch: { name?: string; role?: string; is_active?: boolean; password_hash?: string },
) {
  const { role, ...rest } = patch;
  // Roles are not the tenant role's to change; the caller has just found this user in its scope.
  if (role !== undefined) await asGlobal(tx, () => tx`update users set role = ${role}, updated_at = now() where id = ${userId}`);
  const set = definedOnly(rest);
  if (Object.keys(set).length === 0) return getUser(tx, userId);
  const [row] = await tx<UserRow[]>`
    update users set ${tx(set)}, updated_at = now() where id = ${userId} returning ${tx(USER_COLUMNS)}`;
  return row ?? null;
}

export async function deleteUser(tx: Tx, userId: string) {
  const rows = await tx`delete from users where id = ${userId} returning id`;
  return rows.length > 0;
}

/** Owners left active in the user's account, the user excluded: an account never loses its last owner. */
export async function otherActiveOwners(tx: Tx, accountId: string, userId: string) {
  const [row] = await tx`
    select count(*)::int as n from users
    where account_id = ${accountId} and role = 'owner' and is_active and id <> ${userId}`;
  return row!.n as number;
}

/**
 * The plan's limits and the account's usage. Locks the account row until the transaction ends, so
 * that concurrent additions are counted one after another.
 */
export async function accountLimits(tx: Tx, accountId: string) {
  await tx`select 1 from accounts where id = ${accountId} for update`;
  const [row] = await tx`
    select p.max_sites, p.max_users,
           (select count(*)::int from sites where account_id = a.id) as sites,
           (select count(*)::int from users where account_id = a.id) as users
    from accounts a join plans p on p.id = a.plan_id where a.id = ${accountId}`;
  return row
    ? { maxSites: row.max_sites as number, maxUsers: row.max_users as number, sites: row.sites as number, users: row.users as number }
    : null;
}

const SITE_SELECT = (tx: Tx) => tx`
  s.id, s.account_id, s.name, s.status, s.industry_id, s.wp_url, s.wp_username,
  s.wp_app_password_enc is not null as has_wp_app_password, s.connected_at, s.require_approval, s.internal_links_max,
  (select count(*)::int from sectors x where x.site_id = s.id and x.status = 'active') as active_sector_count,
  s.created_at, s.updated_at`;

export function listSites(tx: Tx, page: Page) {
  return pageOf<SiteRow>(tx, { select: SITE_SELECT(tx), from: tx`from sites s`, order: tx`s.created_at, s.id`, page });
}

export async function getSite(tx: Tx, siteId: string) {
  const [row] = await tx<SiteRow[]>`select ${SITE_SELECT(tx)} from sites s where s.id = ${siteId}`;
  return row ?? null;
}

export type SiteWrite = {
  name?: string;
  status?: string;
  industry_id?: string | null;
  wp_url?: string | null;
  wp_username?: string | null;
  wp_app_password_enc?: string | null;
  require_approval?: boolean;
  internal_links_max?: number;
};

export async function insertSite(tx: Tx, accountId: string, s: SiteWrite) {
  // postgres.js refuses undefined values; an absent field takes the column's default.
  const values = definedOnly(s);
  const [row] = await tx`insert into sites ${tx({ ...values, account_id: accountId })} returning id`;
  return getSite(tx, row!.id as string);
}

export async function updateSite(tx: Tx, siteId: string, s: SiteWrite) {
  const set = definedOnly(s);
  if (Object.keys(set).length > 0) {
    const rows = await tx`update sites set ${tx(set)}, updated_at = now() where id = ${siteId} returning id`;
    if (rows.length === 0) return null;
  }
  return getSite(tx, siteId);
}

export async function deleteSite(tx: Tx, siteId: string) {
  const rows = await tx`delete from sites where id = ${siteId} returning id`;
  return rows.length > 0;
}

const SECTOR_COLUMNS = ['id', 'account_id', 'site_id', 'industry_sector_id', 'name', 'description', 'status', 'created_at', 'updated_at'];

export function listSectors(tx: Tx, siteId: string, page: Page) {
  return pageOf<SectorRow>(tx, { select: tx`${tx(SECTOR_COLUMNS)}`, from: tx`from sectors where site_id = ${siteId}`, order: tx`created_at, id`, page });
}

export async function getSector(tx: Tx, sectorId: string) {
  const [row] = await tx<SectorRow[]>`select ${tx(SECTOR_COLUMNS)} from sectors where id = ${sectorId}`;
  return row ?? null;
}

export type SectorWrite = { name?: string; description?: string; status?: string; industry_sector_id?: string | null };

export async function insertSector(tx: Tx, site: { id: string; accountId: string }, s: SectorWrite) {
  const [row] = await tx<SectorRow[]>`
    insert into sectors ${tx({ ...s, site_id: site.id, account_id: site.accountId })} returning ${tx(SECTOR_COLUMNS)}`;
  return row!;
}

export async function updateSector(tx: Tx, sectorId: string, s: SectorWrite) {
  const set = definedOnly(s);
  if (Object.keys(set).length === 0) return getSector(tx, sectorId);
  const [row] = await tx<SectorRow[]>`update sectors set ${tx(set)}, updated_at = now() where id = ${sectorId} returning ${tx(SECTOR_COLUMNS)}`;
  return row ?? null;
}

export async function deleteSector(tx: Tx, sectorId: string) {
  const rows = await tx`delete from sectors where id = ${sectorId} returning id`;
  return rows.length > 0;
}

export async function industrySectorExists(tx: Tx, id: string) {
  const rows = await tx`select 1 from industry_sectors where id = ${id}`;
  return rows.length > 0;
}

export async function industryExists(tx: Tx, id: string) {
  const rows = await tx`select 1 from industries where id = ${id}`;
  return rows.length > 0;
}

export function listSiteAccess(tx: Tx, siteId: string, page: Page) {
  return pageOf<SiteAccessRow>(tx, {
    select: tx`sa.id, sa.site_id, sa.user_id, u.email, u.role, sa.created_at`,
    from: tx`from site_access sa join users u on u.id = sa.user_id where sa.site_id = ${siteId}`,
    order: tx`sa.created_at, sa.id`,
    page,
  });
}

export async function grantSiteAccess(tx: Tx, g: { accountId: string; siteId: string; userId: string; grantedBy: string | null }) {
  await tx`
    insert into site_access (account_id, site_id, user_id, granted_by)
    values (${g.accountId}, ${g.siteId}, ${g.userId}, ${g.grantedBy})
    on conflict (site_id, user_id) do nothing`;
  const [row] = await tx<SiteAccessRow[]>`
    select sa.id, sa.site_id, sa.user_id, u.email, u.role, sa.created_at
    from site_access sa join users u on u.id = sa.user_id where sa.site_id = ${g.siteId} and sa.user_id = ${g.userId}`;
  return row!;
}

export async function revokeSiteAccess(tx: Tx, siteId: string, userId: string) {
  const rows = await tx`delete from site_access where site_id = ${siteId} and user_id = ${userId} returning id`;
  return rows.length > 0;
}

export async function listIndustries(tx: Tx) {
  return tx<Industry[]>`
    select i.id, i.slug, i.name, i.description,
           coalesce(json_agg(json_build_object('id', s.id, 'slug', s.slug, 'name', s.name, 'description', s.description)
                    order by s.name) filter (where s.id is not null), '[]') as sectors
    from industries i left join industry_sectors s on s.industry_id = i.id
    group by i.id order by i.name`;
}
