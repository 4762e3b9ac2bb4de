// Installs the packed tarballs of @tessera/protocol, @tessera/js and @tessera/react into a project outside the
// workspace, as a merchant would, and checks that a strict TypeScript page using them type-checks and builds with
// Vite, and that it ends up with one copy of React. Needs the three packages built (turbo's `//#test:packaging`
// task depends on their builds). Only the npm registry is reached, and mostly not even that: the install prefers
// pnpm's store, and the registry packages are pinned to the versions the workspace already uses.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const PACKAGES = ['protocol', 'js', 'react'];
const manifest = (path) => JSON.parse(readFileSync(path, 'utf8'));
const workspaceReact = manifest(join(root, 'packages/react/package.json')).devDependencies;
const typescriptVersion = manifest(join(root, 'package.json')).devDependencies.typescript;

function run(cmd, args, cwd) {
  const started = Date.now();
  const { status, stdout, stderr, error } = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A stalled install or build fails the test instead of holding the whole test run.
    timeout: 120_000,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`${relative(root, cwd) || '.'}: ${[cmd, ...args].join(' ')} (${seconds} s): exit ${status}`);
  return { status, output: `${stdout}${stderr}${error ? `\n${error.message}` : ''}` };
}

/** The distinct installed folders of `name` among bundled module ids (pnpm's `.pnpm/<name>@<version>/…`). */
function packageRoots(ids, name) {
  const marker = `${sep}node_modules${sep}${name}${sep}`;
  return new Set(
    ids.filter((id) => id.includes(marker)).map((id) => id.slice(0, id.lastIndexOf(marker) + marker.length)),
  );
}

const scratch = mkdtempSync(join(tmpdir(), 'tessera-packaging-'));
const app = join(scratch, 'app');
const tarballs = {};
let install;
let typecheck;
let build;

beforeAll(() => {
  const packs = join(scratch, 'tarballs');
  for (const name of PACKAGES) {
    const packed = run('pnpm', ['pack', '--pack-destination', packs], join(root, 'packages', name));
    if (packed.status !== 0) throw new Error(`pnpm pack failed for @tessera/${name}:\n${packed.output}`);
    tarballs[`@tessera/${name}`] = join(
      packs,
      readdirSync(packs).find((f) => f.startsWith(`tessera-${name}-`)),
    );
  }
  cpSync(join(import.meta.dirname, 'fixture'), app, { recursive: true });
  const local = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      name: 'tessera-packaging-fixture',
      private: true,
      type: 'module',
      dependencies: { ...local, react: workspaceReact.react, 'react-dom': workspaceReact['react-dom'] },
      devDependencies: {
        '@types/react': workspaceReact['@types/react'],
        '@types/react-dom': workspaceReact['@types/react-dom'],
        typescript: typescriptVersion,
        vite: workspaceReact.vite,
      },
      // @tessera/react depends on @tessera/js@^0.1.0: take it from the tarball, never from the registry.
      pnpm: { overrides: local },
    }),
  );
  install = run('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile', '--ignore-workspace'], app);
  if (install.status !== 0) return;
  typecheck = run(join(app, 'node_modules/.bin/tsc'), ['-p', '.'], app);
  build = run(join(app, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], app);
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the packed packages, installed outside the workspace', () => {
  it('install from their tarballs', () => {
    expect(install.status, install.output).toBe(0);
  });

  it('publish dist files, types first, and no workspace links', () => {
    for (const name of Object.keys(tarballs)) {
      const pkg = manifest(join(app, 'node_modules', name, 'package.json'));
      expect(pkg.version).toBe('0.1.0');
      expect(Object.keys(pkg.exports['.'])).toEqual(['types', 'default']);
      expect(pkg.exports['.'].default).toMatch(/^\.\/dist\/.+\.js$/);
      expect(JSON.stringify(pkg)).not.toContain('workspace:');
      expect(JSON.stringify(pkg)).not.toContain('./src/');
    }
    // The SDK bundles protocol's code and types, so it installs nothing else; React's bindings bring only the SDK.
    expect(manifest(join(app, 'node_modules/@tessera/js/package.json')).dependencies).toBeUndefined();
    const react = manifest(join(app, 'node_modules/@tessera/react/package.json'));
    expect(react.dependencies).toEqual({ '@tessera/js': '^0.1.0' });
    expect(Object.keys(react.peerDependencies).sort()).toEqual(['@types/react', 'react', 'react-dom']);
  });

  it('type-check a strict page that uses loadTessera, TesseraElements, CardElement, useCreateToken and <tessera-card>', () => {
    expect(typecheck?.status, typecheck?.output).toBe(0);
  });

  it('build that page with Vite', () => {
    expect(build?.status, build?.output).toBe(0);
    expect(existsSync(join(app, 'dist/index.html'))).toBe(true);
    const ids = JSON.parse(readFileSync(join(app, 'modules.json'), 'utf8'));
    expect(ids.some((id) => id.endsWith(`@tessera${sep}js${sep}dist${sep}tessera.js`))).toBe(true);
    expect(ids.some((id) => id.endsWith(`@tessera${sep}react${sep}dist${sep}tessera-react.js`))).toBe(true);
    // <tessera-card> registers itself on import, so the bundler must keep it (package.json `sideEffects`).
    expect(ids.some((id) => id.endsWith(`@tessera${sep}js${sep}dist${sep}tessera-card.js`))).toBe(true);
    const assets = join(app, 'dist/assets');
    const code = readdirSync(assets)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(assets, f), 'utf8'))
      .join('\n');
    expect(code).toMatch(/customElements\.define\(\s*["'`]tessera-card["'`]/);
  });

  it('export <tessera-card> as its own module, which imports the SDK rather than a copy of it', () => {
    const dist = join(app, 'node_modules/@tessera/js/dist');
    const pkg = manifest(join(app, 'node_modules/@tessera/js/package.json'));
    expect(pkg.exports['./tessera-card']).toEqual({
      types: './dist/tessera-card.d.ts',
      default: './dist/tessera-card.js',
    });
    expect(readFileSync(join(dist, 'tessera-card.js'), 'utf8')).toMatch(/from ["']\.\/tessera\.js["']/);
    expect(existsSync(join(dist, 'tessera-card.iife.js'))).toBe(true);
  });

  it('install one copy of React, the one @tessera/react resolves', () => {
    const store = readdirSync(join(app, 'node_modules/.pnpm'));
    expect(store.filter((entry) => entry.startsWith('react@'))).toHaveLength(1);
    expect(store.filter((entry) => entry.startsWith('react-dom@'))).toHaveLength(1);
    const fromApp = createRequire(join(app, 'package.json')).resolve('react');
    const bindings = createRequire(join(app, 'node_modules/@tessera/react/package.json'));
    expect(bindings.resolve('react')).toBe(fromApp);
    expect(bindings.resolve('@tessera/js')).toBe(createRequire(join(app, 'package.json')).resolve('@tessera/js'));
  });

  it('bundle one copy of React', () => {
    const ids = JSON.parse(readFileSync(join(app, 'modules.json'), 'utf8'));
    const react = [...packageRoots(ids, 'react')].map((dir) => relative(app, dir));
    expect(react).toHaveLength(1);
    expect(packageRoots(ids, 'react-dom').size).toBe(1);
    // And @tessera/react carries none inside its own file: it imports React, and holds none of React's element
    // symbols (`Symbol.for("react.…")`), which only React's own code defines.
    const bindings = readFileSync(join(app, 'node_modules/@tessera/react/dist/tessera-react.js'), 'utf8');
    expect(bindings).toMatch(/from "react\/jsx-runtime"/);
    expect(bindings).not.toMatch(/Symbol\.for\(["']react\./);
  });

  it('offer a script-tag build that defines window.Tessera.loadTessera', () => {
    const file = join(app, 'node_modules/@tessera/js/dist/tessera.iife.js');
    // A classic script's top-level `var` lands on the global object, as `window.Tessera` does in a page.
    const window = createContext({});
    runInContext(readFileSync(file, 'utf8'), window);
    expect(typeof window.Tessera?.loadTessera).toBe('function');
    expect(typeof window.Tessera?.IntegrationError).toBe('function');
  });

  it("run protocol's guards in Node from the tarball, with its dependency", async () => {
    const resolve = createRequire(join(app, 'package.json')).resolve;
    const protocol = await import(pathToFileURL(resolve('@tessera/protocol')).href);
    expect(protocol.isProblem({ type: 'about:blank', title: 'No such object.', status: 404, code: 'not_found' })).toBe(
      true,
    );
    expect(protocol.isTokenObject({})).toBe(false);
    expect(protocol.luhnValid('79927398713')).toBe(true);
    expect(Object.keys(protocol.brandRules('visa')).length).toBeGreaterThan(0); // credit-card-type's data, loaded
    const csp = await import(pathToFileURL(resolve('@tessera/protocol/field-page-csp')).href);
    expect(csp.fieldPageCsp({ nonce: 'n', frameAncestors: [] })).toContain("frame-ancestors 'none'");
    expect(dirname(resolve('@tessera/protocol'))).toMatch(/dist$/);
  });
});
