import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Server, database and browser tests share the 2 cores of the machines; keep runs predictable.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
