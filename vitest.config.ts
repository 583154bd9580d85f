import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // With TEST_DB=postgres: a throwaway PostgreSQL cluster for the run (test/support/test-database.ts).
    globalSetup: ['test/support/postgres-cluster.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser and LibreOffice tests are heavy; two workers suit the 2-core machines.
    maxWorkers: 2,
  },
});
