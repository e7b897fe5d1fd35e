// Prints each wp-admin screen's initial JavaScript, gzipped: build/<screen>.js as its page loads
// it. WordPress's own scripts (react, wp-components, wp-data, …) are externals — listed in the
// screen's .asset.php and already on the page — so they are not in the file and not counted.
// Chunks a screen loads later (import dialog, article panel) are listed apart.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const LIMIT_KB = 250;
const build = fileURLToPath(new URL('../build/', import.meta.url));
const src = fileURLToPath(new URL('../src/admin/', import.meta.url));
if (!existsSync(build)) {
  console.error('No build yet: run `npm run build -w wp-plugin` first.');
  process.exit(1);
}
const gz = (file) => gzipSync(readFileSync(join(build, file)), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const screens = readdirSync(src, { withFileTypes: true }).filter((d) => d.isDirectory() && existsSync(join(build, `${d.name}.js`))).map((d) => d.name);
const entries = new Set(screens.map((s) => `${s}.js`));
let over = 0;
console.log(`Initial JS per screen, gzipped (WordPress externals excluded; aim ≤ ${LIMIT_KB} KB):`);
for (const screen of screens.sort()) {
  const size = gz(`${screen}.js`);
  const css = ['.css', '-rtl.css'].map((s) => `${screen}${s}`).filter((f) => existsSync(join(build, f)));
  const cssSize = css.length ? gz(css[0]) : 0;
  if (size > LIMIT_KB * 1024) over++;
  console.log(`  ${screen.padEnd(10)} ${kb(size).padStart(9)}${size > LIMIT_KB * 1024 ? '  (over the aim)' : ''}   css ${kb(cssSize)}`);
}
const later = readdirSync(build).filter((f) => f.endsWith('.js') && !entries.has(f));
if (later.length) {
  console.log('Loaded later, when asked for:');
  for (const f of later.sort()) console.log(`  ${f.padEnd(28)} ${kb(gz(f)).padStart(9)}`);
}
if (over) console.log(`${over} screen(s) over ${LIMIT_KB} KB.`);
