// Mutation testing of the edge's pure modules (crypto, masking, templates, destination and body checks), run by
// their tests inside workerd through the same vitest config as `pnpm test`: `pnpm exec stryker run
// stryker.config.mjs` from this folder. See docs/testing.md for the scores, the run time and the survivors.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: {
    // The runner asks vitest for one of its own pools; @cloudflare/vitest-plugin replaces it with workerd's when
    // vitest configures the project, so the tests still run inside workerd.
    configFile: 'vitest.config.ts',
    // Route tests reach the worker through `cloudflare:test`, which loads wrangler's `main`, not through an
    // import, so vitest's "related" files would leave them out (half the suite, and every body refusal).
    related: false,
  },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    'src/crypto/**/*.ts',
    'src/vault/forward/mask.ts',
    'src/vault/forward/template.ts',
    'src/services/forward/destination.ts',
    'src/services/forward/forward-body.ts',
    'src/services/tokens/create-token-body.ts',
    '!src/**/*.test.ts',
  ],
  coverageAnalysis: 'perTest',
  // The machines that run this have two cores, and each runner starts its own workerd.
  concurrency: 2,
  // Route tests go through the whole worker, Durable Object included: slower than a unit test by far.
  timeoutMS: 30_000,
  ignorePatterns: ['dist', '.wrangler', 'tsconfig.tsbuildinfo'],
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: '../../reports/mutation/edge/mutation.json' },
  htmlReporter: { fileName: '../../reports/mutation/edge/index.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
