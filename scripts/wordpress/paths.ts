import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The WordPress versions the launcher runs, each with the Debian suite that packages it. */
export const suites = { '7.1': 'forky', '6.8': 'trixie' } as const;
export type WordPressVersion = keyof typeof suites;

export function isWordPressVersion(value: string): value is WordPressVersion {
  return Object.hasOwn(suites, value);
}

/** Outside the repository, shared by every checkout: unpacked WordPress trees and the sites. */
export function cacheRoot(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'igny8', 'wordpress');
}

export function sitesRoot(): string {
  return join(cacheRoot(), 'sites');
}

/** The PHP helpers beside this file: router, setup scripts, wp-config template, mu-plugin. */
export const phpDir = fileURLToPath(new URL('./php/', import.meta.url));
