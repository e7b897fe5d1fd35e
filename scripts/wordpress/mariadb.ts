import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { command } from './prerequisites';
import { accepts, groupAlive, run, spawnServer, tail, waitUntil } from './process';

/**
 * A private MariaDB for one site: its own data folder, reachable only through a unix socket, so it
 * neither needs nor touches a server the machine may run on port 3306.
 */
export async function startMariaDb(siteDir: string, dbPassword: string): Promise<{ pid: number; socket: string }> {
  const socket = socketPath(siteDir);
  const config = join(siteDir, 'my.cnf');
  const log = join(siteDir, 'mariadb.log');
  const user = userInfo().username;
  await writeFile(
    config,
    [
      '[mariadbd]',
      `datadir=${join(siteDir, 'mysql')}`,
      `socket=${socket}`,
      `pid-file=${join(siteDir, 'mariadbd.pid')}`,
      `log-error=${log}`,
      'skip-networking',
      'skip-name-resolve',
      // A test site's database is small: keep the files and memory small too.
      'innodb-log-file-size=8M',
      'innodb-buffer-pool-size=32M',
      'performance-schema=OFF',
      ...(process.getuid?.() === 0 ? ['user=root'] : []),
      '[client]',
      `socket=${socket}`,
      `user=${user}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );

  if (await accepts({ path: socket })) throw new Error(`a MariaDB already serves ${socket}: stop it first (its pid is in ${siteDir}/mariadbd.pid)`);
  const fresh = !existsSync(join(siteDir, 'mysql'));
  if (fresh) {
    // The account named like the OS user logs in over the socket without a password.
    await run(command('mariadb-install-db'), [`--defaults-file=${config}`, '--auth-root-authentication-method=socket', `--auth-root-socket-user=${user}`, '--skip-test-db']);
  }
  const pid = spawnServer(command('mariadbd'), [`--defaults-file=${config}`], { log: join(siteDir, 'mariadbd.out') });
  await waitUntil(
    'MariaDB',
    () => accepts({ path: socket }),
    () => (groupAlive(pid) ? undefined : tail(log)),
  );
  if (fresh) {
    const quoted = dbPassword.replace(/[\\']/g, '\\$&');
    await run(command('mariadb'), [
      `--defaults-file=${config}`,
      '-e',
      `CREATE DATABASE wordpress CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;
       CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '${quoted}';
       GRANT ALL PRIVILEGES ON wordpress.* TO 'wordpress'@'localhost';`,
    ]);
  }
  return { pid, socket };
}

/** Unix socket paths are limited to about 107 bytes; a deep home folder moves it to /tmp. */
function socketPath(siteDir: string): string {
  const inSite = join(siteDir, 'mysqld.sock');
  if (Buffer.byteLength(inSite) <= 100) return inSite;
  return join(tmpdir(), `igny8-wp-${createHash('sha256').update(siteDir).digest('hex').slice(0, 12)}.sock`);
}
