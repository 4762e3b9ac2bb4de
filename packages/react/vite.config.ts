import { defineConfig } from 'vite';

// Library build: one ES module, `dist/tessera-react.js`, holding only this package's code. React and the SDK stay
// external (the merchant's app already bundles them), so the file's gzip size is the cost of the bindings alone.
export default defineConfig({
  // TSX without the React plugin: Oxc compiles JSX to `react/jsx-runtime` calls (the automatic runtime).
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    target: 'es2022',
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'tessera-react.js' },
    rolldownOptions: { external: [/^react(-dom)?($|\/)/, /^@tessera\/(js|protocol)($|\/)/] },
    sourcemap: true,
    reportCompressedSize: true,
  },
});
