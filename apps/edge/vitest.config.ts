import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { generateDevVars, localMerchants } from './scripts/dev-vars.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The loopback port of test/processor/recording-server.mjs, the forward tests' destination. */
    processorPort: number;
  }
}

// Tests run inside workerd with the real bindings of wrangler.jsonc (Durable Object with SQLite, assets), but
// with secrets generated afresh for every run, never the committed or the developer's own. The global setup
// starts a real HTTP server for forwards; the local merchants may forward to it, as in development.
export default defineConfig({
  plugins: [
    cloudflareTest(async ({ inject }) => {
      // The fixed local keys, not any TESSERA_*_PK/SK overrides of the shell: tests name them.
      const secrets = await generateDevVars(
        localMerchants({ TESSERA_PROCESSOR_PORT: String(inject('processorPort')) }),
      );
      // A second KEK, listed but not active, for the KEK rotation tests to rotate to.
      const next = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
      secrets.TESSERA_KEKS = JSON.stringify([...JSON.parse(secrets.TESSERA_KEKS), { kid: 'kek_next', key: next }]);
      return {
        wrangler: { configPath: './wrangler.jsonc' },
        miniflare: {
          bindings: { ...secrets },
          // A tiny stand-in for the assembled assets (scripts/assets.mjs), so these tests depend on no build.
          assets: {
            directory: fileURLToPath(new URL('./test/fixtures/assets', import.meta.url)),
            binding: 'ASSETS',
            run_worker_first: true,
            assetConfig: { html_handling: 'none', not_found_handling: 'none' },
          },
        },
      };
    }),
  ],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Node-side tests have their own config (vitest.node.config.ts).
    exclude: ['test/node/**'],
    globalSetup: ['./test/processor/recording-server.mjs'],
  },
});
