// Prints the gzipped size of what the first page loads: index.html and the JS and CSS it names
// directly (with their static imports); pages loaded later are listed apart.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ensureBuilt } from './ensure-built.mjs';

await ensureBuilt({ quiet: true });
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const gz = (file) => gzipSync(readFileSync(join(dist, file))).length;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const first = new Set();
const visit = (file) => {
  if (first.has(file)) return;
  first.add(file);
  if (!file.endsWith('.js')) return;
  // Static imports between chunks: `from"./x.js"` or `import"./x.js"`.
  for (const m of readFileSync(join(dist, file), 'utf8').matchAll(/(?:from|import)\s*"\.\/([\w.-]+\.js)"/g)) visit(`assets/${m[1]}`);
};
for (const m of html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)) visit(m[1]);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let total = gz('index.html');
for (const f of first) total += gz(f);
const js = [...first].filter((f) => f.endsWith('.js')).reduce((n, f) => n + gz(f), 0);
console.log(`First page: ${kb(total)} gzipped (JavaScript ${kb(js)}) in ${first.size + 1} files`);
for (const f of [...first].sort()) console.log(`  ${f.padEnd(44)} ${kb(gz(f))}`);
const later = readdirSync(join(dist, 'assets')).filter((f) => !first.has(`assets/${f}`));
console.log(`Loaded later: ${kb(later.reduce((n, f) => n + gz(`assets/${f}`), 0))} gzipped in ${later.length} files`);
