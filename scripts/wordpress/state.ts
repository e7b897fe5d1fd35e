import { existsSync, readFileSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WordPressVersion } from './paths';
import { sitesRoot } from './paths';
import { groupAlive, processAlive, stopGroup } from './process';

/** A running site, as recorded in its folder for `status`, `stop` and clean-up after a crash. */
export interface SiteState {
  version: WordPressVersion;
  release: string;
  url: string;
  /** Process groups, stopped in this order: the PHP server first, then MariaDB. */
  groups: number[];
}

/** Temporary sites are named after the process that owns them: `run-<pid>-<random>`. */
export const temporaryName = (suffix: string) => `run-${process.pid}-${suffix}`;
const temporaryOwner = (name: string) => /^run-(\d+)-/.exec(name)?.[1];
export const isTemporary = (name: string) => temporaryOwner(name) !== undefined;

export function readState(dir: string): SiteState | undefined {
  const file = join(dir, 'state.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as SiteState) : undefined;
}

export async function writeState(dir: string, state: SiteState): Promise<void> {
  await writeFile(join(dir, 'state.json'), JSON.stringify(state, null, 2));
}

export function isRunning(state: SiteState): boolean {
  return state.groups.some(groupAlive);
}

/** Stops a site's processes and forgets that it runs. */
export async function stopSite(dir: string): Promise<void> {
  for (const group of readState(dir)?.groups ?? []) await stopGroup(group);
  await rm(join(dir, 'state.json'), { force: true });
}

/**
 * Temporary sites whose owning process died without stopping them (a killed test run) still hold
 * a PHP server, a MariaDB and their files: end and remove them.
 */
export async function reapAbandonedSites(): Promise<void> {
  if (!existsSync(sitesRoot())) return;
  for (const name of await readdir(sitesRoot())) {
    const owner = temporaryOwner(name);
    if (owner === undefined || processAlive(Number(owner))) continue;
    const dir = join(sitesRoot(), name);
    await stopSite(dir);
    await rm(dir, { recursive: true, force: true });
  }
}
