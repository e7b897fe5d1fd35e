import { can, type Permission } from '@igny8/shared';
import { forbidden } from '../http/errors';
import type { Caller } from './caller';

const REFUSALS: Record<Permission, string> = {
  all_accounts: 'Only developers and system bots can do this.',
  all_sites: 'Your role sees only the sites it was granted.',
  write: 'Your role can only read.',
  manage_sites: 'Only owners and admins can configure sites and sectors.',
  approve_content: 'Only owners and admins can approve content or send it back to draft.',
  manage_users: 'Only owners and admins can manage users and their access.',
  billing: 'Only owners can see billing.',
};

/**
 * The one permission check of the service: throws 403 unless the caller's role holds `permission`.
 * Check after looking up the objects concerned (see `visible`), so that another account's ids
 * answer 404 whatever the role.
 */
export function authorize(caller: Caller, permission: Permission, refusal = REFUSALS[permission]): void {
  if (!can(caller.role, permission)) throw forbidden(refusal);
  if (caller.kind === 'site' && !SITE_PERMISSIONS.includes(permission)) throw forbidden(SITE_REFUSAL);
}

/**
 * What a signed site may do at most, whatever its WordPress role maps to: work inside its own site.
 * Users, billing and other accounts are for people signed in to IGNY8.
 */
const SITE_PERMISSIONS: readonly Permission[] = ['write', 'manage_sites', 'approve_content'];
export const SITE_REFUSAL = 'A site acts only inside itself; sign in to IGNY8 to do this.';
