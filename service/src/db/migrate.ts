import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Logger } from '../logger';
import { MIGRATIONS_DIR } from '../paths';
import type { Sql } from './client';

export { MIGRATIONS_DIR };

type Migration = { id: number; name: string; sql: string; checksum: string };

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
    const changed = migrations.filter((m) => done.has(m.id) && done.get(m.id) !== null && done.get(m.id) !== m.checksum);
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
