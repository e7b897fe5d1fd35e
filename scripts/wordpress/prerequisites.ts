import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { run } from './process';

const packages = 'php-cli php-mysql php-xml php-mbstring php-curl php-gd php-zip php-intl mariadb-server';

/** PHP extensions WordPress and the setup scripts use, with the Debian package of each. */
const extensions: Record<string, string> = {
  mysqli: 'php-mysql',
  dom: 'php-xml',
  xml: 'php-xml',
  mbstring: 'php-mbstring',
  curl: 'php-curl',
  gd: 'php-gd',
  zip: 'php-zip',
  intl: 'php-intl',
};

/** The full path of a command, looking in sbin too: mariadbd is there, off most users' PATH. */
export function findCommand(command: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  return dirs.filter(Boolean).map((dir) => join(dir, command)).find((path) => existsSync(path));
}

/** Like findCommand, for commands checkPrerequisites() has vouched for. */
export function command(name: string): string {
  const path = findCommand(name);
  if (!path) throw new Error(`${name} not found`);
  return path;
}

function installHint(missing: Iterable<string>): string {
  return (
    `missing: ${[...new Set(missing)].join(' ')}\n` +
    `Install with: sudo apt-get install --no-install-recommends ${packages} ` +
    `(or run scripts/wordpress/install-packages.sh, which installs only what is missing)`
  );
}

/** Fails with what to install when the launcher cannot run on this machine. */
export async function checkPrerequisites(): Promise<void> {
  const missing: string[] = [];
  if (!findCommand('php')) missing.push('php-cli');
  else {
    const loaded = (await run('php', ['-r', 'echo implode(",", get_loaded_extensions());'])).toLowerCase().split(',');
    for (const [extension, pkg] of Object.entries(extensions)) if (!loaded.includes(extension)) missing.push(pkg);
  }
  for (const name of ['mariadbd', 'mariadb-install-db', 'mariadb']) {
    if (!findCommand(name)) missing.push('mariadb-server');
  }
  for (const name of ['apt-get', 'apt-cache', 'dpkg']) {
    if (!findCommand(name)) throw new Error(`the WordPress launcher needs Debian's ${name} to fetch WordPress`);
  }
  if (missing.length > 0) throw new Error(`The WordPress launcher cannot start: ${installHint(missing)}`);
}

/** Where the browser tests find Chromium, with the same kind of hint when it is missing. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(`Chromium not found at ${path}: sudo apt-get install --no-install-recommends chromium (or set CHROMIUM_PATH)`);
  }
  return path;
}
