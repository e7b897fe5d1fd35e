import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cacheRoot, phpDir } from './paths';
import { command } from './prerequisites';
import { accepts, groupAlive, spawnServer, tail, waitUntil } from './process';

/** Four workers so that the block editor's parallel requests do not queue behind each other. */
const workers = '4';

/**
 * PHP settings for the server and the setup scripts. Compiled scripts persist in a file cache, which
 * halves the time of each setup script; timestamps are checked on every request so that an edited
 * plugin file counts at once.
 */
export function phpSettings(): string[] {
  const fileCache = join(cacheRoot(), 'opcache');
  mkdirSync(fileCache, { recursive: true });
  const settings = {
    'opcache.enable_cli': '1',
    'opcache.file_cache': fileCache,
    'opcache.revalidate_freq': '0',
    upload_max_filesize: '64M',
    post_max_size: '64M',
  };
  return Object.entries(settings).flatMap(([name, value]) => ['-d', `${name}=${value}`]);
}

/** PHP's built-in server for the site at `root` with its wp-config.php `config`, on 127.0.0.1 only. */
export async function startPhpServer(root: string, config: string, port: number, log: string): Promise<number> {
  if (await accepts({ host: '127.0.0.1', port })) throw new Error(`port ${port} is already in use`);
  const pid = spawnServer(
    command('php'),
    [
      ...phpSettings(),
      '-S', `127.0.0.1:${port}`,
      '-t', root,
      join(phpDir, 'router.php'),
    ],
    { cwd: root, env: { ...process.env, PHP_CLI_SERVER_WORKERS: workers, IGNY8_WP_CONFIG: config }, log },
  );
  await waitUntil(
    'PHP server',
    () => accepts({ host: '127.0.0.1', port }),
    () => (groupAlive(pid) ? undefined : tail(log)),
  );
  return pid;
}
