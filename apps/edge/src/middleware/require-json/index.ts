import type { MiddlewareHandler } from 'hono';
import { EdgeError } from '../../errors/edge-error';

/** The media type of a Content-Type value, without parameters, lower-cased. */
export const mediaType = (contentType: string | undefined): string =>
  (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();

/** Refuses a request whose body is not declared `application/json` with 415 `unsupported_media_type`. */
export function requireJson(): MiddlewareHandler {
  return async function requireJsonMiddleware(c, next) {
    if (mediaType(c.req.header('Content-Type')) !== 'application/json') throw new EdgeError('unsupported_media_type');
    await next();
  };
}
