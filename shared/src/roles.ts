/** User roles, strongest first (developer > owner > admin > editor > viewer > system_bot). */
export const ROLES = ['developer', 'owner', 'admin', 'editor', 'viewer', 'system_bot'] as const;
export type Role = (typeof ROLES)[number];

export type Permission =
  | 'all_accounts' // sees every account (developers, system bots)
  | 'all_sites' // sees every site of its account(s) without explicit grants
  | 'write' // may create, change and delete data in the sites it sees
  | 'manage_sites' // may create and configure sites and sectors
  | 'approve_content' // may approve content for publishing, or send it back to draft
  | 'manage_users' // may invite, change and remove users, and grant or revoke their site access
  | 'billing'; // may see and change billing

const TABLE: Record<Role, readonly Permission[]> = {
  developer: ['all_accounts', 'all_sites', 'write', 'manage_sites', 'approve_content', 'manage_users', 'billing'],
  system_bot: ['all_accounts', 'all_sites', 'write', 'manage_sites', 'approve_content'],
  owner: ['all_sites', 'write', 'manage_sites', 'approve_content', 'manage_users', 'billing'],
  admin: ['all_sites', 'write', 'manage_sites', 'approve_content', 'manage_users'],
  editor: ['write'],
  viewer: [],
};

/** The product's permission table: whether `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return TABLE[role].includes(permission);
}

/** Roles a user manager may give or take away: never one above their own, never the service roles. */
export function assignableRoles(manager: Role): Role[] {
  switch (manager) {
    case 'developer':
      return [...ROLES];
    case 'owner':
      return ['owner', 'admin', 'editor', 'viewer'];
    case 'admin':
      return ['admin', 'editor', 'viewer'];
    default:
      return [];
  }
}
