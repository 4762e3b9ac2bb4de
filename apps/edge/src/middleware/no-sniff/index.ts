import type { MiddlewareHandler } from 'hono';

/**
 * `X-Content-Type-Options: nosniff` on every answer, problems and 404s included: no browser may read an API
 * answer as anything but the type it says.
 */
export function noSniff(): MiddlewareHandler {
  return async function noSniffMiddleware(c, next) {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
  };
}
