import { randomUUID } from 'node:crypto';
import { isProblem } from '@tessera/protocol';
import { TesseraApiError, TesseraConnectionError } from './errors';
import { isRetryableStatus, retryAfterMs, retryDelayMs } from './retry';

/** The subset of `fetch` the client calls; Node's global `fetch` by default. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface HttpClientConfig {
  secretKey: string;
  /** The edge's base URL, without a trailing slash. */
  edge: string;
  timeoutMs: number;
  maxRetries: number;
  fetch: FetchLike;
}

export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** The path, its variable parts already encoded. */
  path: string;
  query?: Record<string, string | number | undefined> | undefined;
  /** The JSON body of a POST; serialized once, so every retry sends the same bytes. */
  body?: unknown;
  idempotencyKey?: string | undefined;
}

/** Options of a POST: the `Idempotency-Key` it and its retries carry (a random UUID when not given). */
export interface PostOptions {
  idempotencyKey?: string;
}

export interface JsonAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface HttpClient {
  /** Sends the request, with retries; answers the JSON body once `guard` accepts it. */
  json<T>(spec: RequestSpec, guard: (value: unknown) => value is T): Promise<JsonAnswer<T>>;
  /** Sends the request, with retries until the answer's headers; then yields its body's chunks. */
  stream(spec: RequestSpec): Promise<AsyncGenerator<Uint8Array, void, undefined>>;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The one place that holds the secret key: it goes into the Authorization header and nowhere else, and is
 * scrubbed from anything the edge answers before that becomes an error message.
 */
export function createHttpClient(config: HttpClientConfig): HttpClient {
  const { secretKey, edge, timeoutMs, maxRetries, fetch } = config;
  const redact = (text: string | undefined) =>
    text === undefined ? undefined : text.split(secretKey).join('[redacted]');

  function url(spec: RequestSpec): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value !== undefined) search.set(name, String(value));
    }
    const query = search.toString();
    return `${edge}${spec.path}${query === '' ? '' : `?${query}`}`;
  }

  function apiError(response: Response, text: string): TesseraApiError {
    const requestId = response.headers.get('x-request-id') ?? undefined;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (!isProblem(body)) {
      return new TesseraApiError({
        status: response.status,
        code: 'invalid_response',
        title: 'The edge answered with something other than the expected JSON or a problem document.',
        requestId,
      });
    }
    const member = (name: string) => {
      const value = (body as unknown as Record<string, unknown>)[name];
      return typeof value === 'string' ? redact(value) : undefined;
    };
    // The HTTP status is the one that happened; a problem's `status` member only repeats it (RFC 9457 §3.1.2).
    return new TesseraApiError({
      status: response.status,
      code: body.code,
      title: redact(body.title) ?? '',
      type: member('type'),
      detail: member('detail'),
      param: member('param'),
      requestId: member('instance') ?? requestId,
      event: member('event'),
    });
  }

  /** One request, retried on network failures, timeouts, 429 and 5xx. Returns the final answer, read or not. */
  async function send(spec: RequestSpec, accept: string, read: boolean) {
    const headers: Record<string, string> = { authorization: `Bearer ${secretKey}`, accept };
    let body: string | undefined;
    if (spec.method === 'POST') {
      const key = spec.idempotencyKey ?? randomUUID();
      if (!IDEMPOTENCY_KEY.test(key)) throw new RangeError('idempotencyKey: 1 to 255 visible ASCII characters');
      headers['content-type'] = 'application/json';
      headers['idempotency-key'] = key;
      body = JSON.stringify(spec.body ?? {});
    }
    const target = url(spec);
    for (let attempt = 0; ; attempt++) {
      const retry = attempt < maxRetries;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      let response: Response;
      let text = '';
      try {
        // A redirect would take the Authorization header elsewhere; the edge sends none, so it is an error here.
        response = await fetch(target, {
          method: spec.method,
          headers,
          ...(body === undefined ? {} : { body }),
          redirect: 'manual',
          signal: controller.signal,
        });
        if (read || !response.ok) text = await response.text();
      } catch (cause) {
        clearTimeout(timer);
        if (retry) {
          await sleep(retryDelayMs(attempt, undefined));
          continue;
        }
        throw new TesseraConnectionError(controller.signal.aborted ? 'timeout' : 'network', edge, { cause });
      }
      if (read || !response.ok) clearTimeout(timer);
      if (retry && isRetryableStatus(response.status)) {
        await sleep(retryDelayMs(attempt, retryAfterMs(response.headers.get('retry-after'))));
        continue;
      }
      if (!response.ok) throw apiError(response, text);
      return { response, text, controller, timer };
    }
  }

  return {
    async json(spec, guard) {
      const { response, text } = await send(spec, 'application/json', true);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      if (!guard(body)) throw apiError(response, '');
      return { status: response.status, headers: response.headers, body };
    },

    async stream(spec) {
      const { response, controller, timer } = await send(spec, 'application/x-ndjson', false);
      clearTimeout(timer);
      const source = response.body;
      if (source === null) throw apiError(response, '');
      return (async function* chunks() {
        const reader = source.getReader();
        try {
          for (;;) {
            // The same timeout between two chunks as for a whole answer: a stalled stream ends instead of hanging.
            const idle = setTimeout(() => controller.abort(), timeoutMs);
            let next: Awaited<ReturnType<typeof reader.read>>;
            try {
              next = await reader.read();
            } catch (cause) {
              throw new TesseraConnectionError(controller.signal.aborted ? 'timeout' : 'network', edge, { cause });
            } finally {
              clearTimeout(idle);
            }
            if (next.done) return;
            yield next.value;
          }
        } finally {
          // Early exit (a `break` in the caller's loop): close the connection.
          await reader.cancel().catch(() => undefined);
        }
      })();
    },
  };
}
