// How every test and benchmark here starts Debian's Chromium (`playwright install` cannot download a browser).
// The flags keep it off the network it cannot reach anyway: background services, component updates, QUIC.

/** The browser binary: CHROMIUM_PATH when set (./dev sets it), else Debian's. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Names resolve to loopback only: a test page can reach nothing but the servers the test started. */
export const loopbackOnlyArg = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1';

/** Launch options for Playwright and vitest's browser mode. */
export const chromiumLaunchOptions = { executablePath: chromiumPath, args: chromiumArgs };

/**
 * vitest's browser-mode settings for headless Chromium. The caller passes its own `playwright` provider
 * factory (from `@vitest/browser-playwright`, a dependency of each package, not of the repository root).
 */
export function vitestChromium(playwright) {
  return {
    enabled: true,
    headless: true,
    provider: playwright({ launchOptions: chromiumLaunchOptions }),
    instances: [{ browser: 'chromium' }],
  };
}
