import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ensureCore } from './core';
import { startMariaDb } from './mariadb';
import { sitesRoot, type WordPressVersion } from './paths';
import { startPhpServer } from './php-server';
import { checkPrerequisites } from './prerequisites';
import { killGroupNow, stopGroup } from './process';
import { checkPlugins, setUpSite, siteConfig, siteSecrets, writeSiteFiles } from './site';
import { seedFromTemplate } from './template';
import { isRunning, readState, reapAbandonedSites, stopSite, temporaryName, writeState } from './state';

export { isWordPressVersion, suites, type WordPressVersion } from './paths';
export { chromiumPath } from './prerequisites';

export interface WordPressOptions {
  version: WordPressVersion;
  /** Default: a free port. */
  port?: number;
  /** Plugin folders to link into wp-content/plugins and activate. */
  plugins?: string[];
  /** PHP files to link into wp-content/mu-plugins. */
  muPlugins?: string[];
  /**
   * A named site keeps its database and files between starts (the command line uses the version).
   * Without a name the site is new, and stop() deletes it.
   */
  site?: string;
}

export interface WordPress {
  url: string;
  /** The exact WordPress release, e.g. 7.1.3. */
  release: string;
  admin: { user: string; password: string };
  /** An application password of the administrator, for REST calls with basic auth. */
  appPassword: string;
  /** The WP_DEBUG log: PHP notices, warnings and errors of every request land here. */
  debugLog: string;
  /** The site's folder: its WordPress, database, logs. */
  dir: string;
  stop(): Promise<void>;
}

/**
 * Starts a real WordPress served by PHP's built-in server, on its own MariaDB, for development and
 * offline tests. The first start of a version fetches and unpacks its Debian packages and installs
 * a template site (under a minute); later a fresh site takes about 3 s, a named one 1.5 s.
 */
export async function startWordPress(options: WordPressOptions): Promise<WordPress> {
  await checkPrerequisites();
  await checkPlugins(options.plugins ?? [], options.muPlugins ?? []);
  await reapAbandonedSites();
  const { tree, release } = await ensureCore(options.version);
  const temporary = options.site === undefined;
  const dir = join(sitesRoot(), options.site ?? temporaryName(randomBytes(4).toString('hex')));
  const previous = readState(dir);
  if (previous && isRunning(previous)) throw new Error(`site ${options.site} already runs at ${previous.url}`);

  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const groups: number[] = [];
  const killOnExit = () => groups.forEach(killGroupNow);
  if (temporary) process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    for (const group of [...groups].reverse()) await stopGroup(group);
    await stopSite(dir);
    if (temporary) await rm(dir, { recursive: true, force: true });
  };

  try {
    if (!existsSync(join(dir, 'mysql'))) await seedFromTemplate(dir, options.version, tree, release);
    const secrets = await siteSecrets(dir, options.version);
    const mariadb = await startMariaDb(dir, secrets.dbPassword);
    groups.push(mariadb.pid);
    const plugins = options.plugins ?? [];
    const root = await writeSiteFiles(dir, tree, { url, socket: mariadb.socket, secrets, plugins, muPlugins: options.muPlugins ?? [] });
    await writeState(dir, { version: options.version, release, url, groups: [mariadb.pid] });
    const appPassword = await setUpSite(dir, { root, url, release, secrets, plugins });
    groups.push(await startPhpServer(root, siteConfig(dir), port, join(dir, 'server.log')));
    await writeState(dir, { version: options.version, release, url, groups: [...groups].reverse() });
    return {
      url,
      release,
      admin: { user: secrets.admin.user, password: secrets.admin.password },
      appPassword,
      debugLog: join(dir, 'debug.log'),
      dir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
