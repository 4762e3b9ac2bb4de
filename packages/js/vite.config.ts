import { defineConfig } from 'vite';

// Library build of the published SDK, with @tessera/protocol bundled in (only what the SDK uses), so the package
// has no dependencies:
//   dist/tessera.js       the ES module that `exports` points at, and what scripts/size.mjs holds to its budget;
//   dist/tessera.iife.js  the same code for a plain <script> tag, as the global `Tessera` (Tessera.loadTessera).
// Types come next, from scripts/bundle-types.mjs. The workspace imports the TypeScript sources, not this build.
export default defineConfig({
  build: {
    target: 'es2022',
    lib: {
      entry: 'src/index.ts',
      name: 'Tessera',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'tessera.js' : `tessera.${format}.js`),
    },
    sourcemap: true,
    reportCompressedSize: true,
  },
});
