// When and how long the client waits before trying a request again. Pure functions, so tests need no clock.

/** First backoff step; each retry doubles it, up to MAX_BACKOFF_MS. */
export const INITIAL_BACKOFF_MS = 500;
export const MAX_BACKOFF_MS = 8_000;
/** The longest `Retry-After` the client honours; the edge's own limits say 10 or 60 s. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Statuses worth another try: rate limits and server-side failures. Everything else is the request's fault. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Exponential backoff with jitter: half the step, plus a random part of the other half, so that clients that
 * failed together do not retry together. `retry` counts from 0.
 */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  const step = Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** retry);
  return step / 2 + random() * (step / 2);
}

/**
 * `Retry-After` in milliseconds, capped at MAX_RETRY_AFTER_MS: delay-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    // An HTTP date names its month and day; anything without letters (`-5`, `1.5`) is no date, whatever Date.parse says.
    const date = /[A-Za-z]/.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/** How long to wait before retry number `retry`: the backoff, or longer when the edge asked for longer. */
export function retryDelayMs(retry: number, retryAfter: number | undefined, random?: () => number): number {
  const backoff = backoffMs(retry, random);
  return retryAfter === undefined ? backoff : Math.max(backoff, retryAfter);
}
