import { afterEach, beforeEach, expect, vi } from 'vitest';

/**
 * Captures every console line the edge writes during each test of the calling file and hands them to `check`
 * after the test (invariant 1: no card data in a log line). Each test must have made at least one request, so
 * the check can never pass on an empty log.
 */
export function checkEdgeLogs(check: (line: string) => void): void {
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
    expect(logged.some((line) => line.includes('"message":"request"'))).toBe(true);
    for (const line of logged) check(line);
    logged.length = 0;
  });
}
