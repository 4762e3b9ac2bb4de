import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { generateDevVars, localMerchants } from './scripts/dev-vars.mjs';

// Tests run inside workerd with the real bindings of wrangler.jsonc (Durable Object with SQLite, assets), but
// with secrets generated afresh for every run, never the committed or the developer's own.
export default defineConfig(async () => {
  // The fixed local keys, not any TESSERA_*_PK/SK overrides of the shell: tests name them.
  const secrets = await generateDevVars(localMerchants({}));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: './wrangler.jsonc' },
        miniflare: {
          bindings: { ...secrets },
          // A tiny stand-in for packages/elements/dist, so these tests do not depend on that build.
          assets: {
            directory: fileURLToPath(new URL('./test/fixtures/elements', import.meta.url)),
            binding: 'ASSETS',
            run_worker_first: true,
            assetConfig: { html_handling: 'none', not_found_handling: 'none' },
          },
        },
      }),
    ],
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    },
  };
});
