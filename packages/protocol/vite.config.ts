import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };

const dependencies = Object.keys(pkg.dependencies);

// Library build for the published package: ES modules, one per entry of `publishConfig.exports`, plus the chunk
// they share. Readable rather than minified, because servers import it as well as bundlers. Runtime dependencies
// stay imports. The workspace itself imports the TypeScript sources (`exports`), not this build.
export default defineConfig({
  build: {
    target: 'es2022',
    lib: {
      entry: { index: 'src/index.ts', 'field-page-csp': 'src/field-page-csp.ts' },
      formats: ['es'],
      fileName: (_format, entry) => `${entry}.js`,
    },
    rolldownOptions: {
      external: (id) => dependencies.some((name) => id === name || id.startsWith(`${name}/`)),
      output: { chunkFileNames: '[name].js' },
    },
    minify: false,
    sourcemap: true,
  },
});
