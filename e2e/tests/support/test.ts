import { appendFileSync } from 'node:fs';
import { test as base } from '@playwright/test';
import { CONSOLE_LOG_FILE } from './origins';

export { expect } from '@playwright/test';

/**
 * Playwright's `test`, with every browser console line of every page and frame (the merchant page and the edge's
 * field pages alike) appended to CONSOLE_LOG_FILE, which the log scan reads after the whole run.
 */
export const test = base.extend<{ consoleToFile: undefined }>({
  consoleToFile: [
    async ({ context }, use) => {
      context.on('console', (message) => appendFileSync(CONSOLE_LOG_FILE, `${message.type()} ${message.text()}\n`));
      context.on('weberror', (error) => appendFileSync(CONSOLE_LOG_FILE, `pageerror ${error.error().message}\n`));
      await use(undefined);
    },
    { auto: true },
  ],
});
