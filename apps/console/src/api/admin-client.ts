import { isProblem } from '@tessera/protocol';
import {
  type ApiKey,
  isApiKey,
  isListOf,
  isMerchant,
  isRolledKey,
  isRotationStatus,
  isStats,
  isTrailPage,
  type Merchant,
  type MerchantPatch,
  type RolledKey,
  type RotationStatus,
  type StatsBucket,
  type TrailPage,
} from './admin-types';

/** Why a call failed: the edge's problem code, or one of the console's own. */
export interface AdminError {
  /** The HTTP status; 0 when the edge could not be reached. */
  status: number;
  /** The problem's `code`; `network_error` or `invalid_response` when there was no problem to read. */
  code: string;
  message: string;
}

/** Expected failures come back as values, as stripe-js answers them: `{ ok, value }` or `{ ok: false, error }`. */
export type AdminResult<T> = { ok: true; value: T } | { ok: false; error: AdminError };

export interface AdminClientOptions {
  /** Where `/v1/admin` lives; '' (the default) is this page's own origin, which passes it on to the edge. */
  base?: string;
  fetch?: typeof fetch;
  /** Called when the edge refuses the key (401): it was revoked, or expired, while the console was open. */
  onUnauthorized?: () => void;
}

/**
 * The operator API from the browser. Holds the operator key in a private field and nowhere else: not in storage,
 * not in a cookie, not in a URL. Dropping the client (signing out) drops the key.
 *
 * @example
 * const client = new AdminClient('op_test_local');
 * const merchants = await client.merchants();
 * if (merchants.ok) render(merchants.value);
 */
export class AdminClient {
  readonly #key: string;
  readonly #base: string;
  readonly #fetch: typeof fetch;
  readonly #onUnauthorized: (() => void) | undefined;

  constructor(key: string, options: AdminClientOptions = {}) {
    this.#key = key;
    this.#base = options.base ?? '';
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#onUnauthorized = options.onUnauthorized;
  }

  merchants(): Promise<AdminResult<Merchant[]>> {
    return this.#call('GET', '/merchants', undefined, isListOf(isMerchant), (list) => list.data);
  }

  merchant(merchantId: string): Promise<AdminResult<Merchant>> {
    return this.#call('GET', `/merchants/${enc(merchantId)}`, undefined, isMerchant, (merchant) => merchant);
  }

  /** Changes what `patch` gives, and answers the merchant; `vaultShards` is only ever raised (lower is refused). */
  updateMerchant(merchantId: string, patch: MerchantPatch): Promise<AdminResult<Merchant>> {
    return this.#call('PATCH', `/merchants/${enc(merchantId)}`, patch, isMerchant, (merchant) => merchant);
  }

  keys(merchantId: string): Promise<AdminResult<ApiKey[]>> {
    return this.#call('GET', `/merchants/${enc(merchantId)}/keys`, undefined, isListOf(isApiKey), (l) => l.data);
  }

  /** A new key for `keyId`; the old one keeps working for `expiresIn` seconds (0: not at all). */
  rollKey(merchantId: string, keyId: string, expiresIn: number): Promise<AdminResult<RolledKey>> {
    const path = `/merchants/${enc(merchantId)}/keys/${enc(keyId)}/roll`;
    return this.#call('POST', path, { expiresIn }, isRolledKey, (key) => key);
  }

  revokeKey(merchantId: string, keyId: string): Promise<AdminResult<ApiKey>> {
    const path = `/merchants/${enc(merchantId)}/keys/${enc(keyId)}/revoke`;
    return this.#call('POST', path, {}, isApiKey, (key) => key);
  }

  stats(merchantId: string, hours: number): Promise<AdminResult<StatsBucket[]>> {
    const path = `/merchants/${enc(merchantId)}/stats?hours=${hours}`;
    return this.#call('GET', path, undefined, isStats, (stats) => stats.buckets);
  }

  /** The KEK rotation's progress; a 404 `not_found` means this edge has no rotation route. */
  rotation(): Promise<AdminResult<RotationStatus>> {
    return this.#call('GET', '/rotate', undefined, isRotationStatus, (status) => status);
  }

  /** A page of the operator trail, newest first; `after` is the previous page's `next`. */
  trail(limit: number, after?: string): Promise<AdminResult<TrailPage>> {
    const query = new URLSearchParams({ limit: String(limit), ...(after === undefined ? {} : { after }) });
    return this.#call('GET', `/events?${query}`, undefined, isTrailPage, (page) => page);
  }

  async #call<B, T>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    body: unknown,
    guard: (v: unknown) => v is B,
    pick: (body: B) => T,
  ): Promise<AdminResult<T>> {
    let response: Response;
    try {
      response = await this.#fetch(`${this.#base}/v1/admin${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.#key}`,
          Accept: 'application/json',
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch {
      return failure(0, 'network_error', 'The edge could not be reached.');
    }
    const parsed: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      if (response.status === 401) this.#onUnauthorized?.();
      if (isProblem(parsed)) return failure(response.status, parsed.code, parsed.detail ?? parsed.title);
      return failure(response.status, 'invalid_response', `The edge answered ${response.status}.`);
    }
    if (!guard(parsed)) return failure(response.status, 'invalid_response', 'The edge answered something unexpected.');
    return { ok: true, value: pick(parsed) };
  }
}

const enc = encodeURIComponent;

const failure = (status: number, code: string, message: string): { ok: false; error: AdminError } => ({
  ok: false,
  error: { status, code, message },
});
