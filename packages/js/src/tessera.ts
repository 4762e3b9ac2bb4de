import type { TokenizeResult } from '@tessera/protocol';
import type { TesseraCardElement } from './card-element';
import { Elements, type ElementsOptions, tokenizerOf } from './elements';
import { IntegrationError } from './integration-error';

/**
 * A Tessera instance bound to one publishable key and one edge. Get it from `loadTessera`.
 *
 * @example
 * const tessera = await loadTessera('pk_test_demo_local', { edge: 'http://127.0.0.1:8787' });
 * const card = tessera.elements().create('card');
 * card.mount('#card');
 */
export class Tessera {
  readonly #publishableKey: string;
  readonly #edgeOrigin: string;

  /** @internal Use `loadTessera`. */
  constructor(publishableKey: string, edgeOrigin: string) {
    this.#publishableKey = publishableKey;
    this.#edgeOrigin = edgeOrigin;
  }

  /** The edge origin this instance frames and talks to. */
  get edgeOrigin(): string {
    return this.#edgeOrigin;
  }

  /** Creates a group of elements sharing `options`. */
  elements(options: ElementsOptions = {}): Elements {
    if (typeof options !== 'object' || options === null) {
      throw new IntegrationError('elements() takes an options object.');
    }
    return new Elements({ publishableKey: this.#publishableKey, edgeOrigin: this.#edgeOrigin, options });
  }

  /**
   * Tokenizes the card typed into `element`: the combined `card`, or any split field of a group (its number frame
   * gathers number, expiry and CVC from the group's three frames, frame-to-frame, never through this page; all
   * three must be mounted and ready, or the answer is `frame_error` `not_mounted`). The card goes from the frame to
   * the edge; this page receives the token and a masked card, or an error value: `validation_error` (the shopper
   * must fix the card), `api_error` / `network_error` (from the edge), `frame_error` (`not_mounted`,
   * `frame_timeout`, `busy`, `sealing_unavailable`).
   * @throws IntegrationError when `element` is not a card element (a bug in the calling code, not a failure).
   *
   * @example
   * const result = await tessera.createToken(card);
   * if ('error' in result) showError(result.error.message);
   * else await fetch('/api/pay', { method: 'POST', body: JSON.stringify({ token: result.token }) });
   */
  createToken(element: TesseraCardElement): Promise<TokenizeResult> {
    // The element's group decides which frame tokenizes (split fields: the number frame, once all are ready).
    const tokenize = tokenizerOf(element);
    if (!tokenize) {
      throw new IntegrationError('createToken() takes an element from elements.create("card") or a split field.');
    }
    return tokenize();
  }
}
