import { assignableRoles, can, type Role } from '@igny8/shared';
import { authorize, sessionOf, SITE_REFUSAL, userOf, visibleOne, type Caller } from '../../access';
import type { Deps } from '../../context';
import type { Tx } from '../../db/client';
import { conflict, forbidden, found, invalid, notFound } from '../../http/errors';
import type { Page } from '../../db/lists';
import { definedOnly } from '../../lib/defined';
import * as q from './queries';

export const WP_PASSWORD_PURPOSE = 'sites.wp_app_password';

// ---- account -------------------------------------------------------------------------------

/** The caller's own account (developers too: theirs, not the one they may be looking at). */
export async function getAccount(tx: Tx, p: Caller) {
  const account = p.accountId ? await q.getAccount(tx, p.accountId) : null;
  if (!account) throw notFound('Account');
  return account;
}

export async function updateAccount(tx: Tx, p: Caller, patch: { name?: string | undefined }) {
  authorize(p, 'manage_users');
  return found(await q.updateAccount(tx, ownAccount(p), definedOnly(patch)), 'Account');
}

/** Every account, for the developers' console: refused to anyone confined to one account. */
export function listAccounts(tx: Tx, p: Caller, filter: q.AccountFilter, page: Page) {
  authorize(p, 'all_accounts', 'Only developers and system bots can list accounts.');
  return q.listAccounts(tx, filter, page);
}

function ownAccount(p: Caller): string {
  if (!p.accountId) throw notFound('Account');
  return p.accountId;
}

// ---- users ---------------------------------------------------------------------------------

export function listUsers(tx: Tx, p: Caller, page: Page) {
  authorize(p, 'manage_users');
  return q.listUsers(tx, page);
}

export async function createUser(
  deps: Deps,
  tx: Tx,
  p: Caller,
  input: { email: string; name: string; role: Role; password: string },
) {
  authorize(p, 'manage_users');
  if (!assignableRoles(p.role).includes(input.role)) {
    throw forbidden(`Your role cannot create a user with the role ${input.role}.`);
  }
  // Hashed before the account is locked for the count, to hold the lock briefly.
  const passwordHash = await deps.passwords.hashNew(input.password, [input.email, input.name]);
  const limits = await q.accountLimits(tx, ownAccount(p));
  if (limits && limits.users >= limits.maxUsers) {
    throw conflict(`The plan allows ${limits.maxUsers} users; upgrade to add more.`);
  }
  try {
    return await tx.savepoint((sp) => q.insertUser(sp, { accountId: ownAccount(p), ...input, passwordHash }));
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw conflict('A user with this email already exists.', { email: ['This email is already registered.'] });
    throw err;
  }
}

/** Loads a user the principal may manage: 404 when unseen, 403 when their role outranks the manager. */
async function manageableUser(tx: Tx, p: Caller, userId: string) {
  // Looked up before the permission check, so that another account's user is a 404 for every role.
  const user = await q.getUser(tx, userId);
  if (!user) throw notFound('User');
  authorize(p, 'manage_users');
  if (!assignableRoles(p.role).includes(user.role as Role)) throw forbidden('Your role cannot change this user.');
  return user;
}

async function keepAnOwner(tx: Tx, user: { id: string; account_id: string; role: string }) {
  if (user.role === 'owner' && (await q.otherActiveOwners(tx, user.account_id, user.id)) === 0) {
    throw conflict('An account needs at least one active owner.');
  }
}

export async function updateUser(
  deps: Deps,
  tx: Tx,
  p: Caller,
  userId: string,
  patch: { name?: string | undefined; role?: Role | undefined; is_active?: boolean | undefined; password?: string | undefined },
) {
  const user = await manageableUser(tx, p, userId);
  if (patch.role !== undefined && !assignableRoles(p.role).includes(patch.role)) {
    throw forbidden(`Your role cannot give the role ${patch.role}.`);
  }
  if ((patch.role !== undefined && patch.role !== 'owner') || patch.is_active === false) await keepAnOwner(tx, user);
  if (userId === userOf(p) && (patch.is_active === false || (patch.role !== undefined && patch.role !== p.role))) {
    throw forbidden('You cannot deactivate yourself or change your own role.');
  }
  const password_hash = patch.password === undefined ? undefined : await deps.passwords.hashNew(patch.password, [user.email, patch.name ?? (user.name as string)]);
  // A deactivated user, a new password or a new role ends the user's sessions (a trigger sees to it).
  return found(await q.updateUser(tx, userId, { name: patch.name, role: patch.role, is_active: patch.is_active, password_hash }), 'User');
}

export async function deleteUser(tx: Tx, p: Caller, userId: string) {
  const user = await manageableUser(tx, p, userId);
  if (userId === userOf(p)) throw forbidden('You cannot delete yourself.');
  await keepAnOwner(tx, user);
  try {
    await tx.savepoint((sp) => q.deleteUser(sp, userId));
  } catch (err) {
    // Deleting a user nulls `created_by` in the credit ledger, which the append-only trigger refuses.
    if ((err as { code?: string }).code === '23001') {
      throw conflict('This user appears in the credit history, which is kept whole; deactivate the user instead.');
    }
    throw err;
  }
}

// ---- sites ---------------------------------------------------------------------------------

type SiteInput = {
  name?: string | undefined;
  status?: string | undefined;
  industry_id?: string | null | undefined;
  wp_url?: string | null | undefined;
  wp_username?: string | null | undefined;
  wp_app_password?: string | null | undefined;
  require_approval?: boolean | undefined;
  internal_links_max?: number | undefined;
};

async function siteWrite(deps: Deps, tx: Tx, input: SiteInput): Promise<q.SiteWrite> {
  if (input.industry_id && !(await q.industryExists(tx, input.industry_id))) {
    throw invalid('Unknown industry.', { industry_id: ['No industry has this id.'] });
  }
  const { wp_app_password, ...rest } = input;
  return {
    ...rest,
    wp_app_password_enc:
      wp_app_password === undefined ? undefined : wp_app_password === null ? null : deps.secrets.encrypt(wp_app_password, WP_PASSWORD_PURPOSE),
  };
}

export async function createSite(deps: Deps, tx: Tx, p: Caller, input: SiteInput & { name: string }) {
  authorize(p, 'manage_sites');
  sessionOf(p, SITE_REFUSAL);
  const limits = await q.accountLimits(tx, ownAccount(p));
  if (limits && limits.sites >= limits.maxSites) {
    throw conflict(`The plan allows ${limits.maxSites} sites; upgrade to add more.`);
  }
  return found(await q.insertSite(tx, ownAccount(p), await siteWrite(deps, tx, input)), 'Site');
}

/** A site the caller sees, or 404. */
export async function getSite(tx: Tx, _p: Caller, siteId: string) {
  const site = await q.getSite(tx, siteId);
  if (!site) throw notFound('Site');
  return site;
}

export async function updateSite(deps: Deps, tx: Tx, p: Caller, siteId: string, input: SiteInput) {
  await visibleOne(tx, 'site', siteId);
  authorize(p, 'manage_sites');
  return found(await q.updateSite(tx, siteId, await siteWrite(deps, tx, input)), 'Site');
}

export async function deleteSite(tx: Tx, p: Caller, siteId: string) {
  await visibleOne(tx, 'site', siteId);
  authorize(p, 'manage_sites');
  await q.deleteSite(tx, siteId);
}

export function listSites(tx: Tx, _p: Caller, page: Page) {
  return q.listSites(tx, page);
}

// ---- sectors -------------------------------------------------------------------------------

export async function listSectors(tx: Tx, _p: Caller, siteId: string, page: Page) {
  await visibleOne(tx, 'site', siteId);
  return q.listSectors(tx, siteId, page);
}

async function checkIndustrySector(tx: Tx, id: string | null | undefined) {
  if (id && !(await q.industrySectorExists(tx, id))) {
    throw invalid('Unknown industry sector.', { industry_sector_id: ['No industry sector has this id.'] });
  }
}

export async function createSector(
  tx: Tx,
  p: Caller,
  siteId: string,
  input: { name: string; description: string; status: string; industry_sector_id?: string | null | undefined },
) {
  const site = await visibleOne(tx, 'site', siteId);
  authorize(p, 'manage_sites');
  await checkIndustrySector(tx, input.industry_sector_id);
  return tx.savepoint((sp) => q.insertSector(sp, site, input));
}

export async function getSector(tx: Tx, _p: Caller, sectorId: string) {
  const sector = await q.getSector(tx, sectorId);
  if (!sector) throw notFound('Sector');
  return sector;
}

export async function updateSector(tx: Tx, p: Caller, sectorId: string, input: q.SectorWrite) {
  await visibleOne(tx, 'sector', sectorId);
  authorize(p, 'manage_sites');
  await checkIndustrySector(tx, input.industry_sector_id);
  return found(await q.updateSector(tx, sectorId, input), 'Sector');
}

export async function deleteSector(tx: Tx, p: Caller, sectorId: string) {
  await visibleOne(tx, 'sector', sectorId);
  authorize(p, 'manage_sites');
  await q.deleteSector(tx, sectorId);
}

// ---- site access ---------------------------------------------------------------------------

export async function listSiteAccess(tx: Tx, p: Caller, siteId: string, page: Page) {
  await visibleOne(tx, 'site', siteId);
  authorize(p, 'manage_users');
  return q.listSiteAccess(tx, siteId, page);
}

export async function grantAccess(tx: Tx, p: Caller, siteId: string, userId: string) {
  const site = await visibleOne(tx, 'site', siteId);
  authorize(p, 'manage_users');
  const user = await q.getUser(tx, userId);
  if (!user || user.account_id !== site.accountId) throw notFound('User');
  if (can(user.role as Role, 'all_sites')) {
    throw invalid(`A user with the role ${user.role} already sees every site.`, { user_id: ['Only editors and viewers need site access.'] });
  }
  return q.grantSiteAccess(tx, { accountId: site.accountId, siteId, userId, grantedBy: userOf(p) });
}

export async function revokeAccess(tx: Tx, p: Caller, siteId: string, userId: string) {
  await visibleOne(tx, 'site', siteId);
  authorize(p, 'manage_users');
  if (!(await q.revokeSiteAccess(tx, siteId, userId))) throw notFound('Site access');
}


// ---- reference data ------------------------------------------------------------------------

export function listIndustries(tx: Tx, _p: Caller) {
  return q.listIndustries(tx);
}

// ---- for other modules -----------------------------------------------------------------------

/** An account as the API shows it, by id (sign-in answers); null when unseen. */
export const accountById = (tx: Tx, id: string) => q.getAccount(tx, id);

/** A user as the API shows it, by id (sign-in answers); null when unseen. */
export const userById = (tx: Tx, id: string) => q.getUser(tx, id);
