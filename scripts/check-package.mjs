// Lints the package in the current directory as it would be published: packs it with pnpm (which applies
// `publishConfig` and rewrites `workspace:` ranges) into a temp folder, then checks the tarball with
//   publint: package.json agrees with the files it ships (exports, types, module format);
//   attw (Are the Types Wrong?): TypeScript finds the types of each export the way a consumer's TypeScript does.
// The packages are ES modules only, so attw's `esm-only` profile: it checks `bundler` and `node16` from ESM, and
// leaves out CommonJS `require` and the pre-exports `node10` resolution, which these packages do not offer.
// Needs the package built first (turbo's `lint:package` task depends on `build`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join(import.meta.dirname, '..', 'node_modules', '.bin', name);
const run = (cmd, args) => {
  const { status } = spawnSync(cmd, args, { stdio: 'inherit' });
  if (status !== 0) {
    console.error(`check-package: \`${[cmd, ...args].join(' ')}\` failed`);
    process.exitCode = 1;
  }
  return status === 0;
};

const dir = mkdtempSync(join(tmpdir(), 'tessera-check-'));
try {
  if (run('pnpm', ['pack', '--pack-destination', dir])) {
    const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz')) ?? 'missing.tgz');
    run(bin('publint'), ['run', tarball, '--strict']);
    run(bin('attw'), [tarball, '--profile', 'esm-only']);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
