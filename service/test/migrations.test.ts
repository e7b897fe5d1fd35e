import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS_DIR, readMigrations } from '../src/db/migrate';
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
});
