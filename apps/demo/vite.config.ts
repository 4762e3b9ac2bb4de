import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const merchantPort = Number(process.env.TESSERA_MERCHANT_PORT || 4242);

// Only the publishable key and the edge origin reach the page, named one by one: an env prefix such as
// TESSERA_ would also ship TESSERA_DEMO_SK, the merchant's secret key, to every browser.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  define: {
    __TESSERA_DEMO_PK__: JSON.stringify(process.env.TESSERA_DEMO_PK || 'pk_test_demo_local'),
    __TESSERA_EDGE__: JSON.stringify(process.env.TESSERA_EDGE || 'http://127.0.0.1:8787'),
  },
  server: {
    host: 'localhost',
    port: 5173,
    strictPort: true,
    proxy: { '/api': `http://127.0.0.1:${merchantPort}` },
  },
  preview: { host: 'localhost', port: 5173, strictPort: true },
  // Two pages: the default checkout (the combined card element) and split.html (split number, expiry, CVC fields).
  build: {
    target: 'es2022',
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        split: fileURLToPath(new URL('split.html', import.meta.url)),
      },
    },
  },
  logLevel: 'info',
  clearScreen: false,
});
