import type { MiddlewareHandler } from 'hono';
import { EdgeError } from '../../errors/edge-error';
import { readCapped } from '../../lib/streams';

export interface BodyLimitOptions {
  maxBytes: number;
}

/**
 * Reads a request body of at most `limit` bytes. A `Content-Length` over the limit is refused before reading;
 * without one (or with one that lies) the stream is cut off as soon as it passes the limit.
 */
export async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get('Content-Length');
  if (declared !== null) {
    if (!/^\d{1,15}$/.test(declared)) throw new EdgeError('invalid_request', { param: 'Content-Length' });
    if (Number(declared) > limit) throw new EdgeError('payload_too_large');
    // A request off the wire is held to its declared length by HTTP framing, so it is read whole in one native
    // step rather than chunk by chunk; one made in code can still lie, and is refused when it does.
    const body = new Uint8Array(await request.arrayBuffer());
    if (body.byteLength > Number(declared)) throw new EdgeError('payload_too_large');
    if (body.byteLength < Number(declared)) throw new EdgeError('invalid_request', { param: 'Content-Length' });
    return body;
  }
  const body = await readCapped(request.body, limit);
  if (body === null) throw new EdgeError('payload_too_large');
  return body;
}

/**
 * Reads the whole body (bounded) before anything else looks at it and keeps the bytes in `c.var.body`: size is
 * refused first, whatever the key, and idempotency compares exactly these bytes.
 */
export function bodyLimit(
  options: BodyLimitOptions,
): MiddlewareHandler<{ Bindings: Env; Variables: { body: Uint8Array } }> {
  if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes <= 0) {
    throw new RangeError('bodyLimit(): maxBytes must be a positive integer');
  }
  const { maxBytes } = options;
  return async function bodyLimitMiddleware(c, next) {
    c.set('body', await readLimited(c.req.raw, maxBytes));
    await next();
  };
}
