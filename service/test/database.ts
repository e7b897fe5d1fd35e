import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { readMigrations } from '../src/db/migrate';

const require = createRequire(import.meta.url);

/** The fixed master key of the tests: the app role's password derives from it. */
export const TEST_SECRET_KEY = 'a'.repeat(64);

export function templateName(): string {
  const hash = createHash('sha256');
  for (const m of readMigrations()) hash.update(m.name).update(m.sql);
  // So is the migrator, which keeps their bookkeeping.
  hash.update(readFileSync(fileURLToPath(new URL('../src/db/migrate.ts', import.meta.url))));
  // The job queue's schema is part of the template too.
  hash.update(`graphile-worker@${require('graphile-worker/package.json').version}`);
  return `igny8_tpl_${hash.digest('hex').slice(0, 12)}`;
}

/** A connection URL for another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function adminConnection(url: string) {
  return postgres(url, { max: 1, onnotice: () => {} });
}
