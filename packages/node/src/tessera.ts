import { type ForwardMethod, type ForwardResponse, isForwardResponse } from '@tessera/protocol';
import { createHttpClient, type FetchLike, type HttpClient, type PostOptions } from './http/http-client';
import { Events } from './resources/events';
import { Tokens } from './resources/tokens';
import { VaultTokens } from './resources/vault-tokens';
import { WebhookEndpoints } from './resources/webhook-endpoints';

/** The local development edge. */
export const DEFAULT_EDGE = 'http://127.0.0.1:8787';

export interface TesseraOptions {
  /** The edge's base URL; `http://127.0.0.1:8787` (local development) by default. Live keys need https. */
  edge?: string;
  /** How long one attempt may take, in milliseconds, before it counts as a timeout; 30 000 by default. */
  timeoutMs?: number;
  /** How many times a request is retried after a network failure, a timeout, a 429 or a 5xx; 2 by default. */
  maxRetries?: number;
  /** The `fetch` to send requests with; the global one by default. */
  fetch?: FetchLike;
}

/**
 * A vault token's charge: what its allowance must cover. The edge fills `{{payment.amount}}` and
 * `{{payment.currency}}` in the request with it, so the processor is asked for exactly what was checked.
 */
export interface ForwardPayment {
  /** In minor units (cents), at most the allowance's `max_amount`. */
  amount: number;
  /** Lowercase ISO 4217, the allowance's. */
  currency: string;
  /** The checkout session the allowance names. */
  checkout_session_id: string;
}

/** `POST /v1/forward`: the request to send to an allow-listed processor, with the card in `{{card.…}}` fields. */
export interface ForwardParams {
  /** A token (`tok_…`), or an agent's vault token (`vt_…`), which then needs `payment`. */
  token: string;
  /** Only with a vault token, which it must carry: the charge its allowance is checked against. */
  payment?: ForwardPayment;
  request: {
    url: string;
    method: ForwardMethod;
    headers?: Record<string, string>;
    body?: string;
  };
}

/** The destination's answer, card numbers masked; `replayed` when the edge answered an earlier identical request. */
export interface ForwardResult extends ForwardResponse {
  replayed: boolean;
}

function edgeBase(edge: string, live: boolean): string {
  let url: URL;
  try {
    url = new URL(edge);
  } catch {
    throw new TypeError('edge must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError('edge must be an http(s) URL');
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new TypeError('edge must be a plain base URL, without credentials, query or fragment');
  }
  if (live && url.protocol !== 'https:') throw new TypeError('a live secret key is only ever sent over https');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function count(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer of at least ${min}`);
  return value;
}

/**
 * The merchant-server client: every route a secret key may call. Requests are retried on network failures,
 * timeouts, 429 and 5xx, and every POST carries an `Idempotency-Key`, so a retry never does the work twice.
 *
 * @example
 * import { Tessera } from '@tessera/node';
 * const tessera = new Tessera(process.env.TESSERA_SECRET_KEY!, { edge: 'https://edge.example' });
 * const token = await tessera.tokens.retrieve('tok_…');
 */
export class Tessera {
  /** Read and erase tokens. */
  readonly tokens: Tokens;
  /** The audit trail. */
  readonly events: Events;
  /** Where the edge posts events. */
  readonly webhookEndpoints: WebhookEndpoints;
  /** Agents' vault tokens for this merchant: read and revoke. */
  readonly vaultTokens: VaultTokens;
  // The key lives only inside this client's closure: not a property, so no log of the instance shows it.
  readonly #http: HttpClient;

  constructor(secretKey: string, options: TesseraOptions = {}) {
    if (typeof secretKey !== 'string' || !/^sk_[\x21-\x7e]+$/.test(secretKey)) {
      throw new TypeError(
        typeof secretKey === 'string' && secretKey.startsWith('pk_')
          ? 'Tessera needs a secret key (sk_…); a publishable key (pk_…) belongs in the browser'
          : 'Tessera needs a secret key (sk_…)',
      );
    }
    const fetch = options.fetch ?? globalThis.fetch;
    if (typeof fetch !== 'function') throw new TypeError('no fetch: pass options.fetch on Node < 18');
    this.#http = createHttpClient({
      secretKey,
      edge: edgeBase(options.edge ?? DEFAULT_EDGE, secretKey.startsWith('sk_live_')),
      timeoutMs: count('timeoutMs', options.timeoutMs, 30_000, 1),
      maxRetries: count('maxRetries', options.maxRetries, 2, 0),
      fetch,
    });
    this.tokens = new Tokens(this.#http);
    this.events = new Events(this.#http);
    this.webhookEndpoints = new WebhookEndpoints(this.#http);
    this.vaultTokens = new VaultTokens(this.#http);
  }

  /**
   * Sends a request to an allow-listed processor with the token's card put into its `{{card.number}}`,
   * `{{card.expMonth}}`, `{{card.expYear}}` and `{{card.cvc}}` fields, and answers what the processor answered.
   * Give your own `idempotencyKey` (e.g. the order id) to make the charge safe to repeat across your own retries.
   *
   * An agent's vault token (`vt_…`) is charged with a `payment` its allowance must cover, and a request that
   * carries `{{payment.amount}}` and `{{payment.currency}}`. The first charge the processor answers with a 2xx
   * spends it; after that the edge refuses with `vault_token_consumed`.
   *
   * @example
   * const charge = await tessera.forward(
   *   { token, request: { url: 'https://processor.example/charge', method: 'POST', body: '{"pan":"{{card.number}}"}' } },
   *   { idempotencyKey: `order-${orderId}` },
   * );
   */
  async forward(params: ForwardParams, options: PostOptions = {}): Promise<ForwardResult> {
    const spec = { method: 'POST', path: '/v1/forward', body: params, idempotencyKey: options.idempotencyKey } as const;
    const { body, headers } = await this.#http.json(spec, isForwardResponse);
    return { ...body, replayed: headers.get('idempotent-replayed') === 'true' };
  }
}
