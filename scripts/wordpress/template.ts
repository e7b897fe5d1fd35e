import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startMariaDb } from './mariadb';
import { cacheRoot, sitesRoot, type WordPressVersion } from './paths';
import { run, stopGroup } from './process';
import { setUpSite, siteSecrets, writeSiteFiles } from './site';
import { temporaryName } from './state';

/** What a site needs to skip creating its database and installing WordPress. */
const templateFiles = ['mysql', 'secrets.json', 'installed-release'];

/**
 * Gives a new site the database of a freshly installed WordPress, copied from a template that is
 * made once per release (about as long as one installation). Creating a database and installing
 * WordPress cost several seconds on a busy machine; copying the stopped database a fraction.
 */
export async function seedFromTemplate(dir: string, version: WordPressVersion, tree: string, release: string): Promise<void> {
  const template = join(cacheRoot(), version, `template-${release}`);
  if (!existsSync(template)) await buildTemplate(template, version, tree, release);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const file of templateFiles) await run('cp', ['-r', join(template, file), join(dir, file)]);
}

async function buildTemplate(template: string, version: WordPressVersion, tree: string, release: string): Promise<void> {
  // Built as a temporary site, so that a crash mid-way leaves nothing the reaper would not remove.
  const work = join(sitesRoot(), temporaryName(`template-${randomBytes(4).toString('hex')}`));
  try {
    const secrets = await siteSecrets(work, version);
    const mariadb = await startMariaDb(work, secrets.dbPassword);
    try {
      const url = 'http://127.0.0.1:8890';
      const root = await writeSiteFiles(work, tree, { url, socket: mariadb.socket, secrets, plugins: [], muPlugins: [] });
      await setUpSite(work, { root, url, release, secrets, plugins: [] });
    } finally {
      await stopGroup(mariadb.pid);
    }
    const ready = `${template}.${randomBytes(4).toString('hex')}`;
    await mkdir(ready);
    for (const file of templateFiles) await rename(join(work, file), join(ready, file));
    await rename(ready, template).catch(async (error: NodeJS.ErrnoException) => {
      // Another process made it first.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      await rm(ready, { recursive: true, force: true });
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
