import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // `npm test` runs every test: the PostgreSQL and Redis suites use the machine's services
    // unless the environment points elsewhere (.ci/run sets the same defaults).
    env: {
      TEST_DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      TEST_REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    },
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // PGlite takes seconds to boot and Argon2 is deliberately slow: generous limits, few workers
    // (the CI machine has two cores).
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
