import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// The build's own rule for what is a WordPress script (an external, e.g. ['wp', 'components']) and
// what it bundles (@wordpress/ui, @wordpress/icons…).
const { defaultRequestToExternal } = require('@wordpress/dependency-extraction-webpack-plugin/lib/util') as {
  defaultRequestToExternal: (request: string) => string | string[] | undefined;
};

const NAMED_IMPORT = /import\s*\{([^}]*)\}\s*from\s*["'](@wordpress\/[a-z-]+)["']/g;

/** The ES module files of an installed package's module build. */
function moduleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.mjs'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Every name the lean build's DataViews, and the @wordpress/ui it bundles, import from a script of
 * WordPress, as [global path, name], e.g. [['wp', 'components'], 'Button'], read from the same
 * module builds the lean build is made of: WordPress must export each of them.
 */
export function leanBuildImports(): [string[], string][] {
  const dataviews = dirname(require.resolve('@wordpress/dataviews/package.json'));
  const ui = dirname(createRequire(join(dataviews, 'package.json')).resolve('@wordpress/ui/package.json'));
  const found = new Map<string, [string[], string]>();
  for (const file of [...moduleFiles(join(dataviews, 'build-module')), ...moduleFiles(join(ui, 'build-module'))]) {
    for (const [, names = '', request = ''] of readFileSync(file, 'utf8').matchAll(NAMED_IMPORT)) {
      const external = defaultRequestToExternal(request);
      if (!Array.isArray(external)) continue;
      for (const name of names.split(',').map((part) => part.trim().split(/\s+as\s+/)[0] ?? '')) {
        if (name) found.set(`${external.join('.')}.${name}`, [external, name]);
      }
    }
  }
  return [...found.values()];
}
