import { playwright } from '@vitest/browser-playwright';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { vitestChromium } from '../../scripts/chromium.mjs';
import { linerAsset } from './build/liner-asset.ts';
import { builtFieldPage } from './test/support/built-field-page.ts';
import { fakeEdge } from './test/support/fake-edge.ts';

// @open-wc/testing carries Web Test Runner's command client, which imports WTR's socket module when a WTR-only
// command runs. We use fixture() and axe only, never those commands; an empty module keeps Vite's import
// analysis from failing on the missing file.
const noWebTestRunnerSocket: Plugin = {
  name: 'tessera:no-wtr-socket',
  enforce: 'pre',
  resolveId: (id) => (id.endsWith('__web-dev-server__web-socket.js') ? '\0wtr-socket' : null),
  load: (id) => (id === '\0wtr-socket' ? 'export const sendMessageWaitForResponse = undefined;' : null),
};

// Component and field-page tests run in real Chromium (Debian's, since `playwright install` cannot download).
export default defineConfig({
  plugins: [noWebTestRunnerSocket, linerAsset(), fakeEdge(), builtFieldPage()],
  optimizeDeps: { include: ['@open-wc/testing', 'lit', 'lit/directives/live.js', 'jose'] },
  test: {
    include: ['src/**/*.test.ts'],
    // The tests page is http://127.0.0.1:<port>; http://localhost:<port> is then another origin on the same server,
    // on which the split-field tests frame the built field page, as a merchant page frames the edge.
    api: { host: '127.0.0.1' },
    browser: vitestChromium(playwright),
  },
});
