import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration files each create their own database; keep parallelism modest.
    maxWorkers: 2,
    // Department processes a test starts inherit it: no standup at 9:00 or as a catch-up mid-suite.
    env: { MEETINGS_SCHEDULE: 'off' },
  },
});
