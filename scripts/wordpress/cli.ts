/**
 * npm run wordpress -- start [--version 7.1] [--port 8890] [--plugin DIR]... [--mu-plugin FILE]... [--site NAME]
 * npm run wordpress -- stop [--version 7.1 | --site NAME]     (no option: every site started here)
 * npm run wordpress -- status
 * A started site keeps running after this command ends, and keeps its database between starts.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isWordPressVersion, startWordPress, suites } from './index';
import { sitesRoot } from './paths';
import { isRunning, isTemporary, readState, reapAbandonedSites, stopSite } from './state';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    version: { type: 'string' },
    port: { type: 'string' },
    site: { type: 'string' },
    plugin: { type: 'string', multiple: true },
    'mu-plugin': { type: 'string', multiple: true },
  },
});

async function main(): Promise<void> {
  const action = positionals[0] ?? 'status';
  const version = values.version ?? '7.1';
  if (!isWordPressVersion(version)) throw new Error(`--version must be one of ${Object.keys(suites).join(', ')}`);
  const site = values.site ?? version;

  if (action === 'start') {
    const port = Number(values.port ?? 8890);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error('--port must be a port number');
    const started = Date.now();
    const wordpress = await startWordPress({ version, port, site, plugins: values.plugin, muPlugins: values['mu-plugin'] });
    console.log(`WordPress ${wordpress.release} (site ${site}) started in ${((Date.now() - started) / 1000).toFixed(1)} s
  site            ${wordpress.url}/
  admin           ${wordpress.url}/wp-admin/  user ${wordpress.admin.user}  password ${wordpress.admin.password}
  app password    ${wordpress.appPassword}
  debug log       ${wordpress.debugLog}
Stop it with: npm run wordpress -- stop --site ${site}`);
  } else if (action === 'stop') {
    // Temporary sites belong to the test runs that started them.
    const names = values.site || values.version ? [site] : (await siteNames()).filter((name) => !isTemporary(name));
    for (const name of names) {
      const state = readState(join(sitesRoot(), name));
      if (state && isRunning(state)) console.log(`stopping ${name} (${state.url})`);
      await stopSite(join(sitesRoot(), name));
    }
  } else if (action === 'status') {
    await reapAbandonedSites();
    const names = await siteNames();
    if (names.length === 0) console.log('no sites');
    for (const name of names) {
      const state = readState(join(sitesRoot(), name));
      const running = state !== undefined && isRunning(state);
      console.log(`${name.padEnd(24)} ${running ? `running  WordPress ${state.release}  ${state.url}/` : 'stopped'}`);
    }
  } else {
    throw new Error(`unknown command ${action}: use start, stop or status`);
  }
}

async function siteNames(): Promise<string[]> {
  return existsSync(sitesRoot()) ? (await readdir(sitesRoot())).sort() : [];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
