// A fresh, migrated database for one benchmark run, on DATABASE_URL or the local PostgreSQL.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { loadConfig } from '../service/src/config';
import { closeDeps, createDeps } from '../service/src/deps';
import { createLogger } from '../service/src/logger';

/** Keys shared by the benchmark and the service processes it starts. */
export const BENCH_ENV = { IGNY8_SECRET_KEY: 'b'.repeat(64), JWT_SECRET: 'benchmark-jwt-secret-at-least-32-characters' };

export async function benchDatabase(env: Record<string, string> = {}) {
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `igny8_bench_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const config = loadConfig({
    IGNY8_DATA_DIR: mkdtempSync(join(tmpdir(), 'igny8-bench-')),
    ...BENCH_ENV,
    IGNY8_PASSWORD_COST: '10',
    LOG_LEVEL: 'silent',
    IGNY8_WORKER: 'off',
    ...env,
  });
  const deps = await createDeps(config, createLogger('silent'), url.toString(), { migrate: true });
  return {
    deps,
    url: url.toString(),
    async drop() {
      await closeDeps(deps);
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export function fmt(ms: number) {
  return `${(ms / 1000).toFixed(2)} s`;
}
