// Mutation testing of the protocol package: `pnpm exec stryker run stryker.config.mjs` from this folder.
// Stryker changes one operator, literal or condition at a time and reruns the tests that cover it; a change no
// test notices is a behaviour nobody checks. See docs/testing.md for the scores and the survivors.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/**/*.ts', '!src/**/*.test.ts'],
  // Only the tests that reach a mutant run against it.
  coverageAnalysis: 'perTest',
  // The machines that run this have two cores.
  concurrency: 2,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: '../../reports/mutation/protocol/mutation.json' },
  htmlReporter: { fileName: '../../reports/mutation/protocol/index.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
