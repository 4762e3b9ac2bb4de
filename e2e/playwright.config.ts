import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath, loopbackOnlyArg } from '../scripts/chromium.mjs';
import { HOSTILE_PORTS, LOG_FILE, MERCHANT, MERCHANT_SERVER } from './tests/support/origins';

// Each run gets fresh edge storage so tests never depend on what an earlier demo left behind.
const persistDir = process.env.TESSERA_PERSIST_DIR ?? mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
process.env.TESSERA_PERSIST_DIR = persistDir;
// Test workers read the log the demo writes: they must agree on its path.
process.env.TESSERA_LOG_FILE = LOG_FILE;

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: '../reports/e2e.json' }]],
  use: {
    baseURL: MERCHANT,
    trace: 'off',
    launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, loopbackOnlyArg] },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' } },
    // After every browser test: the scan of every log line and console line of the run for card data.
    { name: 'logs', testDir: './scan', dependencies: ['chromium'] },
  ],
  webServer: [
    {
      // The real demo: edge (wrangler dev, workerd) on 127.0.0.1:8787, merchant page on localhost:5173. Ready once
      // the merchant server has registered its webhook endpoint at the edge (its /readyz), so that every payment's
      // token.created is delivered to it.
      command: 'node ../scripts/demo.mjs',
      url: `${MERCHANT_SERVER}/readyz`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'ignore', // every line is in LOG_FILE
      stderr: 'pipe',
      env: { TESSERA_PERSIST_DIR: persistDir, TESSERA_LOG_FILE: LOG_FILE },
    },
    {
      command: `node servers/hostile-server.mjs ${HOSTILE_PORTS.join(' ')}`,
      url: `http://127.0.0.1:${HOSTILE_PORTS[0]}/healthz`,
      timeout: 20_000,
      reuseExistingServer: false,
    },
  ],
});
