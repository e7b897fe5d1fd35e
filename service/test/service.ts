import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import type { Deps } from '../src/context';
import { closeDeps, createDeps } from '../src/deps';
import { createLogger, type Logger } from '../src/logger';
import { adminConnection, TEST_SECRET_KEY, withDatabase } from './database';

export type TestService = Awaited<ReturnType<typeof createTestService>>;

/**
 * A fresh database cloned from the migrated template, and the real app on top of it. Call in
 * `beforeAll`; `close()` in `afterAll` drops the database. `opts.logger` replaces the service's
 * logger, e.g. one writing to a stream the test reads.
 */
export async function createTestService(env: Record<string, string> = {}, opts: { logger?: (level: string) => Logger } = {}) {
  const adminUrl = inject('adminUrl');
  const name = `igny8_t_${randomBytes(6).toString('hex')}`;
  const admin = adminConnection(adminUrl);
  await admin.unsafe(`create database ${name} template ${inject('templateDb')}`);
  const url = withDatabase(adminUrl, name);
  const dataDir = mkdtempSync(join(tmpdir(), 'igny8-test-'));
  const config: Config = loadConfig({
    IGNY8_DATA_DIR: dataDir,
    IGNY8_SECRET_KEY: TEST_SECRET_KEY,
    IGNY8_PASSWORD_COST: '10',
    // Every test signs up from the same in-process address: the sign-up limits have tests of their own.
    IGNY8_SIGNUPS_PER_ADDRESS: '100000',
    IGNY8_SIGNUPS_PER_HOUR: '100000',
    IGNY8_PASSWORD_QUEUE: '10000',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    IGNY8_WORKER: 'off',
    // The fake provider listens on loopback; the suites that prove the refusals turn this off.
    IGNY8_ALLOW_PRIVATE_NETWORK: 'true',
    ...env,
  });
  const logger = opts.logger ? opts.logger(config.logLevel) : createLogger(config.logLevel);
  const deps: Deps = await createDeps(config, logger, url, { migrate: false });
  const app = createApp(deps);

  /** Calls the app in-process, as Hono's tests do; JSON in, JSON (or text) out. */
  async function call(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: RequestInit['body'];
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' || opts.body instanceof Uint8Array ? (opts.body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path.startsWith('/api/') || path.startsWith('/health') || path.startsWith('/ready') ? path : `/api/v1${path}`, { method, headers, body });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, body: json, text, headers: res.headers };
  }

  async function close() {
    await closeDeps(deps);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }

  return { app, deps, config, url, admin, call, close };
}
