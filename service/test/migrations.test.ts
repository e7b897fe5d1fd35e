import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EARLIER_VERSIONS, migrate, MIGRATIONS_DIR, readMigrations } from '../src/db/migrate';
import { createLogger } from '../src/logger';
import { createTestService, type TestService } from './service';

/** Landed migrations are immutable: each applied file's checksum is kept and checked at start-up. */

let svc: TestService;
let dir: string;
const logger = createLogger('silent');
const sha256 = (file: string) => createHash('sha256').update(readFileSync(join(MIGRATIONS_DIR, file))).digest('hex');
const recorded = async () => Object.fromEntries((await svc.deps.db.owner`select name, checksum from igny8_migrations order by id`).map((r) => [r.name, r.checksum]));

beforeAll(async () => {
  svc = await createTestService();
  dir = mkdtempSync(join(tmpdir(), 'igny8-migrations-'));
});
afterAll(async () => {
  await svc.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migration checksums', () => {
  it('records the sha256 of every file it applies', async () => {
    const files = readMigrations().map((m) => m.name);
    expect(await recorded()).toEqual(Object.fromEntries(files.map((f) => [f, sha256(f)])));
  });

  it('records the checksums of migrations applied before checksums were kept, on first start', async () => {
    await svc.deps.db.owner`alter table igny8_migrations drop column checksum`;
    expect(await migrate(svc.deps.db.owner, logger)).toBe(0);
    const files = readMigrations().map((m) => m.name);
    expect(await recorded()).toEqual(Object.fromEntries(files.map((f) => [f, sha256(f)])));
    // And starts again afterwards without complaint.
    expect(await migrate(svc.deps.db.owner, logger)).toBe(0);
  });

  it('refuses to start when an applied migration was edited, naming the file, and applies nothing', async () => {
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    appendFileSync(join(dir, '0003_thinker_system.sql'), '\ncreate index prompt_templates_sneaky on prompt_templates (updated_at);\n');
    writeFileSync(join(dir, '0999_later.sql'), 'create table later_migration (id int);\n');
    const before = await recorded();
    const refused = migrate(svc.deps.db.owner, logger, dir);
    await expect(refused).rejects.toThrow(/0003_thinker_system\.sql/);
    await expect(refused).rejects.not.toThrow(/0001_tenancy\.sql/);
    expect(await recorded()).toEqual(before);
    const [created] = await svc.deps.db.owner`select to_regclass('later_migration') as t, to_regclass('prompt_templates_sneaky') as i`;
    expect(created).toEqual({ t: null, i: null });
  });

  it('accepts a database that ran the earlier version of a migration, and records without running what that version already did', async () => {
    const owner = svc.deps.db.owner;
    const [{ checksum: earlier, covers }] = EARLIER_VERSIONS.filter((e) => e.id === 19) as [(typeof EARLIER_VERSIONS)[number]];
    expect(covers).toEqual([21]);
    // A database migrated when 0019 first landed: that version's checksum, its schema (which 0021
    // now brings about), and neither 0020 nor 0021 recorded.
    await owner`alter table keyword_import_chunks drop column deflated`;
    await owner`delete from igny8_migrations where id in (20, 21)`;
    await owner`update igny8_migrations set checksum = ${earlier} where id = 19`;

    // Only 0020 runs: 0021 would fail, its trigger to drop being already gone.
    expect(await migrate(owner, logger)).toBe(1);
    const now = await recorded();
    expect(now['0019_keyword_references_per_statement.sql']).toBe(earlier);
    expect(now['0021_keyword_cluster_checked_by_row.sql']).toBe(sha256('0021_keyword_cluster_checked_by_row.sql'));
    const [column] = await owner`select count(*)::int as n from information_schema.columns where table_name = 'keyword_import_chunks' and column_name = 'deflated'`;
    expect(column!.n).toBe(1);
    expect(await migrate(owner, logger)).toBe(0);

    // Any other version of it is still refused.
    await owner`update igny8_migrations set checksum = ${'0'.repeat(64)} where id = 19`;
    await expect(migrate(owner, logger)).rejects.toThrow(/0019_keyword_references_per_statement\.sql/);
    await owner`update igny8_migrations set checksum = ${earlier} where id = 19`;
  });
});
