import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts', 'rules/**/*.test.ts', 'adapters/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A developer's own ./.env must not reach the kakunin processes that tests start.
    env: { KAKUNIN_ENV_FILE: '/dev/null' },
  },
});
