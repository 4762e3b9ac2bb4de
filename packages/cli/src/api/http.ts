import { isProblem } from '@tessera/protocol';
import { CliError } from '../errors/cli-error';

/** The subset of `fetch` the CLI calls; Node's global `fetch` by default. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface Endpoint {
  /** The edge's origin, e.g. http://127.0.0.1:8787. */
  edge: string;
  /** The bearer key: the operator's, or a merchant's secret key for its own trail. */
  key: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}

export interface Call {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: Record<string, string | number | undefined> | undefined;
  body?: unknown;
}

/** Checks an `--edge` value: an http(s) origin, which the CLI uses without a trailing slash. */
export function edgeOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError({ code: 'usage', detail: `--edge ${value}: not a URL` });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname.replace(/\/$/, '') !== '') {
    throw new CliError({ code: 'usage', detail: `--edge ${value}: an http(s) origin, such as http://127.0.0.1:8787` });
  }
  return url.origin;
}

/**
 * Sends one request and answers its JSON body once `guard` accepts it. A problem document becomes a CliError with
 * the edge's code; the key never appears in anything it throws.
 */
export async function call<T>(endpoint: Endpoint, spec: Call, guard: (value: unknown) => value is T): Promise<T> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(spec.query ?? {})) if (value !== undefined) search.set(name, `${value}`);
  const query = search.size === 0 ? '' : `?${search}`;
  const redact = (text: string) => text.split(endpoint.key).join('[redacted]');
  let response: Response;
  let text: string;
  try {
    response = await (endpoint.fetch ?? fetch)(`${endpoint.edge}${spec.path}${query}`, {
      method: spec.method,
      headers: {
        authorization: `Bearer ${endpoint.key}`,
        accept: 'application/json',
        ...(spec.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
      signal: AbortSignal.timeout(endpoint.timeoutMs ?? 30_000),
    });
    text = await response.text();
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'did not answer in time' : 'refused';
    throw new CliError({ code: 'edge_unreachable', detail: `${endpoint.edge} ${reason}.` });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  let requestId = response.headers.get('x-request-id') ?? undefined;
  if (!response.ok) {
    if (isProblem(body)) {
      requestId = body.instance ?? requestId;
      throw new CliError({
        code: body.code,
        status: body.status,
        title: redact(body.title),
        detail: body.detail === undefined ? undefined : redact(body.detail),
        param: body.param,
        requestId,
      });
    }
    throw new CliError({ code: 'invalid_response', status: response.status, requestId });
  }
  if (!guard(body)) throw new CliError({ code: 'invalid_response', status: response.status, requestId });
  return body;
}
