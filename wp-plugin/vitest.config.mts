import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    pool: 'forks',
    // Each file starts its own WordPress and browser: one at a time on a small machine.
    fileParallelism: false,
    testTimeout: 60_000,
    // The first start of a WordPress version downloads and unpacks its packages.
    hookTimeout: 180_000,
  },
});
