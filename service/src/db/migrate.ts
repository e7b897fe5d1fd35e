import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Logger } from '../logger';
import { MIGRATIONS_DIR } from '../paths';
import type { Sql } from './client';

export { MIGRATIONS_DIR };

type Migration = { id: number; name: string; sql: string; checksum: string };

/**
 * Migrations that landed in an earlier version, and the later migrations that version already
 * did. A database that ran it is accepted as it is, and those later migrations are recorded as
 * applied without running (they would fail on what is already there).
 * - 0019 landed first with the keyword's cluster checked by one row trigger; then as it is now,
 *   with 0021 making that change.
 */
export const EARLIER_VERSIONS: { id: number; checksum: string; covers: number[] }[] = [
  { id: 19, checksum: 'b543a855080b8fe61cfd9494ac3ccd31cae9d1d475a70cf02e91f1eb5062dc21', covers: [21] },
];

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => {
      const bytes = readFileSync(`${dir}/${name}`);
      return { id: Number.parseInt(name.slice(0, 4), 10), name, sql: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    });
}

/**
 * Applies forward-only migrations, each in its own transaction, under a session advisory lock so
 * that several service or worker processes starting together apply each migration exactly once.
 * Refuses to start when an applied migration's file has changed since: the database keeps what the
 * file said when it ran, so an edit would silently never take effect.
 */
export async function migrate(owner: Sql, logger: Logger, dir = MIGRATIONS_DIR): Promise<number> {
  const migrations = readMigrations(dir);
  const conn = await owner.reserve();
  try {
    await conn`select pg_advisory_lock(hashtext('igny8_migrations'))`;
    await conn`create table if not exists igny8_migrations (
      id int primary key, name text not null, applied_at timestamptz not null default now())`;
    // Databases migrated before checksums were kept get theirs recorded on this first start.
    await conn`alter table igny8_migrations add column if not exists checksum text`;
    const done = new Map((await conn`select id, checksum from igny8_migrations`).map((r) => [r.id as number, r.checksum as string | null]));
    const earlier = EARLIER_VERSIONS.filter((e) => done.get(e.id) === e.checksum);
    const changed = migrations.filter(
      (m) => done.has(m.id) && done.get(m.id) !== null && done.get(m.id) !== m.checksum && !earlier.some((e) => e.id === m.id),
    );
    if (changed.length > 0) {
      const files = changed.map((m) => `  ${m.name}: applied with sha256 ${done.get(m.id)}, the file now has ${m.checksum}`);
      throw new Error(
        `Migrations already applied to this database have been edited since:\n${files.join('\n')}\n` +
          'The database keeps what they said when they ran. Restore these files and put the change in a new migration.',
      );
    }
    for (const m of migrations) {
      if (done.has(m.id) && done.get(m.id) === null) {
        await conn`update igny8_migrations set checksum = ${m.checksum} where id = ${m.id} and checksum is null`;
        logger.info({ migration: m.name }, 'recorded the checksum of an applied migration');
      }
    }
    for (const m of migrations.filter((m) => !done.has(m.id) && earlier.some((e) => e.covers.includes(m.id)))) {
      await conn`insert into igny8_migrations (id, name, checksum) values (${m.id}, ${m.name}, ${m.checksum})`;
      done.set(m.id, m.checksum);
      logger.info({ migration: m.name }, 'recorded a migration that an earlier version of another already did');
    }
    let applied = 0;
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      // Names match ^\d{4}_[a-z0-9_]+\.sql$ and checksums are hex, so they are safe in this text.
      await conn.unsafe(`begin;\n${m.sql}\n;insert into igny8_migrations (id, name, checksum) values (${m.id}, '${m.name}', '${m.checksum}');\ncommit;`).catch(async (err) => {
        await conn.unsafe('rollback').catch(() => {});
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      });
      logger.info({ migration: m.name }, 'applied migration');
      applied++;
    }
    return applied;
  } finally {
    await conn`select pg_advisory_unlock(hashtext('igny8_migrations'))`.catch(() => {});
    conn.release();
  }
}
