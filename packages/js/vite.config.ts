import { defineConfig } from 'vite';

// Library build: one ES module, `dist/tessera.js`, with @tessera/protocol bundled in (only what the SDK uses).
export default defineConfig({
  build: {
    target: 'es2022',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'tessera.js' },
    sourcemap: true,
    reportCompressedSize: true,
  },
});
