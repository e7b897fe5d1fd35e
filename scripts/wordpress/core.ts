import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheRoot, phpDir, suites, type WordPressVersion } from './paths';
import { run } from './process';

/** What a cached tree was built from, written last: a tree without it is incomplete. */
interface CoreManifest {
  wordpress: string;
  packages: string[];
}

/** Packages whose files Debian's wordpress links to instead of shipping them. */
const linkedPackage = /^(libjs-|libphp-|php-getid3$)/;

/**
 * Returns the unpacked WordPress tree of a version, fetching it on first use. Debian packages it
 * for the suite named in `suites`; apt runs with its own sources and lists in a scratch folder,
 * so the machine's apt configuration is neither read for sources nor changed, and nothing is
 * installed. Several processes may fetch at once: each builds in its own folder and the first
 * rename wins.
 */
export async function ensureCore(version: WordPressVersion): Promise<{ tree: string; release: string }> {
  const dir = join(cacheRoot(), version);
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) await fetchCore(version, dir);
  const { wordpress } = JSON.parse(readFileSync(manifest, 'utf8')) as CoreManifest;
  return { tree: join(dir, 'wordpress'), release: wordpress };
}

async function fetchCore(version: WordPressVersion, dir: string): Promise<void> {
  await mkdir(cacheRoot(), { recursive: true });
  const work = await mkdtemp(join(cacheRoot(), `.fetch-${version}-`));
  try {
    const apt = await privateApt(work, suites[version]);
    await run('apt-get', [...apt, '-qq', 'update']);
    const fields = parseStanza(await run('apt-cache', [...apt, 'show', '--no-all-versions', 'wordpress']));
    const release = fields.Version ?? '';
    if (!release.startsWith(`${version}.`)) {
      throw new Error(`Debian ${suites[version]} now packages WordPress ${release}, not ${version}: update the suites in scripts/wordpress/paths.ts`);
    }
    const linked = (fields.Depends ?? '')
      .split(/[,|]/)
      .map((dependency) => dependency.trim().split(/[\s(]/)[0] ?? '')
      .filter((name) => linkedPackage.test(name));
    const packages = [`wordpress=${release}`, 'wordpress-theme-twentytwentyfive', ...new Set(linked)];

    const debs = join(work, 'debs');
    await mkdir(debs);
    await run('apt-get', [...apt, '-qq', 'download', ...packages], { cwd: debs });
    const root = join(work, 'root');
    for (const deb of await readdir(debs)) await run('dpkg', ['-x', join(debs, deb), root]);

    // Debian's .htaccess and wp-config.php point into /etc/wordpress; each site has its own.
    const unpacked = join(root, 'usr/share/wordpress');
    await rm(join(unpacked, '.htaccess'), { force: true });
    await rm(join(unpacked, 'wp-config.php'), { force: true });
    const dangling = (await run('find', [unpacked, '-xtype', 'l'])).trim();
    if (dangling) throw new Error(`links into packages not fetched (add them to linkedPackage):\n${dangling}`);
    await run('cp', ['-rL', unpacked, join(work, 'wordpress')]);
    await copyFile(join(phpDir, 'wp-config-loader.php'), join(work, 'wordpress/wp-config.php'));
    await rm(root, { recursive: true });
    await rm(debs, { recursive: true });
    await rm(join(work, 'apt'), { recursive: true });

    const manifest: CoreManifest = { wordpress: release.replace(/\+.*$/, ''), packages: packages.map((p) => p.split('=')[0] ?? p) };
    await writeFile(join(work, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await rename(work, dir).catch((error: NodeJS.ErrnoException) => {
      // Another process finished first; its tree is as good as ours.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** apt options that use only a private sources file, lists and cache under `work`. */
async function privateApt(work: string, suite: string): Promise<string[]> {
  const dirs = { sources: join(work, 'apt/sources'), lists: join(work, 'apt/lists'), cache: join(work, 'apt/cache') };
  await mkdir(join(dirs.lists, 'partial'), { recursive: true });
  await mkdir(join(dirs.cache, 'archives/partial'), { recursive: true });
  await mkdir(dirs.sources, { recursive: true });
  await writeFile(join(dirs.sources, 'debian.sources'), debianSource(suite));
  const options = [
    `Dir::Etc::SourceParts=${dirs.sources}`,
    'Dir::Etc::SourceList=/dev/null',
    `Dir::State::Lists=${dirs.lists}`,
    `Dir::Cache=${dirs.cache}`,
  ];
  // As root apt downloads as the _apt user, which cannot enter a private folder under /root.
  if (process.getuid?.() === 0) options.push('APT::Sandbox::User=root');
  return options.flatMap((option) => ['-o', option]);
}

/** The machine's own Debian mirror and keyring (from its apt sources), with another suite. */
function debianSource(suite: string): string {
  const { uri, keyring } = debianMirror();
  return `Types: deb\nURIs: ${uri}\nSuites: ${suite}\nComponents: main\nSigned-By: ${keyring}\n`;
}

function debianMirror(): { uri: string; keyring: string } {
  const keyring = '/usr/share/keyrings/debian-archive-keyring.gpg';
  const dir = '/etc/apt/sources.list.d';
  const files = [
    '/etc/apt/sources.list',
    ...(existsSync(dir) ? readdirSync(dir).filter((name) => /\.(list|sources)$/.test(name)).map((name) => join(dir, name)) : []),
  ].filter((file) => existsSync(file));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    // deb822 stanzas, then one-line entries such as `deb [signed-by=…] URI SUITE main`.
    for (const stanza of text.split(/\n\s*\n/).map(parseStanza)) {
      const uri = stanza.URIs?.split(/\s+/).find((candidate) => /\/debian\/?$/.test(candidate));
      if (uri) return { uri, keyring: stanza['Signed-By'] && existsSync(stanza['Signed-By']) ? stanza['Signed-By'] : keyring };
    }
    const line = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian\/?)\s/m.exec(text);
    if (line?.[1]) return { uri: line[1], keyring };
  }
  throw new Error('no Debian mirror in /etc/apt: the launcher fetches WordPress from the machine\'s Debian mirror');
}

/** Fields of the first deb822 stanza (apt-cache show output or a sources file). */
function parseStanza(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (Object.keys(fields).length > 0) break;
      continue;
    }
    const match = /^([\w-]+):\s*(.*)$/.exec(line);
    if (match?.[1]) fields[match[1]] = match[2] ?? '';
  }
  return fields;
}
