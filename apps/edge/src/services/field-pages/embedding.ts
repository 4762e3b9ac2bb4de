import type { KeyType, Merchant } from '../../config/config';

/** Why a refused key may not show field pages to a page: the two answers a key check can give besides yes. */
export type EmbeddingRefusal = 'wrong_key_type' | 'forbidden_origin';

/**
 * The one rule of who may embed field pages, shared by the field page itself and the key check: a publishable key,
 * and a page origin that is exactly one of its merchant's allowed origins. `origin` is whatever the request names
 * (the field page's `parent`, the check's `Origin` header); anything that is not an exact match is refused, `null`,
 * `*` and a trailing slash included.
 */
export function embeddingRefusal(
  key: { type: KeyType; merchant: Pick<Merchant, 'allowedOrigins'> },
  origin: string | null | undefined,
): EmbeddingRefusal | undefined {
  if (key.type !== 'publishable') return 'wrong_key_type';
  if (typeof origin !== 'string' || !key.merchant.allowedOrigins.includes(origin)) return 'forbidden_origin';
  return undefined;
}
