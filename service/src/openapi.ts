import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app';
import { loadConfig } from './config';
import type { Deps } from './context';
import { openApiDocument } from './http/openapi-doc';

/**
 * Prints the OpenAPI document the service serves, without a database: mounting the routes needs
 * only the configuration, and no request is served. With `--lint`, checks it with Redocly
 * (`redocly.yaml` at the repository root) instead, and exits with Redocly's status.
 */
const doc = JSON.stringify(openApiDocument(createApp({ config: loadConfig({}) } as Deps)), null, 2);

if (process.argv.includes('--lint')) {
  const dir = mkdtempSync(join(tmpdir(), 'igny8-openapi-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, doc);
  const config = new URL('../../redocly.yaml', import.meta.url).pathname;
  const lint = spawnSync('redocly', ['lint', '--config', config, file], { stdio: 'inherit', env: { ...process.env, NO_COLOR: '1' } });
  rmSync(dir, { recursive: true, force: true });
  process.exit(lint.status ?? 1);
} else {
  process.stdout.write(`${doc}\n`);
}
