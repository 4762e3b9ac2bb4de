import { defineConfig } from 'vitest/config';

// Tests of the edge's code that need Node rather than workerd: the OpenAPI document against the committed copy
// in docs/ (`pnpm --filter @tessera/edge openapi` rewrites that copy) and against the app's route table, and the
// scripts' own tests (the assets assembly).
export default defineConfig({
  test: {
    include: ['test/node/**/*.test.ts', 'scripts/**/*.test.mjs'],
    environment: 'node',
  },
});
