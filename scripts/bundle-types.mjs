// Writes one self-contained .d.ts per published entry of the package in the current directory, the types
// counterpart of its Vite build. Run after `vite build`, from the package's folder.
//
// The entries come from package.json: each `publishConfig.exports[subpath].types` (./dist/NAME.d.ts) is built from
// the source that the workspace's `exports[subpath]` points at. Imports of the package's runtime dependencies and
// peer dependencies stay imports; everything else, such as @tessera/protocol in the SDK, is inlined, just as the
// Vite build bundles its code. A consumer's TypeScript then resolves every type from what the tarball declares.
import { readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { rolldown } from 'rolldown';
import { dts } from 'rolldown-plugin-dts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const input = {};
for (const [subpath, target] of Object.entries(pkg.publishConfig?.exports ?? {})) {
  if (typeof target !== 'object' || target.types === undefined) continue;
  const name = /^\.\/dist\/([\w.-]+)\.d\.ts$/.exec(target.types)?.[1];
  const source = pkg.exports?.[subpath];
  if (name === undefined || typeof source !== 'string' || !source.startsWith('./src/')) {
    throw new Error(`${pkg.name}: exports["${subpath}"] needs a ./src source and a ./dist/NAME.d.ts types target`);
  }
  input[name] = source;
}
if (Object.keys(input).length === 0) throw new Error(`${pkg.name}: publishConfig.exports declares no types`);

const runtime = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });
const external = (id) => runtime.some((name) => id === name || id.startsWith(`${name}/`));

// The workspace packages that get inlined (devDependencies, bundled by the Vite build too) must be compiled as
// sources of this program. TypeScript emits no declarations for a file it found through node_modules (an external
// library), so each of their exports is mapped by `paths` to its source file, by real path.
const paths = {};
for (const [name, range] of Object.entries(pkg.devDependencies ?? {})) {
  if (!range.startsWith('workspace:') || runtime.includes(name)) continue;
  const dir = realpathSync(join('node_modules', name));
  const { exports } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  for (const [subpath, source] of Object.entries(typeof exports === 'string' ? { '.': exports } : (exports ?? {}))) {
    if (typeof source !== 'string') continue;
    paths[subpath === '.' ? name : `${name}/${subpath.slice(2)}`] = [join(dir, source)];
  }
}

const bundle = await rolldown({
  input,
  external,
  plugins: [
    dts({
      dtsOnly: true,
      // The package's own compiler options, less its project references: with them, TypeScript would read a
      // referenced package (@tessera/protocol) from the declarations `tsc -b` last left in its cache, which a fresh
      // clone lacks and an edit makes stale. Without them, and with `paths`, it compiles that package's sources.
      tsconfig: 'tsconfig.json',
      tsconfigRaw: { references: [] },
      compilerOptions: { composite: false, rootDir: join(import.meta.dirname, '..'), paths },
      // Follow bare imports too (into @tessera/protocol's source); `external` has already kept out the runtime ones.
      resolve: true,
    }),
  ],
});
const { output } = await bundle.write({ dir: 'dist', format: 'es', chunkFileNames: '[name].js' });
await bundle.close();
for (const file of output) console.log(`dist/${file.fileName}`);
