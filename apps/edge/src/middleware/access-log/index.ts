import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../../app-env';
import { logEvent } from '../../lib/log';
import type { AuthContext } from '../../request/auth-context';

/**
 * One log line per request: id, the merchant its key named (when one did), method, route pattern (never the
 * URL, whose query can hold a publishable key), status, problem code and duration. Nothing from headers or
 * bodies.
 */
export function accessLog(): MiddlewareHandler<
  AppEnv & { Variables: { auth?: AuthContext; refusedKey?: AuthContext } }
> {
  return async function accessLogMiddleware(c, next) {
    const started = Date.now();
    await next();
    const who = c.get('auth') ?? c.get('refusedKey');
    logEvent(c.res.status >= 500 ? 'error' : 'info', 'request', {
      requestId: c.get('requestId'),
      merchant: who?.merchant.id,
      method: c.req.method,
      route: routePath(c, -1),
      status: c.res.status,
      code: c.get('problemCode'),
      ms: Date.now() - started,
    });
  };
}
