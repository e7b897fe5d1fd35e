import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { phpDir, type WordPressVersion } from './paths';
import { phpSettings } from './php-server';
import { command } from './prerequisites';
import { run } from './process';

/**
 * Generated once and kept in the site (mode 0600), so that a restarted site keeps its logins. Sites
 * made from the same template share them.
 */
export interface SiteSecrets {
  version: WordPressVersion;
  admin: { user: string; password: string; email: string };
  dbPassword: string;
  salts: Record<string, string>;
}

const saltNames = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT'];
const secret = () => randomBytes(24).toString('base64url');

export async function siteSecrets(dir: string, version: WordPressVersion): Promise<SiteSecrets> {
  const file = join(dir, 'secrets.json');
  if (existsSync(file)) {
    const secrets = JSON.parse(readFileSync(file, 'utf8')) as SiteSecrets;
    // A database cannot go back to an older WordPress, and running a newer one upgrades it for good.
    if (secrets.version !== version) throw new Error(`site ${dir} holds WordPress ${secrets.version}, not ${version}: use another site`);
    return secrets;
  }
  const secrets: SiteSecrets = {
    version,
    admin: { user: 'admin', password: secret(), email: 'admin@example.com' },
    dbPassword: secret(),
    salts: Object.fromEntries(saltNames.map((name) => [name, secret()])),
  };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** The site's wp-config.php, which the shared core's loads from the IGNY8_WP_CONFIG variable. */
export const siteConfig = (dir: string) => join(dir, 'wp-config.php');

/**
 * The site's document root: links to the cached core, shared by every site so that PHP's file
 * cache compiles it once, and a wp-content of its own (hard links to the core's theme, plugin links,
 * uploads). Then its wp-config.php.
 */
export async function writeSiteFiles(
  dir: string,
  tree: string,
  config: { url: string; socket: string; secrets: SiteSecrets; plugins: string[]; muPlugins: string[] },
): Promise<string> {
  const root = join(dir, 'wordpress');
  await mkdir(root, { recursive: true });
  for (const entry of await readdir(tree)) {
    if (entry === 'wp-content' || (await lstat(join(root, entry)).catch(() => undefined))) continue;
    await symlink(join(tree, entry), join(root, entry));
  }
  const content = join(root, 'wp-content');
  if (!existsSync(content)) {
    await run('cp', ['-al', join(tree, 'wp-content'), content]).catch(() => run('cp', ['-r', join(tree, 'wp-content'), content]));
  }
  const values: Record<string, string> = {
    DB_PASSWORD: php(config.secrets.dbPassword),
    DB_HOST: php(`localhost:${config.socket}`),
    URL: php(config.url),
    ACCESSIBLE_HOSTS: php('localhost,127.0.0.1'),
    DEBUG_LOG: php(join(dir, 'debug.log')),
    CONTENT_DIR: php(content),
    SALTS: Object.entries(config.secrets.salts)
      .map(([name, value]) => `define( '${name}', ${php(value)} );`)
      .join('\n'),
  };
  const template = await readFile(join(phpDir, 'wp-config.php.template'), 'utf8');
  await writeFile(
    siteConfig(dir),
    template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? ''),
    { mode: 0o600 },
  );
  await linkInto(join(content, 'plugins'), config.plugins);
  await linkInto(join(content, 'mu-plugins'), [join(phpDir, 'igny8-test-site.php'), ...config.muPlugins]);
  return root;
}

/** Fails before anything starts when a plugin to link is not there. */
export async function checkPlugins(plugins: string[], muPlugins: string[]): Promise<void> {
  for (const path of plugins) {
    if (!(await stat(path).catch(() => undefined))?.isDirectory()) throw new Error(`${resolve(path)} is not a plugin folder`);
  }
  for (const path of muPlugins) {
    if (!path.endsWith('.php') || !(await stat(path).catch(() => undefined))?.isFile()) throw new Error(`${resolve(path)} is not a PHP file`);
  }
  const names = plugins.map((path) => basename(resolve(path)));
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice) throw new Error(`two plugin folders are named ${twice}`);
}

/** Replaces the links of a plugins folder (never its real contents) with links to `sources`. */
async function linkInto(folder: string, sources: string[]): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const entry of await readdir(folder)) {
    if ((await lstat(join(folder, entry))).isSymbolicLink()) await rm(join(folder, entry));
  }
  for (const source of sources.map((path) => resolve(path))) {
    const target = join(folder, basename(source));
    if (existsSync(target)) throw new Error(`${basename(source)} is already in ${folder}`);
    await symlink(source, target);
  }
}

/**
 * Installs WordPress on first start (or upgrades its database after a new release), then
 * configures it; returns a new application password.
 */
export async function setUpSite(
  dir: string,
  site: { root: string; url: string; release: string; secrets: SiteSecrets; plugins: string[] },
): Promise<string> {
  const { root, url, release, secrets, plugins } = site;
  const installed = join(dir, 'installed-release');
  const scripts = existsSync(installed) && readFileSync(installed, 'utf8') === release ? ['configure.php'] : ['install.php', 'configure.php'];
  const setupFile = join(dir, 'setup.json');
  const resultFile = join(dir, 'setup-result.json');
  const setup = { root, url, admin: secrets.admin, plugins: plugins.map((path) => basename(resolve(path))), result: resultFile };
  await writeFile(setupFile, JSON.stringify(setup), { mode: 0o600 });
  try {
    for (const script of scripts) {
      await run(command('php'), [...phpSettings(), join(phpDir, script), setupFile], {
        cwd: root,
        env: { ...process.env, IGNY8_WP_CONFIG: siteConfig(dir) },
      });
    }
    await writeFile(installed, release);
    return (JSON.parse(await readFile(resultFile, 'utf8')) as { appPassword: string }).appPassword;
  } finally {
    await rm(setupFile, { force: true });
    await rm(resultFile, { force: true });
  }
}

/** A PHP single-quoted string literal. */
function php(value: string): string {
  return `'${value.replace(/[\\']/g, '\\$&')}'`;
}
