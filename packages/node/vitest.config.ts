import { defineConfig } from 'vitest/config';

// Two projects in one run (one report): `unit`, plain Node against the reference Standard Webhooks library and
// real local HTTP servers; `edge`, against the real edge, which test/support/edge-setup.ts starts in workerd with
// fresh storage and keys.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'edge',
          environment: 'node',
          include: ['test/edge/**/*.test.ts'],
          globalSetup: ['./test/support/edge-setup.ts'],
          // One edge, one merchant: files run one after another so one file's events do not land in another's pages.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
