// Writes one self-contained .d.ts per published entry of the package in the current directory, the types
// counterpart of its Vite build. Run after `vite build`, from the package's folder.
//
// The entries come from package.json: each `publishConfig.exports[subpath].types` (./dist/NAME.d.ts) is built from
// the source that the workspace's `exports[subpath]` points at. Imports of the package's runtime dependencies and
// peer dependencies stay imports; everything else, such as @tessera/protocol in the SDK, is inlined, just as the
// Vite build bundles its code. A consumer's TypeScript then resolves every type from what the tarball declares.
import { readFileSync } from 'node:fs';
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

const bundle = await rolldown({
  input,
  external,
  // `resolve: true` follows bare imports too (into @tessera/protocol's source); `external` has already kept the
  // runtime dependencies out. The tsconfig is the package's own, so the declarations match `tsc -b`.
  plugins: [dts({ dtsOnly: true, tsconfig: 'tsconfig.json', resolve: true })],
});
const { output } = await bundle.write({ dir: 'dist', format: 'es', chunkFileNames: '[name].js' });
await bundle.close();
for (const file of output) console.log(`dist/${file.fileName}`);
