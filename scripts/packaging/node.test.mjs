// Builds and packs @tessera/node, installs the tarball into a project outside the workspace as a merchant's server
// would, and checks that plain Node 22 loads it both ways, `import` (the ES build) and `require` (the CommonJS
// one), with no TypeScript and no bundler in between; that strict TypeScript finds its types from an ES module
// and from a CommonJS one (`module: node16`); and that attw finds nothing wrong in any resolution mode, CommonJS
// `require` and node10 included (the shared lint:package check leaves those out, being for ESM-only packages).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const pkgDir = join(root, 'packages/node');
const manifest = (path) => JSON.parse(readFileSync(path, 'utf8'));
const rootDevDependencies = manifest(join(root, 'package.json')).devDependencies;

function run(cmd, args, cwd) {
  const started = Date.now();
  const { status, stdout, stderr, error } = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${relative(root, cwd) || '.'}: ${[cmd, ...args].join(' ')} (${seconds} s): exit ${status}`);
  return { status, stdout, output: `${stdout}${stderr}${error ? `\n${error.message}` : ''}` };
}

const scratch = mkdtempSync(join(tmpdir(), 'tessera-packaging-node-'));
const app = join(scratch, 'app');
let tarball;
let install;

beforeAll(() => {
  // Built here rather than by a turbo dependency, so the test checks the sources it runs beside.
  const build = run('pnpm', ['run', 'build'], pkgDir);
  if (build.status !== 0) throw new Error(`building @tessera/node failed:\n${build.output}`);
  const packs = join(scratch, 'tarballs');
  const packed = run('pnpm', ['pack', '--pack-destination', packs], pkgDir);
  if (packed.status !== 0) throw new Error(`pnpm pack failed for @tessera/node:\n${packed.output}`);
  tarball = join(
    packs,
    readdirSync(packs).find((f) => f.startsWith('tessera-node-')),
  );
  cpSync(join(import.meta.dirname, 'fixture-node'), app, { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'tessera-packaging-node-fixture',
      private: true,
      // CommonJS by default, as many servers still are; check.mjs and esm.mts are ES modules by their extension.
      type: 'commonjs',
      dependencies: { '@tessera/node': `file:${tarball}` },
      devDependencies: {
        '@types/node': rootDevDependencies['@types/node'],
        typescript: rootDevDependencies.typescript,
      },
    }),
  );
  install = run('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile', '--ignore-workspace'], app);
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const EXPORTS = ['Tessera', 'TesseraApiError', 'TesseraConnectionError', 'WebhookVerificationError', 'verifyWebhook'];

/** Runs one of the fixture's check scripts in plain Node and parses what it printed. */
function check(script) {
  const result = run(process.execPath, [script], app);
  expect(result.status, result.output).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1));
}

describe('@tessera/node, packed and installed outside the workspace', () => {
  it('installs from its tarball, with no dependencies of its own', () => {
    expect(install.status, install.output).toBe(0);
    const pkg = manifest(join(app, 'node_modules/@tessera/node/package.json'));
    expect(pkg.dependencies).toBeUndefined();
    expect(JSON.stringify(pkg)).not.toContain('workspace:');
    expect(JSON.stringify(pkg)).not.toContain('./src/');
  });

  it('maps import and require to their own builds, types first in each', () => {
    const pkg = manifest(join(app, 'node_modules/@tessera/node/package.json'));
    expect(pkg.exports['.']).toEqual({
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    });
    expect(pkg.main).toBe('./dist/index.cjs');
    expect(pkg.types).toBe('./dist/index.d.cts');
    const files = readdirSync(join(app, 'node_modules/@tessera/node/dist')).sort();
    expect(files).toEqual(['index.cjs', 'index.cjs.map', 'index.d.cts', 'index.d.ts', 'index.js', 'index.js.map']);
  });

  it('ships self-contained types: protocol inlined, only node: built-ins imported', () => {
    const types = readFileSync(join(app, 'node_modules/@tessera/node/dist/index.d.ts'), 'utf8');
    expect(types).toContain('interface TokenObject');
    // Import statements, not the `import … from '@tessera/node'` of a JSDoc example.
    const imports = [...types.matchAll(/^import .* from ["']([^"']+)["'];?$/gm)].map((m) => m[1]);
    expect(
      imports.every((from) => from.startsWith('node:')),
      imports.join(', '),
    ).toBe(true);
    expect(readFileSync(join(app, 'node_modules/@tessera/node/dist/index.d.cts'), 'utf8')).toBe(types);
  });

  it('works through `import` in plain Node, from the ES build', () => {
    const result = check('check.mjs');
    expect(result.resolved).toMatch(/@tessera[/\\]node[/\\]dist[/\\]index\.js$/);
    expect(result).toMatchObject({
      exports: EXPORTS,
      tokenId: 'tok_1',
      requests: 3,
      bearer: true,
      error: { api: true, code: 'not_found', status: 404 },
      event: 'evt_1',
      refused: 'invalid_signature',
    });
  });

  it('works through `require` in plain Node, from the CommonJS build', () => {
    const result = check('check.cjs');
    expect(result.resolved).toMatch(/@tessera[/\\]node[/\\]dist[/\\]index\.cjs$/);
    expect(result).toMatchObject({
      exports: EXPORTS,
      tokenId: 'tok_1',
      requests: 3,
      bearer: true,
      error: { api: true, code: 'not_found', status: 404 },
      event: 'evt_1',
      refused: 'invalid_signature',
    });
  });

  it('type-checks a strict server as an ES module and as CommonJS (module: node16)', () => {
    const typecheck = run(join(app, 'node_modules/.bin/tsc'), ['-p', '.'], app);
    expect(typecheck.status, typecheck.output).toBe(0);
  });

  it('passes attw in every resolution mode, require and node10 included', () => {
    const attw = run(join(root, 'node_modules/.bin/attw'), [tarball, '--format', 'json'], app);
    expect(attw.status, attw.output).toBe(0);
    const report = JSON.parse(attw.stdout);
    expect(report.analysis.problems ?? []).toEqual([]);
  });
});
