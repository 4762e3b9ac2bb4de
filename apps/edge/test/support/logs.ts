import { afterEach, beforeEach, expect, vi } from 'vitest';

/** Every member a line of the edge's log may have (src/lib/log.ts): ids, routes, statuses, codes, names. */
const LOG_MEMBERS = new Set([
  'level',
  'message',
  'requestId',
  'merchant',
  'method',
  'route',
  'status',
  'code',
  'error',
  'secret',
  'issues',
  'ms',
]);
const MESSAGES = new Set([
  'request',
  'unhandled error',
  'edge config invalid',
  'edge config failed',
  'rate limiter failed',
]);
/** Twelve or more digits, maybe spaced or dashed: anything that could be a card number. */
const DIGIT_RUN = /\d(?:[ -]?\d){11,}/;

export interface LogCheckOptions {
  /** Short secrets (CVCs) the tests of the file send: each may not stand in a line as a digit run of its own. */
  cvcs?: readonly string[];
}

/**
 * Holds one log line to the shape the edge promises (invariant 1): JSON with known members only, a fixed
 * message, a route pattern rather than a URL, no run of digits long enough to be a card number, and none of the
 * given CVCs as a value. Numbers the log may hold by right (status, duration) are left out of the CVC check.
 */
export function expectSafeLogLine(line: string, options: LogCheckOptions = {}): void {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new Error(`the edge logged a line that is not its JSON: ${line.slice(0, 40)}…`);
  }
  expect(Object.keys(entry).filter((key) => !LOG_MEMBERS.has(key))).toEqual([]);
  expect(MESSAGES.has(String(entry.message))).toBe(true);
  if (entry.route !== undefined) expect(String(entry.route)).toMatch(/^\/[^?#=]*$/);
  expect(line).not.toMatch(DIGIT_RUN);
  const { status: _status, ms: _ms, ...words } = entry;
  const text = JSON.stringify(words);
  for (const cvc of options.cvcs ?? []) {
    expect(text).not.toMatch(new RegExp(`(?<![0-9A-Za-z_-])${cvc}(?![0-9A-Za-z_-])`));
  }
}

/**
 * Captures every console line the edge writes during each test of the calling file and, after the test, holds
 * each to `expectSafeLogLine` and then to `check`. Each test must have made at least one request, so the check
 * can never pass on an empty log.
 */
export function checkEdgeLogs(check: (line: string) => void = () => {}, options: LogCheckOptions = {}): void {
  const logged: string[] = [];
  beforeEach(() => {
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
    // Taken out first, so a failure here cannot spill this test's lines into the next test's check.
    const lines = logged.splice(0);
    expect(lines.some((line) => line.includes('"message":"request"'))).toBe(true);
    for (const line of lines) {
      expectSafeLogLine(line, options);
      // The request id is random base64url: it can spell anything (even `eyJ`), and it is never an echo.
      check(line.replace(/"requestId":"req_[\w-]+"/, '"requestId":"req_"'));
    }
  });
}
