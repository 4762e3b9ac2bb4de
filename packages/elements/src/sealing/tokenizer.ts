import {
  type CardData,
  clientError,
  isCreatedToken,
  isProblem,
  type Problem,
  type TokenizeResult,
} from '@tessera/protocol';
import { problemError, UNEXPECTED_ANSWER } from './edge-errors';
import { publishableKeyHash, sealCard } from './seal-card';
import { SealKeys } from './seal-keys';
import { ensureWebCrypto } from './web-crypto';

type PostResult = TokenizeResult | { staleKey: Problem };

/**
 * Turns a card into a token: seals it to the edge's key and POSTs it, same-origin, to `/v1/tokens`.
 * Expected failures come back as values, classified by `type` and `code`; the card never leaves this realm
 * except sealed.
 */
export class Tokenizer {
  readonly #apiKey: string;
  readonly #fetch: typeof fetch;
  readonly #keys: SealKeys;
  #keyHash: Promise<string> | undefined;

  constructor(apiKey: string, fetchImpl: typeof fetch = (input, init) => fetch(input, init)) {
    this.#apiKey = apiKey;
    this.#fetch = fetchImpl;
    this.#keys = new SealKeys(apiKey, fetchImpl);
  }

  /** Warms the key cache and WebCrypto (or the liner) so that tokenize does not wait for them. */
  prefetch(): void {
    this.#keys.current().catch(() => undefined);
    ensureWebCrypto().catch(() => undefined);
  }

  async createToken(card: CardData): Promise<TokenizeResult> {
    try {
      await ensureWebCrypto();
    } catch {
      return { error: clientError('sealing_unavailable') };
    }
    let keys = this.#keys.current();
    for (let attempt = 0; ; attempt++) {
      const key = await keys;
      if ('error' in key) return key;
      let sealed: string;
      try {
        this.#keyHash ??= publishableKeyHash(this.#apiKey);
        // Sealed at the edge's time, so a device clock minutes off cannot make every card too old or too new.
        sealed = await sealCard(card, key.key, await this.#keyHash, Date.now() + key.clockOffsetMs);
      } catch {
        return { error: clientError('sealing_unavailable') };
      }
      const result = await this.#post(sealed);
      if (!('staleKey' in result)) return result;
      // The edge rotated its sealing key since we fetched it: fetch again, once.
      if (attempt > 0) return { error: problemError(result.staleKey) };
      keys = this.#keys.refresh();
    }
  }

  async #post(sealed: string): Promise<PostResult> {
    let response: Response;
    try {
      response = await this.#fetch('/v1/tokens', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.#apiKey}` },
        body: JSON.stringify({ sealed }),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      return { error: clientError('network') };
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.ok && isCreatedToken(body)) {
      const { brand, last4, expMonth, expYear } = body.card;
      return { token: body.id, card: { brand, last4, expMonth, expYear } };
    }
    if (isProblem(body)) return body.code === 'unknown_seal_key' ? { staleKey: body } : { error: problemError(body) };
    return { error: UNEXPECTED_ANSWER };
  }
}
