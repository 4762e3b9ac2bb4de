import { defineConfig } from 'vitest/config';

// Protocol code is pure TypeScript with no DOM and no Worker APIs, so its tests run in plain Node.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
