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
  // The pages: the default checkout (the combined card element), split.html (split number, expiry, CVC fields), and
  // <tessera-card> in a plain form (tessera-card.html, which submits to tessera-card-paid.html) and in a closed shadow
  // root (tessera-card-shadow.html).
  build: {
    target: 'es2022',
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        split: fileURLToPath(new URL('split.html', import.meta.url)),
        tesseraCard: fileURLToPath(new URL('tessera-card.html', import.meta.url)),
        tesseraCardPaid: fileURLToPath(new URL('tessera-card-paid.html', import.meta.url)),
        tesseraCardShadow: fileURLToPath(new URL('tessera-card-shadow.html', import.meta.url)),
      },
    },
  },
  logLevel: 'info',
  clearScreen: false,
});
