// Builds the dashboard into dist/ when it is missing or older than its sources, so that
// `npm start` serves a current dashboard and a second start costs a few milliseconds.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'package.json', '../shared/src/roles.ts'];

function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function isStale() {
  const built = newest(join(root, 'dist', 'index.html'));
  return built === 0 || SOURCES.some((s) => newest(join(root, s)) > built);
}

export async function ensureBuilt({ quiet = false } = {}) {
  if (!isStale()) return false;
  const started = performance.now();
  if (!quiet) console.log('Building the dashboard…');
  const { build } = await import('vite');
  await build({ root, logLevel: quiet ? 'error' : 'warn' });
  if (!quiet) console.log(`Dashboard built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureBuilt();
}
