import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../app-env';
import { randomId } from '../../lib/encoding';

export const REQUEST_ID_HEADER = 'Request-Id';

/**
 * Gives each request a fresh random id, returned in `Request-Id` and as a problem's `instance`. An incoming id
 * is ignored: the id must be ours to be worth finding in our logs.
 */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async function requestIdMiddleware(c, next) {
    const id = randomId('req', 12);
    c.set('requestId', id);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, id);
  };
}
