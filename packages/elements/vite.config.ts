import { defineConfig } from 'vite';
import { compileHints } from './build/compile-hints.ts';
import { compiledTemplates } from './build/compiled-templates.ts';
import { fieldPageScripts } from './build/field-page-scripts.ts';
import { linerAsset } from './build/liner-asset.ts';

// The edge serves dist/ under /elements/v1/ with a strict CSP (nonce + strict-dynamic) and puts its nonce on every
// script: card.html holds the code inline, split.html loads it as a classic script (build/field-page-scripts.ts);
// neither has an inline style, and each loads in as few requests as possible (ready ≤ 150 ms).
export default defineConfig({
  base: '/elements/v1/',
  plugins: [compiledTemplates(), linerAsset(), compileHints(), fieldPageScripts()],
  build: {
    target: 'es2022',
    // No modulepreload polyfill and nothing to preload: the code is one module with no dynamic import (a lazily
    // loaded chunk would 404 for a page open across a deploy; see field-page-controller.ts).
    // webcrypto-liner, when needed, is a separate classic script (build/liner-asset.ts); the locale files are JSON
    // in public/locales/, fetched by name (src/i18n/load-strings.ts).
    modulePreload: false,
    assetsInlineLimit: 0,
    rolldownOptions: { input: { card: 'card.html' } },
  },
});
