// One bundle per screen, so each wp-admin page loads only its own script: every
// src/admin/<screen>/index.tsx becomes build/<screen>.js (with its .asset.php), and the block
// editor's sidebar src/editor/index.tsx becomes build/editor.js.
const { existsSync, readdirSync } = require('node:fs');
const { join } = require('node:path');
const defaults = require('@wordpress/scripts/config/webpack.config');

const src = join(__dirname, 'src');
const entry = {};
for (const screen of readdirSync(join(src, 'admin'), { withFileTypes: true })) {
  const index = join(src, 'admin', screen.name, 'index.tsx');
  if (screen.isDirectory() && existsSync(index)) entry[screen.name] = index;
}
if (existsSync(join(src, 'editor', 'index.tsx'))) entry.editor = join(src, 'editor', 'index.tsx');

module.exports = { ...defaults, entry };
