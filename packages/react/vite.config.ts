import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

// What the merchant's app installs beside this package, and so must not be bundled into it: React (one copy of
// React per page, or hooks break), react/jsx-runtime with it, and @tessera/js.
const provided = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies });

// Library build: one ES module, `dist/tessera-react.js`, holding only this package's code, so the file's gzip size
// is the cost of the bindings alone. Types come next, from scripts/bundle-types.mjs, with the same externals.
// The workspace imports the TypeScript sources, not this build.
export default defineConfig({
  // TSX without the React plugin: Oxc compiles JSX to `react/jsx-runtime` calls (the automatic runtime).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    target: 'es2022',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'tessera-react.js' },
    rolldownOptions: { external: (id) => provided.some((name) => id === name || id.startsWith(`${name}/`)) },
    sourcemap: true,
    reportCompressedSize: true,
  },
});
