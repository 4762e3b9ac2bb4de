import { clientError, isProblem, isSealKeySet, type SealPublicJwk, type TesseraError } from '@tessera/protocol';
import { problemError, UNEXPECTED_ANSWER } from './edge-errors';

/**
 * The current key, and how far the edge's clock is ahead of this device's (milliseconds, from the answer's
 * `Date`): a sealed card's `iat` is the edge's time, so a device whose clock is off by minutes can still pay.
 */
export type SealKeyResult = { key: SealPublicJwk; clockOffsetMs: number } | { error: TesseraError };

/** The edge's clock minus this device's, from a `Date` header (whole seconds); 0 without one. */
export function clockOffsetOf(dateHeader: string | null, receivedAt: number): number {
  const edgeTime = dateHeader === null ? Number.NaN : Date.parse(dateHeader);
  // Whole seconds: under two seconds apart is the header's own rounding, not a wrong clock.
  if (!Number.isFinite(edgeTime) || Math.abs(edgeTime - receivedAt) < 2000) return 0;
  return edgeTime - receivedAt;
}

/**
 * The edge's current sealing key (`GET /v1/keys/seal`, same-origin, publishable key). Fetched once and cached;
 * a failed fetch is not cached, and `refresh()` fetches again after the edge says the key is unknown (rotated).
 */
export class SealKeys {
  readonly #apiKey: string;
  readonly #fetch: typeof fetch;
  #pending: Promise<SealKeyResult> | undefined;

  constructor(apiKey: string, fetchImpl: typeof fetch = (input, init) => fetch(input, init)) {
    this.#apiKey = apiKey;
    this.#fetch = fetchImpl;
  }

  current(): Promise<SealKeyResult> {
    this.#pending ??= this.#load().then((result) => {
      if ('error' in result) this.#pending = undefined;
      return result;
    });
    return this.#pending;
  }

  refresh(): Promise<SealKeyResult> {
    this.#pending = undefined;
    return this.current();
  }

  async #load(): Promise<SealKeyResult> {
    let response: Response;
    try {
      response = await this.#fetch('/v1/keys/seal', {
        headers: { Authorization: `Bearer ${this.#apiKey}` },
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      return { error: clientError('network') };
    }
    const clockOffsetMs = clockOffsetOf(response.headers.get('Date'), Date.now());
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok && isSealKeySet(body)) return { key: body.keys[0]!, clockOffsetMs };
    return { error: isProblem(body) ? problemError(body) : UNEXPECTED_ANSWER };
  }
}
