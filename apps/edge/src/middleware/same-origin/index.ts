import type { MiddlewareHandler } from 'hono';
import { EdgeError } from '../../errors/edge-error';

/**
 * Admits only same-origin browser requests, i.e. from the edge's own field pages: `Origin` must be present and
 * equal the edge's origin, and `Sec-Fetch-Site`, which browsers send and pages cannot forge, must say
 * `same-origin` when present. Everything else is 403 `forbidden_origin`.
 */
export function sameOrigin(): MiddlewareHandler {
  return async function sameOriginMiddleware(c, next) {
    const origin = c.req.header('Origin');
    const site = c.req.header('Sec-Fetch-Site');
    if (origin === undefined || origin !== new URL(c.req.url).origin) throw new EdgeError('forbidden_origin');
    if (site !== undefined && site !== 'same-origin') throw new EdgeError('forbidden_origin');
    await next();
  };
}
