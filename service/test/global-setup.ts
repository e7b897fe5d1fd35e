import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded';
import { migrate } from '../src/db/migrate';
import { migrateJobQueue } from '../src/jobs/runner';
import { ensureAppRoles } from '../src/db/roles';
import { SecretBox } from '../src/lib/secret-box';
import { createLogger } from '../src/logger';
import { adminConnection, templateName, TEST_SECRET_KEY, withDatabase } from './database';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

async function reachable(url: string): Promise<boolean> {
  const sql = adminConnection(url);
  try {
    await sql`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * Picks the PostgreSQL server for the run — DATABASE_URL, else the machine's own on 5432, else an
 * embedded one — and builds a migrated template database that each test file clones.
 */
export default async function setup(project: TestProject) {
  const logger = createLogger('warn');
  let embedded: EmbeddedDatabase | undefined;
  let embeddedDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    if (await reachable(LOCAL_URL)) adminUrl = LOCAL_URL;
    else {
      embeddedDir = mkdtempSync(join(tmpdir(), 'igny8-test-pg-'));
      embedded = await startEmbeddedPostgres(embeddedDir, logger);
      adminUrl = embedded.url;
    }
  }
  const template = templateName();
  const sql = adminConnection(adminUrl);
  try {
    await sql`select pg_advisory_lock(hashtext('igny8_test_template'))`;
    const [exists] = await sql`select 1 from pg_database where datname = ${template}`;
    if (!exists) {
      await sql.unsafe(`create database ${template}`);
      const owner = adminConnection(withDatabase(adminUrl, template));
      try {
        await ensureAppRoles(owner, new SecretBox(Buffer.from(TEST_SECRET_KEY, 'hex')).derive('database role igny8_app'));
        await migrate(owner, logger);
        await migrateJobQueue(withDatabase(adminUrl, template), logger);
      } catch (err) {
        await owner.end();
        await sql.unsafe(`drop database ${template}`);
        throw err;
      }
      await owner.end();
    }
  } finally {
    await sql`select pg_advisory_unlock(hashtext('igny8_test_template'))`.catch(() => {});
    await sql.end();
  }
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', template);
  return async () => {
    await embedded?.stop();
    if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  };
}
