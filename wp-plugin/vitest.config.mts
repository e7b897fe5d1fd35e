import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // Components and hooks of the screens, in jsdom.
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          // Rendering the components is slow on a busy machine; these tests wait on nothing else.
          testTimeout: 20_000,
          setupFiles: ['tests/unit/support/setup.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // The real service runs beside WordPress, on a database cloned from the service tests' template.
          globalSetup: ['../service/test/global-setup.ts'],
          pool: 'forks',
          // Each file starts its own WordPress and browser: one at a time on a small machine.
          fileParallelism: false,
          testTimeout: 60_000,
          // The first start of a WordPress version downloads and unpacks its packages.
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
