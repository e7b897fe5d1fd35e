import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * @wordpress/date (under DataViews) imports moment-timezone's utilities, whose `require('./')`
 * loads every time zone's rules (over 700 KB). The dashboard formats dates in the browser's own
 * zone and never looks a zone up, so the utilities get moment-timezone without the data.
 */
const momentTimezoneWithoutData: Plugin = {
  name: 'igny8:moment-timezone-without-data',
  enforce: 'pre',
  async resolveId(id, importer) {
    if (id === './' && importer && /moment-timezone[\\/]moment-timezone-utils\.js$/.test(importer)) {
      return this.resolve('./moment-timezone.js', importer, { skipSelf: true });
    }
    return null;
  },
};

export default defineConfig({
  plugins: [react(), momentTimezoneWithoutData],
  // @igny8/shared is TypeScript source; the dashboard only takes its zod-free modules.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:8011' } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 20_000,
  },
});
