import { fileURLToPath } from 'node:url';
import { defineConfig, type UserConfig } from 'vite';

// Library builds of the published SDK, with @tessera/protocol bundled in (only what each file uses), so the package
// has no dependencies. `vite build` makes the first; `--mode` picks the others (package.json runs all three):
//   dist/tessera.js            the ES module that `exports` points at, and what scripts/size.mjs holds to its budget;
//   dist/tessera.iife.js       the same code for a plain <script> tag, as the global `Tessera` (Tessera.loadTessera);
//   dist/tessera-card.js       `--mode card-module`: <tessera-card>, registered on import; it imports the SDK from
//                              ./tessera.js, so a page that imports both holds one SDK;
//   dist/tessera-card.iife.js  `--mode card-script`: the same with the SDK inside, one classic script (the edge
//                              serves it at /js/v1/tessera-card.js).
// Types come next, from scripts/bundle-types.mjs. The workspace imports the TypeScript sources, not this build.
const sdkEntry = fileURLToPath(new URL('src/index.ts', import.meta.url));
const cardEntry = fileURLToPath(new URL('src/tessera-card/index.ts', import.meta.url));

const sdk: UserConfig = {
  build: {
    target: 'es2022',
    lib: {
      entry: sdkEntry,
      name: 'Tessera',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'tessera.js' : `tessera.${format}.js`),
    },
    sourcemap: true,
    reportCompressedSize: true,
  },
};

const cardModule: UserConfig = {
  build: {
    target: 'es2022',
    emptyOutDir: false,
    lib: { entry: cardEntry, formats: ['es'], fileName: () => 'tessera-card.js' },
    rolldownOptions: {
      external: (id) => id === sdkEntry || id === '../index',
      output: { paths: (id) => (id === sdkEntry || /(^|\/)(src\/)?index(\.ts)?$/.test(id) ? './tessera.js' : id) },
    },
    sourcemap: true,
    reportCompressedSize: true,
  },
};

const cardScript: UserConfig = {
  build: {
    target: 'es2022',
    emptyOutDir: false,
    lib: { entry: cardEntry, name: 'TesseraCard', formats: ['iife'], fileName: () => 'tessera-card.iife.js' },
    sourcemap: true,
    reportCompressedSize: true,
  },
};

export default defineConfig(({ mode }) =>
  mode === 'card-module' ? cardModule : mode === 'card-script' ? cardScript : sdk,
);
