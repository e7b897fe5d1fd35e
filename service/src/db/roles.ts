import type { Sql } from './client';
import { APP_ROLE, GLOBAL_ROLE } from './client';

/**
 * Creates the roles the service runs as: `igny8_app` logs in and is bound by row-level security;
 * `igny8_global` (no login) is what `igny8_app` becomes for work across accounts. `igny8_app` is
 * NOINHERIT, so the global policies apply only after an explicit SET ROLE, never by membership.
 */
export async function ensureAppRoles(owner: Sql, appPassword: string): Promise<void> {
  // ALTER ROLE cannot take a bind parameter; the password is a base64url digest, checked here.
  if (!/^[A-Za-z0-9_-]{20,}$/.test(appPassword)) throw new Error('unexpected database role password format');
  for (let attempt = 1; ; attempt++) {
    try {
      await owner.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(hashtext('igny8_roles'))`;
        const existing = await tx`select rolname from pg_roles where rolname in (${APP_ROLE}, ${GLOBAL_ROLE})`;
        const names = new Set(existing.map((r) => r.rolname as string));
        if (!names.has(GLOBAL_ROLE)) await tx.unsafe(`create role ${GLOBAL_ROLE} nologin nosuperuser nobypassrls`);
        if (!names.has(APP_ROLE)) await tx.unsafe(`create role ${APP_ROLE} login noinherit nosuperuser nobypassrls`);
        await tx.unsafe(`alter role ${APP_ROLE} with login noinherit nosuperuser nobypassrls password '${appPassword}'`);
        await tx.unsafe(`grant ${GLOBAL_ROLE} to ${APP_ROLE}`);
      });
      return;
    } catch (err) {
      // Roles are cluster-wide: another database's migrator may be creating them at this moment.
      const code = (err as { code?: string }).code;
      if (attempt < 5 && (code === '23505' || code === '42710' || code === 'XX000')) continue;
      throw err;
    }
  }
}

/** The app role's connection URL: the owner's host and database, logged in as `igny8_app`. */
export function appUrlFrom(ownerUrl: string, appPassword: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = appPassword;
  return url.toString();
}
