import { defineConfig } from 'vite';

// Library build of the published client, for Node 18 and later, with @tessera/protocol bundled in (only what the
// client uses), so the package has no dependencies:
//   dist/index.js   the ES module that `import` resolves to;
//   dist/index.cjs  the same code as CommonJS, for `require`.
// Readable rather than minified: servers read their stack traces. Node's built-ins stay imports. Types come next,
// from scripts/bundle-types.mjs. The workspace imports the TypeScript sources, not this build.
export default defineConfig({
  build: {
    target: 'node18',
    lib: {
      entry: 'src/index.ts',
      formats: ['es', 'cjs'],
      fileName: (format) => (format === 'es' ? 'index.js' : 'index.cjs'),
    },
    rolldownOptions: { external: [/^node:/] },
    minify: false,
    sourcemap: true,
  },
});
