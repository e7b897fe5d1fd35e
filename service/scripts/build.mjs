// Compiles the service to plain JavaScript in dist/, so that production runs `node dist/main.js`
// with no TypeScript loader. Each entry point becomes one ES module with @igny8/shared (TypeScript
// source) bundled in; npm packages stay imports, resolved from node_modules at run time.
//
//   dist/main.js           the HTTP service (npm start's src/main.ts)
//   dist/worker.js         a job worker process (npm run worker's src/worker.ts)
//   dist/worker-entry.mjs  the clustering thread: in-worker.ts starts `./worker-entry.mjs` beside
//                          itself, which under tsx is a shim that loads worker-run.ts and here is
//                          worker-run.ts compiled.
//   dist/import-thread-entry.mjs  an import's parsing thread, the same way (import-thread.ts).
//
// dist/ sits at the depth of src/, so the run-time folders of src/paths.ts (migrations, the
// dashboard, .data) are found the same way from both.
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = Object.keys(pkg.dependencies).filter((name) => name !== '@igny8/shared');

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  external,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: { main: 'src/main.ts', worker: 'src/worker.ts' }, outdir: 'dist' }),
  build({ ...common, entryPoints: ['src/modules/planner/clustering/worker-run.ts'], outfile: 'dist/worker-entry.mjs' }),
  build({ ...common, entryPoints: ['src/modules/planner/keywords/import-thread-run.ts'], outfile: 'dist/import-thread-entry.mjs' }),
]);
console.log('Service compiled to service/dist/.');
