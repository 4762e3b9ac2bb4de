import { defineConfig } from 'vitest/config';

// Two projects in one run (one report): `unit`, plain Node against real local stand-ins of the edge (node:http);
// `edge`, the CLI against the real edge, which test/support/edge-setup.ts starts in workerd with fresh storage.
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
          // One edge: files run one after another, so one file's events do not land in another's pages.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
