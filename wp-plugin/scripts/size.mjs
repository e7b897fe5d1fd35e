// Prints each wp-admin screen's initial JavaScript, gzipped, in each build the plugin may enqueue:
// the files its page loads at once (its entry and any chunk the entry needs synchronously), as the
// build's chunks.json lists them. WordPress's own scripts (react, wp-components, wp-data, …) are
// externals — listed in the screen's .asset.php and already on the page — so they are not in the
// files and not counted. Chunks a screen loads later (dialogs, panels) are listed apart, with the
// screens that load them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 250;
const root = fileURLToPath(new URL('../build/', import.meta.url));
// Each build the plugin may enqueue: build/ on every supported WordPress, build/lean/ (the list
// screens with WordPress's own components) where WordPress is recent enough.
const variants = [
  ['build/ (DataViews with its own components; any WordPress)', root],
  ['build/lean/ (DataViews with WordPress\'s components; recent WordPress)', join(root, 'lean')],
];
if (!existsSync(join(root, 'chunks.json'))) {
  console.error('No build yet: run `npm run build -w wp-plugin` first.');
  process.exit(1);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const leanManifest = join(root, 'lean', 'chunks.json');
const leanScreens = new Set(existsSync(leanManifest) ? Object.keys(JSON.parse(readFileSync(leanManifest, 'utf8'))) : []);
let over = 0;
// Over the aim on current WordPress: the lean build's screens, and build/'s screens that have no lean build.
let overOnCurrent = 0;
for (const [title, build] of variants) {
  const manifestFile = join(build, 'chunks.json');
  if (!existsSync(manifestFile)) continue;
  /** @type {Record<string, { initial: string[]; lazy: string[] }>} */
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const gz = (file) => gzipSync(readFileSync(join(build, file)), { level: 9 }).length;
  const sum = (files) => files.reduce((total, f) => total + gz(f), 0);
  console.log(`${title}\nInitial JS per screen, gzipped (WordPress externals excluded; aim ≤ ${LIMIT_KB} KB):`);
  const later = new Map();
  for (const [screen, { initial, lazy }] of Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b))) {
    const size = sum(initial);
    const css = sum([`${screen}.css`, `style-${screen}.css`].filter((f) => existsSync(join(build, f))));
    const isOver = size > LIMIT_KB * 1024;
    if (isOver) over++;
    if (isOver && (build !== root || !leanScreens.has(screen))) overOnCurrent++;
    const files = initial.length > 1 ? `   (${initial.map((f) => `${f} ${kb(gz(f))}`).join(' + ')})` : '';
    console.log(`  ${screen.padEnd(10)} ${kb(size).padStart(9)}${isOver ? '  (over the aim)' : ''}   css ${kb(css)}${files}`);
    for (const f of lazy) later.set(f, [...(later.get(f) ?? []), screen]);
  }
  if (later.size) {
    console.log('Loaded later, when asked for:');
    for (const [f, screens] of [...later].sort(([a], [b]) => a.localeCompare(b))) console.log(`  ${f.padEnd(28)} ${kb(gz(f)).padStart(9)}   ${screens.join(', ')}`);
  }
}
// On WordPress too old for the lean build every list screen is over the aim, DataViews and the
// components it bundles (screens-vendor.js) alone being about 317 KB: only current WordPress is held to it.
if (over) console.log(`${over} screen(s) over ${LIMIT_KB} KB of initial JS, ${overOnCurrent} of them as current WordPress loads them.`);
if (process.argv.includes('--check') && overOnCurrent > 0) {
  console.error(`Over ${LIMIT_KB} KB of initial JS on current WordPress: ${overOnCurrent} screen(s).`);
  process.exit(1);
}
