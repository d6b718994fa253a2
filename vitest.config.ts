import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Each file in its own process: the official v2 SDK flips NODE_TLS_REJECT_UNAUTHORIZED
    // process-wide once overrideServiceUrl is used (real-clients.md).
    pool: 'forks',
    globalSetup: ['./test/support/postgres-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
  },
});
