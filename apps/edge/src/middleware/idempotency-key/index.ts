import type { MiddlewareHandler } from 'hono';
import { EdgeError } from '../../errors/edge-error';
import { sha256Hex } from '../../lib/encoding';
import type { IdempotencyRequest } from '../../vault/idempotency';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Checks an `Idempotency-Key` header: absent, or 1-255 visible ASCII characters. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(header)) throw new EdgeError('invalid_request', { param: IDEMPOTENCY_KEY_HEADER });
  return header;
}

/**
 * Reads `Idempotency-Key` into `c.var.idempotency`: the key and the SHA-256 of the exact request bytes that
 * `bodyLimit` kept, which is what "the same request" means to the vault. Absent header, undefined. What a
 * replay or a conflict answers is the vault's rule for the route's scope, not this middleware's.
 */
export function idempotencyKey(): MiddlewareHandler<{
  Bindings: Env;
  Variables: { body: Uint8Array; idempotency: IdempotencyRequest | undefined };
}> {
  return async function idempotencyKeyMiddleware(c, next) {
    const key = parseIdempotencyKey(c.req.header(IDEMPOTENCY_KEY_HEADER));
    c.set('idempotency', key === undefined ? undefined : { key, bodyDigest: await sha256Hex(c.var.body) });
    await next();
  };
}
