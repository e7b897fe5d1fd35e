import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger';
import type { Sql } from './client';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

type Migration = { id: number; name: string; sql: string };

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ id: Number.parseInt(name.slice(0, 4), 10), name, sql: readFileSync(`${dir}/${name}`, 'utf8') }));
}

/**
 * Applies forward-only migrations, each in its own transaction, under a session advisory lock so
 * that several service or worker processes starting together apply each migration exactly once.
 */
export async function migrate(owner: Sql, logger: Logger, dir = MIGRATIONS_DIR): Promise<number> {
  const migrations = readMigrations(dir);
  const conn = await owner.reserve();
  try {
    await conn`select pg_advisory_lock(hashtext('igny8_migrations'))`;
    await conn`create table if not exists igny8_migrations (
      id int primary key, name text not null, applied_at timestamptz not null default now())`;
    const done = new Set((await conn`select id from igny8_migrations`).map((r) => r.id as number));
    let applied = 0;
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await conn.unsafe(`begin;\n${m.sql}\n;insert into igny8_migrations (id, name) values (${m.id}, '${m.name}');\ncommit;`).catch(async (err) => {
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
