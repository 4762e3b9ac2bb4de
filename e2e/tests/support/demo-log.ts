import { existsSync, readFileSync, statSync } from 'node:fs';
import { expect } from '@playwright/test';
import { LOG_FILE } from './origins';

/** Where the demo's log ends now: what a test reads after this mark was written while it ran. */
export function logMark(): number {
  return existsSync(LOG_FILE) ? statSync(LOG_FILE).size : 0;
}

/** The demo's log lines written since `mark`. */
export function logSince(mark: number): string[] {
  return existsSync(LOG_FILE) ? readFileSync(LOG_FILE).subarray(mark).toString('utf8').split('\n') : [];
}

/** Every line of the demo's log: every process, every test of the run. */
export function wholeLog(): string[] {
  return readFileSync(LOG_FILE, 'utf8').split('\n');
}

/**
 * Waits until the lines since `mark` hold each of `expected` (the lines this test's requests made), then returns
 * them. A log is copied to the file asynchronously: checking it for secrets before those lines arrive proves nothing.
 */
export async function logOf(mark: number, ...expected: readonly string[]): Promise<string[]> {
  let lines: string[] = [];
  await expect
    .poll(
      () => {
        lines = logSince(mark);
        return expected.filter((text) => !lines.some((line) => line.includes(text)));
      },
      { message: `the demo's log should get lines with ${expected.join(', ')}` },
    )
    .toEqual([]);
  return lines;
}
