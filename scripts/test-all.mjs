// Runs every test runner (vitest in each package, the packaging test, Playwright in e2e/) and prints one closing
// line, `N passed, N failed`, summed over all of them from their JSON reports.
//
// `--ci` (what .ci/run uses) adds the gates before the tests, lint and typecheck (vitest strips types, so a
// type error would pass every test), and the security mutants after them (scripts/mutants.mjs). Each gate counts
// as one passed or failed check in the closing line, each mutant as one (killed passes).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ci = process.argv.includes('--ci');
const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const env = { ...process.env, REPORTS_DIR: reports, TURBO_TELEMETRY_DISABLED: '1' };
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

/** Steps whose failure is counted by the report they write (a crash without a report still counts). */
const tests = [
  [
    'unit and workerd tests',
    'pnpm',
    // --continue: one package's failure must not hide the others' results.
    [
      'exec',
      'turbo',
      'run',
      'test',
      '--filter=!@tessera/e2e',
      '--concurrency=1',
      '--continue',
      '--output-logs=new-only',
    ],
  ],
  // Packs the publishable packages, installs the tarballs in a temp project and builds a page with them.
  ['packaging test', 'pnpm', ['exec', 'turbo', 'run', 'test:packaging', '--output-logs=new-only']],
  ['end-to-end tests', 'pnpm', ['--filter', '@tessera/e2e', 'test']],
];
const gates = [
  ['lint', 'pnpm', ['lint']],
  ['typecheck', 'pnpm', ['typecheck']],
];
const mutants = ['security mutants', 'node', ['scripts/mutants.mjs']];

const failedSteps = [];
const gateResults = { numPassedTests: 0, numFailedTests: 0, gates: {} };
if (ci) {
  for (const [name, cmd, args] of gates) {
    console.log(`\n=== ${name} ===`);
    const ok = run(cmd, args) === 0;
    gateResults.gates[name] = ok ? 'passed' : 'failed';
    if (ok) gateResults.numPassedTests += 1;
    else {
      gateResults.numFailedTests += 1;
      failedSteps.push(name);
    }
  }
}
for (const [name, cmd, args] of ci ? [...tests, mutants] : tests) {
  console.log(`\n=== ${name} ===`);
  if (run(cmd, args) !== 0) failedSteps.push(name);
}
// Written last: every step before may have cleared or filled reports/.
if (ci) writeFileSync(join(reports, 'gates.json'), JSON.stringify(gateResults, null, 2));

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of readdirSync(reports).filter((f) => f.endsWith('.json'))) {
  const report = JSON.parse(readFileSync(join(reports, file), 'utf8'));
  if (report.stats && 'expected' in report.stats) {
    // Playwright's JSON reporter
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
  } else if ('numPassedTests' in report) {
    // vitest's JSON reporter, and the gates' and mutants' reports in the same shape
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  console.log(`report ${file}: ok`);
}
// A runner that crashed before reporting is a failure, even though it counted no failed test: every report a
// step should have written and did not counts as one failed check, whatever else failed.
const expected = {
  'unit and workerd tests': [
    'protocol',
    'elements',
    'js',
    'react',
    'edge',
    'edge-node',
    'demo',
    'node',
    'cli',
    'bench',
  ],
  'packaging test': ['packaging'],
  'end-to-end tests': ['e2e'],
  'security mutants': ['mutants'],
};
const written = new Set(readdirSync(reports).map((f) => f.replace(/\.json$/, '')));
for (const [step, names] of Object.entries(expected)) {
  if (step === 'security mutants' && !ci) continue;
  for (const name of names) {
    if (!written.has(name)) {
      console.log(`missing report ${name}.json (${step})`);
      failed += 1;
    }
  }
}
if (failedSteps.length > 0 && failed === 0) failed = failedSteps.length;
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
if (!existsSync(reports)) failed += 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
