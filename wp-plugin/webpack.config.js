// One bundle per screen, so each wp-admin page loads only its own script: every
// src/admin/<screen>/index.tsx becomes build/<screen>.js (with its .asset.php), and the block
// editor's sidebar src/editor/index.tsx becomes build/editor.js. What a screen shows only when
// asked (dialogs, panels) is a dynamic import(): a chunk the screen's script loads from its own
// URL (webpack's automatic publicPath), so it works wherever the plugin is installed.
const { existsSync, readdirSync } = require('node:fs');
const { dirname, join } = require('node:path');
const webpack = require('webpack');
const defaults = require('@wordpress/scripts/config/webpack.config');

const src = join(__dirname, 'src');
const entry = {};
for (const screen of readdirSync(join(src, 'admin'), { withFileTypes: true })) {
  const index = join(src, 'admin', screen.name, 'index.tsx');
  if (screen.isDirectory() && existsSync(index)) entry[screen.name] = index;
}
if (existsSync(join(src, 'editor', 'index.tsx'))) entry.editor = join(src, 'editor', 'index.tsx');

/**
 * Writes build/chunks.json: per entry, the JS files its page loads at once (the entry and any
 * chunk it needs synchronously) and those it loads later on demand. scripts/size.mjs reads it.
 */
class ChunkManifest {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('ChunkManifest', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'ChunkManifest', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_REPORT }, () => {
        const js = (files) => [...files].filter((f) => /\.js(\?|$)/.test(f)).map((f) => f.replace(/\?.*$/, ''));
        const manifest = {};
        for (const [name, entrypoint] of compilation.entrypoints) {
          const initial = js(entrypoint.getFiles());
          const lazy = new Set();
          const seen = new Set();
          const visit = (group) => {
            for (const child of group.getChildren()) {
              if (seen.has(child)) continue;
              seen.add(child);
              for (const f of js(child.getFiles())) if (!initial.includes(f)) lazy.add(f);
              visit(child);
            }
          };
          visit(entrypoint);
          manifest[name] = { initial, lazy: [...lazy].sort() };
        }
        compilation.emitAsset('chunks.json', new webpack.sources.RawSource(`${JSON.stringify(manifest, null, 2)}\n`));
      });
    });
  }
}

// The list screens all carry DataViews and what it bundles (~317 KB gzipped of their ~323 KB in
// build/, ~178 KB of ~185 KB in build/lean/):
// one chunk for all of them, so that after the first screen the others load only their own few KB
// (until the plugin is updated). The settings screen and the editor sidebar show no table and
// keep to their own bundles.
const withoutTable = new Set(['settings', 'editor']);
const sharedByScreens = {
  name: 'screens-vendor',
  test: (module) => module.type.startsWith('javascript') && /[\\/]node_modules[\\/]/.test(module.resource ?? ''),
  chunks: (chunk) => chunk.name !== undefined && entry[chunk.name] !== undefined && !withoutTable.has(chunk.name),
  minChunks: 2,
  enforce: true,
};

const optimization = {
  ...defaults.optimization,
  splitChunks: {
    ...defaults.optimization.splitChunks,
    cacheGroups: { ...defaults.optimization.splitChunks.cacheGroups, screensVendor: sharedByScreens },
  },
};

// build/: the screens for every WordPress the plugin supports, with @wordpress/dataviews/wp, the
// DataViews that carries its own copy of the components. Its cleaning spares build/lean/, which
// the second build writes.
const bundled = {
  ...defaults,
  name: 'bundled',
  entry,
  output: { ...defaults.output, clean: { keep: /^(fonts|images|lean)\// } },
  optimization,
  module: {
    ...defaults.module,
    rules: [...defaults.module.rules, { test: /[\\/]@wordpress[\\/]dataviews[\\/]build-wp[\\/]index\.js$/, use: [require.resolve('./scripts/strip-inline-maps.cjs')] }],
  },
  plugins: [...defaults.plugins, new ChunkManifest()],
};

/** The ES module build of @wordpress/dataviews, the file its package exports to `import`. */
function dataviewsModule() {
  const pkg = require.resolve('@wordpress/dataviews/package.json');
  return join(dirname(pkg), require(pkg).exports['.'].import);
}

// build/lean/: the list screens again, with the DataViews that takes the components, compose,
// element… from WordPress (wp.components and the rest, as externals) instead of its own copy:
// ~178 KB gzipped instead of ~317 KB. The sources import @wordpress/dataviews/wp; here that name
// means the package's module build (which carries no inline maps to strip). Only a WordPress recent
// enough runs it; the plugin's PHP chooses (Admin_Pages::uses_lean_build()).
const lean = {
  ...bundled,
  name: 'lean',
  entry: Object.fromEntries(Object.entries(entry).filter(([screen]) => !withoutTable.has(screen))),
  output: { ...defaults.output, path: join(__dirname, 'build', 'lean') },
  resolve: { ...defaults.resolve, alias: { ...defaults.resolve.alias, '@wordpress/dataviews/wp$': dataviewsModule() } },
  module: defaults.module,
};

// One build after the other rather than both at once: half the peak memory and CPU.
module.exports = Object.assign([bundled, lean], { parallelism: 1 });
