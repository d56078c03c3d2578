import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // A cheaper scrypt cost in tests only: same code path, fewer CPU seconds per account.
    env: { MERCATO_SCRYPT_LOG_N: '12' },
  },
});
