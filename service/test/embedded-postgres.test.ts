import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail } from './factories';

/**
 * `npm start` with nothing configured: the real entry point starts an embedded PostgreSQL in its
 * data folder, survives being killed (the orphaned server is taken over on the next start) and
 * shuts down cleanly on SIGTERM. Slow by nature (initdb, migrations), hence the long timeouts.
 */

const SERVICE_DIR = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(SERVICE_DIR, 'src', 'main.ts');
const LONG = 240_000;

const dataDir = mkdtempSync(join(tmpdir(), 'igny8-embedded-'));
const pidFile = join(dataDir, 'postgres', 'postmaster.pid');
const running: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function postmasterPid(): number | null {
  if (!existsSync(pidFile)) return null;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

async function until(what: string, check: () => boolean | Promise<boolean>, output: () => string, limitMs = LONG - 30_000) {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; service output:\n${output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

type Service = { child: ChildProcess; base: string; output: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> };

/** Starts `src/main.ts` as `npm start` would, with no database configured, and waits for /ready. */
async function start(): Promise<Service> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, IGNY8_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', IGNY8_PASSWORD_COST: '10' };
  for (const name of ['DATABASE_URL', 'DATABASE_APP_URL', 'IGNY8_SECRET_KEY', 'JWT_SECRET']) delete env[name];
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], { cwd: SERVICE_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const chunks: string[] = [];
  child.stdout!.on('data', (d) => chunks.push(String(d)));
  child.stderr!.on('data', (d) => chunks.push(String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const output = () => chunks.join('').slice(-5000);
  const base = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  await until('/ready', async () => {
    if (gone) throw new Error(`the service exited before it was ready:\n${output()}`);
    try {
      return (await fetch(`${base}/ready`)).status === 200;
    } catch {
      return false;
    }
  }, output);
  return { child, base, output, exited };
}

async function api(svc: Service, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(`${svc.base}/api/v1${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

afterAll(async () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // Never leave a server behind: stop whatever still holds the data folder.
  const pid = postmasterPid();
  if (pid && isAlive(pid)) {
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 120 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 250));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
}, LONG);

describe('embedded PostgreSQL', () => {
  const email = uniqueEmail('embedded');
  let first: Service;
  let orphan: number;

  it('starts with nothing configured and serves requests', async () => {
    first = await start();
    const signup = await api(first, 'POST', '/auth/signup', { email, password: PASSWORD, account_name: 'Embedded' });
    expect(signup.status).toBe(201);
    const site = await api(first, 'POST', '/sites', { name: 'Kept across restarts' }, signup.body.data.access);
    expect(site.status).toBe(201);
    expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(true);
    for (const key of ['secret.key', 'jwt.key', 'postgres.key']) expect(existsSync(join(dataDir, key)), key).toBe(true);
  }, LONG);

  it('leaves its PostgreSQL running when killed with SIGKILL', async () => {
    orphan = postmasterPid()!;
    expect(orphan).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    expect(await first.exited).toMatchObject({ signal: 'SIGKILL' });
    // The server outlives its parent and still holds the folder: the case the next start must handle.
    expect(isAlive(orphan)).toBe(true);
    expect(postmasterPid()).toBe(orphan);
  }, LONG);

  it('starts again over the orphaned server, with the data still there', async () => {
    const second = await start();
    expect(isAlive(orphan)).toBe(false);
    const current = postmasterPid();
    expect(current).not.toBeNull();
    expect(current).not.toBe(orphan);
    const signin = await api(second, 'POST', '/auth/signin', { email, password: PASSWORD });
    expect(signin.status).toBe(200);
    const sites = await api(second, 'GET', '/sites', undefined, signin.body.data.access);
    expect(sites.body.results.map((s: { name: string }) => s.name)).toEqual(['Kept across restarts']);

    // SIGTERM: the service exits by itself, with status 0, and takes its PostgreSQL with it.
    second.child.kill('SIGTERM');
    const exit = await second.exited;
    expect(exit, second.output()).toEqual({ code: 0, signal: null });
    await until('PostgreSQL to stop', () => !isAlive(current!), second.output, 60_000);
    expect(existsSync(pidFile)).toBe(false);
    expect(second.output()).toMatch(/"msg":"stopped"/);
  }, LONG);
});
