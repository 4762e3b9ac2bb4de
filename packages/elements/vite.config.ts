import { defineConfig } from 'vite';
import { linerAsset } from './build/liner-asset.ts';

// The edge serves dist/ under /elements/v1/ with a strict CSP (nonce + strict-dynamic): card.html must hold no
// inline script or style, and the page must load in as few requests as possible (ready ≤ 150 ms).
export default defineConfig({
  base: '/elements/v1/',
  plugins: [linerAsset()],
  build: {
    target: 'es2022',
    // No preload polyfill or helper: the only dynamic chunk is rare (no WebCrypto), and the helper's
    // <link rel=modulepreload> injection adds bytes to every page.
    modulePreload: false,
    assetsInlineLimit: 0,
    rolldownOptions: { input: { card: 'card.html' } },
  },
});
