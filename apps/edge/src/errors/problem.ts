import { API_ERRORS, type ApiErrorCode, PROBLEM_CONTENT_TYPE, type Problem } from '@tessera/protocol';
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { logEvent } from '../lib/log';
import { EdgeError } from './edge-error';

/** The `type` URI of a problem; a URN because no page documents each code yet. */
export const problemType = (code: ApiErrorCode) => `urn:tessera:error:${code}`;

/** Builds the RFC 9457 body of an EdgeError. */
export function problemBody(error: EdgeError, requestId: string | undefined): Problem {
  const body: Problem = {
    type: problemType(error.code),
    title: API_ERRORS[error.code].message,
    status: error.status,
    code: error.code,
  };
  if (error.detail !== undefined) body.detail = error.detail;
  if (requestId !== undefined) body.instance = requestId;
  if (error.param !== undefined) body.param = error.param;
  if (error.event !== undefined) body.event = error.event;
  return body;
}

/** Answers a request with the problem of an EdgeError. */
export function problemResponse(c: Context<AppEnv>, error: EdgeError): Response {
  c.set('problemCode', error.code);
  const headers = new Headers(error.headers);
  headers.set('Content-Type', PROBLEM_CONTENT_TYPE);
  headers.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(problemBody(error, c.get('requestId'))), { status: error.status, headers });
}

/**
 * The EdgeError an error answers as: itself, or a generic `internal_error` for anything unknown, logged by name
 * only: messages of runtime errors (a JSON SyntaxError, a SQLite constraint) can quote the data they failed on.
 */
export function asEdgeError(error: unknown, c: Context<AppEnv>): EdgeError {
  if (error instanceof EdgeError) return error;
  // The vault's refusal of a revoked or expired key or a suspended merchant, across the RPC boundary (which
  // keeps an error's message, not its class): see vault/access.ts.
  if (error instanceof Error && error.message === 'tessera:key_refused') {
    return new EdgeError('unauthorized', { headers: { 'WWW-Authenticate': 'Bearer realm="tessera"' } });
  }
  if (error instanceof Error && error.message === 'tessera:merchant_suspended') {
    return new EdgeError('merchant_suspended');
  }
  logEvent('error', 'unhandled error', {
    requestId: c.get('requestId'),
    error: error instanceof Error ? error.name : typeof error,
  });
  return new EdgeError('internal_error');
}

/** The app's one `onError`: every failure becomes a problem, unknown ones a generic 500 (see `asEdgeError`). */
export function toProblemResponse(error: unknown, c: Context<AppEnv>): Response {
  return problemResponse(c, asEdgeError(error, c));
}

/** `app.notFound`: unknown routes are problems too. */
export function notFoundProblem(c: Context<AppEnv>): Response {
  return problemResponse(c, new EdgeError('not_found'));
}

/** For hono's `methodNotAllowed({ onMethodNotAllowed })`: a known path with a method it does not take. */
export function methodNotAllowedProblem(c: Context<AppEnv>, allowed: string[]): Response {
  return problemResponse(c, new EdgeError('method_not_allowed', { headers: { Allow: allowed.join(', ') } }));
}
