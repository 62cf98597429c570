import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the search index and trains the crisis classifier once for the whole run.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Server, database and browser tests share the 2 cores of the machines; keep runs predictable.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
