import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// The packaging test runs in plain Node: it packs, installs and builds in a temp folder, then checks the result.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['*.test.mjs'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: ['default', 'json'],
    outputFile: { json: join(import.meta.dirname, '..', '..', 'reports', 'packaging.json') },
  },
});
