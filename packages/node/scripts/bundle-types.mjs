// Writes the package's self-contained types, dist/index.d.ts for `import` and the same as dist/index.d.cts for
// `require`. The machinery is the one of scripts/bundle-types.mjs at the root (rolldown + rolldown-plugin-dts,
// @tessera/protocol inlined from its sources), which knows one .d.ts per export; this package also answers
// `require`, whose types must be a .d.cts or TypeScript reads them as ES module types. The bundle imports no other
// file, so the same text serves both. Run after `vite build`, from the package's folder.
import { copyFileSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { rolldown } from 'rolldown';
import { dts } from 'rolldown-plugin-dts';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const { exports } = JSON.parse(readFileSync(join(realpathSync('node_modules/@tessera/protocol'), 'package.json')));
const protocol = realpathSync('node_modules/@tessera/protocol');
const paths = Object.fromEntries(
  Object.entries(exports).map(([subpath, source]) => [
    subpath === '.' ? '@tessera/protocol' : `@tessera/protocol/${subpath.slice(2)}`,
    [join(protocol, source)],
  ]),
);

const bundle = await rolldown({
  input: { index: pkg.exports['.'] },
  // Node's built-ins stay imports: a consumer's @types/node declares them.
  external: (id) => id.startsWith('node:'),
  plugins: [
    dts({
      dtsOnly: true,
      tsconfig: 'tsconfig.json',
      tsconfigRaw: { references: [] },
      compilerOptions: { composite: false, rootDir: join(import.meta.dirname, '..', '..', '..'), paths },
      resolve: true,
    }),
  ],
});
await bundle.write({ dir: 'dist', format: 'es', chunkFileNames: '[name].js' });
await bundle.close();
copyFileSync('dist/index.d.ts', 'dist/index.d.cts');
console.log('dist/index.d.ts\ndist/index.d.cts');
