// `pnpm test:mutants`: applies each security mutant of mutants/mutants.json (a patch that removes one
// protection), runs the tests that should notice, and restores the tree. A mutant is killed when the run fails
// and every test it names among `killedBy` is among the failures. The command fails when a mutant survives,
// when a patch no longer applies (the code moved: update the mutant), when a run fails without any mutant
// (its tests are broken, so a failure would prove nothing), or when an invariant of docs/security.md has no
// mutant and no reason for it.
//
// Usage: node scripts/mutants.mjs [id …]   (all mutants when no id is given)
// Writes reports/mutants.json, which scripts/test-all.mjs counts (a killed mutant passes, any other fails).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'mutants');
const list = JSON.parse(readFileSync(join(dir, 'mutants.json'), 'utf8'));
const only = process.argv.slice(2);
const mutants = only.length > 0 ? list.mutants.filter((m) => only.includes(m.id)) : list.mutants;
const scratch = mkdtempSync(join(tmpdir(), 'tessera-mutants-'));
const env = { ...process.env, CI: process.env.CI ?? '', FORCE_COLOR: '0' };

const git = (...args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
const patchOf = (mutant) => join(dir, mutant.patch);

/** The command of a run, and where its JSON report lands. */
function commandOf(run, report) {
  if (run.vitest) {
    const config = run.config ? ['--config', run.config] : [];
    return [
      'pnpm',
      [
        '--filter',
        run.package,
        'exec',
        'vitest',
        'run',
        ...config,
        ...run.vitest,
        '--reporter=json',
        `--outputFile=${report}`,
      ],
      {},
    ];
  }
  if (run.playwright) {
    return [
      'pnpm',
      ['--filter', '@tessera/e2e', 'exec', 'playwright', 'test', ...run.playwright, '--reporter=json'],
      { PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    ];
  }
  return [run.command[0], run.command.slice(1), {}];
}

/** Full names of the failed tests in a vitest or Playwright JSON report. */
function failedTests(report) {
  if (!existsSync(report)) return [];
  const json = JSON.parse(readFileSync(report, 'utf8'));
  if (Array.isArray(json.testResults)) {
    return json.testResults.flatMap((file) =>
      file.assertionResults.filter((t) => t.status === 'failed').map((t) => t.fullName),
    );
  }
  const failed = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      const bad = spec.tests.some((t) => t.results.some((r) => r.status !== 'passed' && r.status !== 'skipped'));
      if (bad) failed.push([...path, spec.title].join(' › '));
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of json.suites ?? []) walk(suite, []);
  return failed;
}

let runs = 0;
function execute(run) {
  runs += 1;
  const report = join(scratch, `run-${runs}.json`);
  const [command, args, extraEnv] = commandOf(run, report);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, env: { ...env, ...extraEnv }, encoding: 'utf8' });
  return {
    status: result.status ?? 1,
    failed: failedTests(report),
    seconds: (Date.now() - started) / 1000,
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`,
  };
}

const results = [];
const width = Math.max(...list.mutants.map((m) => m.id.length), 12);
/** Prints a result as soon as it is known: a long run shows its progress. */
function report(result) {
  results.push(result);
  const time = result.seconds === undefined ? '' : ` (${result.seconds.toFixed(0)} s)`;
  console.log(
    `${result.outcome.padEnd(14)} ${result.id.padEnd(width)}  invariant ${result.invariant}  ${result.detail}${time}`,
  );
}
let restoring;
const restore = () => restoring?.();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    restore();
    process.exit(128);
  });
}

// Every invariant has a mutant, or a reason why not.
const covered = new Set(list.mutants.map((m) => m.invariant));
for (const [invariant, title] of Object.entries(list.invariants)) {
  if (!covered.has(Number(invariant)) && !list.withoutMutant?.[invariant]) {
    report({ id: `invariant-${invariant}`, invariant: Number(invariant), outcome: 'uncovered', detail: title });
  }
}

// Baselines: each distinct run must pass on the unchanged tree.
const baselines = new Map();
for (const mutant of mutants) {
  const key = JSON.stringify(mutant.run);
  if (baselines.has(key)) continue;
  const outcome = execute(mutant.run);
  baselines.set(key, outcome);
  if (outcome.status !== 0) {
    console.error(`baseline fails for ${key}:\n${outcome.output.slice(-3000)}`);
  }
}

for (const mutant of mutants) {
  const baseline = baselines.get(JSON.stringify(mutant.run));
  if (baseline.status !== 0) {
    report({ ...mutant, outcome: 'baseline-fails', detail: 'its tests fail without the mutant' });
    continue;
  }
  if (git('apply', '--check', patchOf(mutant)).status !== 0) {
    report({ ...mutant, outcome: 'stale', detail: 'the patch no longer applies: update the mutant' });
    continue;
  }
  if (git('apply', patchOf(mutant)).status !== 0) {
    report({ ...mutant, outcome: 'stale', detail: 'the patch did not apply' });
    continue;
  }
  restoring = () => {
    // A protection left removed in the tree would be worse than any result: stop loudly.
    const undone = git('apply', '-R', patchOf(mutant));
    if (undone.status !== 0) {
      console.error(
        `could not reverse ${mutant.patch}: ${undone.stderr}\nthe tree still holds the mutant; restore it by hand`,
      );
      process.exit(2);
    }
  };
  let outcome;
  try {
    outcome = execute(mutant.run);
  } finally {
    restore();
    restoring = undefined;
  }
  const missing = (mutant.killedBy ?? []).filter((name) => !outcome.failed.some((f) => f.includes(name)));
  const killed = outcome.status !== 0 && missing.length === 0;
  report({
    ...mutant,
    outcome: killed ? 'killed' : 'survived',
    seconds: outcome.seconds,
    detail: killed
      ? `${outcome.failed.length} failing`
      : outcome.status === 0
        ? 'every test passed'
        : `not failing: ${missing.join('; ')}`,
  });
}

rmSync(scratch, { recursive: true, force: true });
const killed = results.filter((r) => r.outcome === 'killed').length;
const bad = results.length - killed;
mkdirSync(join(root, 'reports'), { recursive: true });
writeFileSync(
  join(root, 'reports', 'mutants.json'),
  JSON.stringify(
    { numPassedTests: killed, numFailedTests: bad, numPendingTests: 0, numTodoTests: 0, results },
    null,
    2,
  ),
);
console.log(`mutants: ${killed} killed, ${bad} not (survived, stale, uncovered or broken)`);
process.exit(bad > 0 ? 1 : 0);
