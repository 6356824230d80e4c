import { defineConfig } from 'vitest/config';

// One browser journey at a time: the machine has two cores and the API, the model and the
// fixture site all run beside Chromium.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 600_000,
    globalSetup: ['./support/build-web.ts'],
  },
});
