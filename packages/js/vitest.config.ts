import { fakeFieldPage } from '@tessera/testing/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { vitestChromium } from '../../scripts/chromium.mjs';

export default defineConfig({
  plugins: [fakeFieldPage()],
  test: {
    include: ['src/**/*.test.ts'],
    // The tests page is http://127.0.0.1:<port>; http://localhost:<port> is then a second origin on the same
    // server, which the tests use as the "edge" to exercise the SDK's origin checks across two real origins.
    api: { host: '127.0.0.1' },
    browser: vitestChromium(playwright),
  },
});
