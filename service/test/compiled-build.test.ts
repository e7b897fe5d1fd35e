import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminConnection, TEST_SECRET_KEY, withDatabase } from './database';
import { PASSWORD, uniqueEmail } from './factories';

/**
 * The production build (the Docker image's): the service compiled to dist/ runs on plain Node, with
 * no TypeScript loader, applies the migrations to an empty database, serves the API, runs a worker
 * process and the clustering thread, and stops cleanly on SIGTERM.
 */

const SERVICE_DIR = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(SERVICE_DIR, 'dist');
const LONG = 180_000;

const adminUrl = inject('adminUrl');
const database = `igny8_b_${randomBytes(6).toString('hex')}`;
const dataDir = mkdtempSync(join(tmpdir(), 'igny8-built-'));
const running: ChildProcess[] = [];

/** A port nothing listens on: the kernel's pick for a socket opened and closed at once. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

type Proc = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function run(entry: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [entry], {
    cwd: SERVICE_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: withDatabase(adminUrl, database),
      // The tests' key: the app role is cluster-wide, and its password derives from this key.
      IGNY8_SECRET_KEY: TEST_SECRET_KEY,
      IGNY8_DATA_DIR: dataDir,
      IGNY8_PASSWORD_COST: '10',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  const chunks: string[] = [];
  child.stdout!.on('data', (d) => chunks.push(String(d)));
  child.stderr!.on('data', (d) => chunks.push(String(d)));
  return { child, output: () => chunks.join('').slice(-5000), exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))) };
}

async function until(what: string, check: () => Promise<boolean> | boolean, p: Proc) {
  const deadline = Date.now() + LONG - 30_000;
  while (!(await check())) {
    if (p.child.exitCode !== null) throw new Error(`${what}: the process exited:\n${p.output()}`);
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}:\n${p.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: SERVICE_DIR, stdio: 'pipe' });
  const admin = adminConnection(adminUrl);
  await admin.unsafe(`create database ${database}`);
  await admin.end();
}, LONG);

afterAll(async () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  const admin = adminConnection(adminUrl);
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.end();
  rmSync(dataDir, { recursive: true, force: true });
}, LONG);

describe('the compiled service', () => {
  it('is plain JavaScript: no TypeScript file or loader is imported at run time', () => {
    const files = readdirSync(DIST).filter((f) => /\.m?js$/.test(f));
    expect(files.sort()).toEqual(['import-thread-entry.mjs', 'main.js', 'worker-entry.mjs', 'worker.js']);
    for (const file of files) {
      const code = readFileSync(join(DIST, file), 'utf8');
      expect(code, file).not.toMatch(/from\s*["']tsx|import\(["']tsx|\.ts["']/);
    }
  });

  it('migrates an empty database, serves the API, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const svc = run('dist/main.js', { PORT: String(port), HOST: '127.0.0.1', IGNY8_WORKER: 'off' });
    const base = `http://127.0.0.1:${port}`;
    await until('/ready', async () => (await fetch(`${base}/ready`).catch(() => null))?.status === 200, svc);
    expect(svc.output()).toContain('0001_tenancy.sql');
    const signup = await fetch(`${base}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: uniqueEmail('built'), password: PASSWORD, account_name: 'Built' }),
    });
    expect(signup.status).toBe(201);
    const missing = await fetch(`${base}/api/v1/no-such-route`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ success: false, code: 'not_found' });
    svc.child.kill('SIGTERM');
    expect(await svc.exited).toBe(0);
    expect(svc.output()).toContain('"msg":"stopped"');
  }, LONG);

  it('runs a separate worker process, which stops cleanly on SIGTERM', async () => {
    const worker = run('dist/worker.js', {});
    await until('the worker', () => worker.output().includes('worker started'), worker);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, LONG);

  it('clusters keywords in the compiled thread beside the entry points', async () => {
    const items = ['best green tea', 'green tea benefits', 'best tea', 'coffee beans', 'best coffee beans', 'coffee grinder'].map((keyword, i) => ({
      id: String(i), keyword, volume: 10, difficulty: null,
    }));
    const message = await new Promise<any>((resolve, reject) => {
      const thread = new Worker(join(DIST, 'worker-entry.mjs'), { workerData: { items, options: {} } });
      thread.on('message', (m) => m.kind !== 'progress' && resolve(m));
      thread.on('error', reject);
    });
    expect(message.kind).toBe('result');
    const groups = message.result.clusters.map((c: { memberIds: string[] }) => [...c.memberIds].sort());
    expect(groups).toEqual(expect.arrayContaining([['0', '1', '2'], ['3', '4', '5']]));
  });

  it('parses an import in the compiled thread beside the entry points', async () => {
    const pieces = ['Keyword,Volume\nbest tea,10\n', 'green tea,20\nbad,-1\n'].map((t) => new TextEncoder().encode(t));
    const batches: number[] = [];
    const done = await new Promise<any>((resolve, reject) => {
      const thread = new Worker(join(DIST, 'import-thread-entry.mjs'), { workerData: { maxBytes: 1 << 20, batchRows: 1, progressEvery: 100 } });
      thread.on('message', (m) => {
        if (m.kind === 'need') thread.postMessage(pieces.length ? { kind: 'piece', bytes: pieces.shift() } : { kind: 'end' });
        else if (m.kind === 'batch') {
          batches.push(m.batch.rows);
          thread.postMessage({ kind: 'go' });
        } else if (m.kind !== 'progress') {
          void thread.terminate();
          resolve(m);
        }
      });
      thread.on('error', reject);
    });
    expect(done).toMatchObject({ kind: 'done', good: 2, bad: 1 });
    expect(batches).toEqual([1, 1]);
  });
});
