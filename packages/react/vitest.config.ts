import { fakeFieldPage } from '@tessera/testing/vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { vitestChromium } from '../../scripts/chromium.mjs';

export default defineConfig({
  plugins: [fakeFieldPage()],
  oxc: { jsx: { runtime: 'automatic' } },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    // The tests page is http://127.0.0.1:<port>; http://localhost:<port> is then a second origin on the same
    // server, which stands in for the edge, so the SDK's origin checks run across two real origins.
    api: { host: '127.0.0.1' },
    browser: vitestChromium(playwright),
  },
});
