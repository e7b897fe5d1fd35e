import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WordPress } from './site';

const PLUGIN_DIR = fileURLToPath(new URL('../../../', import.meta.url));
const CLI_REQUEST = fileURLToPath(new URL('../../../../scripts/wordpress/php/cli-request.php', import.meta.url));

/**
 * The plugin folder as WordPress gets it: named igny8 (a link to this workspace), with its built
 * screens. Remove the returned folder when done.
 */
export function pluginFolder(): { path: string; dispose: () => void } {
  if (!existsSync(join(PLUGIN_DIR, 'build/settings.asset.php'))) {
    throw new Error('the plugin is not built: run `npm run build -w wp-plugin` (npm test does it first)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'igny8-plugin-'));
  symlinkSync(PLUGIN_DIR, join(dir, 'igny8'));
  return { path: join(dir, 'igny8'), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs PHP inside the site, as a request of the administrator (user 1) would: `code` is the body
 * of a function whose return value comes back through JSON.
 */
export function wpPhp<T>(wp: WordPress, code: string): T {
  const dir = mkdtempSync(join(tmpdir(), 'igny8-php-'));
  const file = join(dir, 'run.php');
  writeFileSync(
    file,
    `<?php
require ${JSON.stringify(CLI_REQUEST)};
igny8_cli_request(${JSON.stringify(wp.url)});
require ${JSON.stringify(join(wp.dir, 'wordpress/wp-load.php'))};
require_once ABSPATH . 'wp-admin/includes/plugin.php';
wp_set_current_user( 1 );
echo "\\n@@RESULT@@" . wp_json_encode( ( static function () { ${code} } )() );
`,
  );
  try {
    const out = spawnSync('php', [file], { cwd: join(wp.dir, 'wordpress'), env: { ...process.env, IGNY8_WP_CONFIG: join(wp.dir, 'wp-config.php') }, encoding: 'utf8' });
    const marker = out.stdout.lastIndexOf('@@RESULT@@');
    if (out.status !== 0 || marker < 0) throw new Error(`php in the site failed (${out.status}): ${out.stderr}${out.stdout}`);
    return JSON.parse(out.stdout.slice(marker + '@@RESULT@@'.length)) as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
