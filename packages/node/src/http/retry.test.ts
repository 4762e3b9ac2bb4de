import { describe, expect, it } from 'vitest';
import {
  backoffMs,
  INITIAL_BACKOFF_MS,
  isRetryableStatus,
  MAX_BACKOFF_MS,
  MAX_RETRY_AFTER_MS,
  retryAfterMs,
  retryDelayMs,
} from './retry';

describe('retry timing', () => {
  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 301, 400, 401, 403, 404, 409, 413, 415].some(isRetryableStatus)).toBe(false);
  });

  it('doubles the backoff per retry, up to its ceiling, with half of each step left to chance', () => {
    expect(backoffMs(0, () => 0)).toBe(INITIAL_BACKOFF_MS / 2);
    expect(backoffMs(0, () => 1)).toBe(INITIAL_BACKOFF_MS);
    expect(backoffMs(1, () => 0)).toBe(INITIAL_BACKOFF_MS);
    expect(backoffMs(2, () => 1)).toBe(INITIAL_BACKOFF_MS * 4);
    expect(backoffMs(20, () => 1)).toBe(MAX_BACKOFF_MS);
    const samples = Array.from({ length: 200 }, () => backoffMs(1));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(INITIAL_BACKOFF_MS);
    expect(Math.max(...samples)).toBeLessThanOrEqual(INITIAL_BACKOFF_MS * 2);
    expect(new Set(samples).size).toBeGreaterThan(100);
  });

  it('reads Retry-After as seconds or as a date, and caps it', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('10')).toBe(10_000);
    expect(retryAfterMs(' 0 ')).toBe(0);
    expect(retryAfterMs('3600')).toBe(MAX_RETRY_AFTER_MS);
    expect(retryAfterMs('Mon, 30 Nov 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(retryAfterMs('Mon, 30 Nov 2026 11:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs('-5')).toBeUndefined();
  });

  it('waits for the longer of the backoff and Retry-After', () => {
    expect(retryDelayMs(0, undefined, () => 0)).toBe(INITIAL_BACKOFF_MS / 2);
    expect(retryDelayMs(0, 10_000, () => 1)).toBe(10_000);
    expect(retryDelayMs(3, 0, () => 1)).toBe(INITIAL_BACKOFF_MS * 8);
  });
});
