import { defineConfig } from 'vitest/config';

// The console's own tests are of its plain modules (the API client, the chart's series), in Node; the pages
// themselves are tested in Chromium by e2e/tests/console.spec.ts, against the real edge.
export default defineConfig({
  test: { include: ['src/**/*.test.ts'], environment: 'node' },
});
