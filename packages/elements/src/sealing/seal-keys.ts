import { clientError, isProblem, isSealKeySet, type SealPublicJwk, type TesseraError } from '@tessera/protocol';
import { problemError, UNEXPECTED_ANSWER } from './edge-errors';

export type SealKeyResult = { key: SealPublicJwk } | { error: TesseraError };

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
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok && isSealKeySet(body)) return { key: body.keys[0]! };
    return { error: isProblem(body) ? problemError(body) : UNEXPECTED_ANSWER };
  }
}
