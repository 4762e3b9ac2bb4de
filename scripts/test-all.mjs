// Runs every test runner (vitest in each package, Playwright in e2e/) and prints one closing line,
// `N passed, N failed`, summed over all of them from their JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const env = { ...process.env, REPORTS_DIR: reports, TURBO_TELEMETRY_DISABLED: '1' };
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;

const steps = [
  [
    'unit and workerd tests',
    'pnpm',
    ['exec', 'turbo', 'run', 'test', '--filter=!@tessera/e2e', '--concurrency=1', '--output-logs=new-only'],
  ],
  // Packs the publishable packages, installs the tarballs in a temp project and builds a page with them.
  ['packaging test', 'pnpm', ['exec', 'turbo', 'run', 'test:packaging', '--output-logs=new-only']],
  ['end-to-end tests', 'pnpm', ['--filter', '@tessera/e2e', 'test']],
];
const failedSteps = [];
for (const [name, cmd, args] of steps) {
  console.log(`\n=== ${name} ===`);
  if (run(cmd, args) !== 0) failedSteps.push(name);
}

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
    // vitest's JSON reporter
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
  console.log(`report ${file}: ok`);
}
// A runner that crashed before reporting is a failure, even though it counted no failed test.
if (failedSteps.length > 0 && failed === 0) failed = failedSteps.length;
if (failedSteps.length > 0) console.log(`failed steps: ${failedSteps.join(', ')}`);
if (!existsSync(reports)) failed += 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
