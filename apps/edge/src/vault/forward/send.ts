// The edge's HTTP client for forwards: one request, no redirects followed, a deadline for the whole exchange
// and a cap on the answer. Failures come back as values with a fixed reason, never the runtime's message
// (which can quote the URL).

import { readCapped } from '../../lib/streams';

/** How long a destination has to answer, body included. */
export const FORWARD_TIMEOUT_MS = 10_000;
/** The largest answer passed back to the merchant. */
export const MAX_FORWARD_RESPONSE_BYTES = 1024 * 1024;

/** Response headers passed back (values masked too); the rest (cookies, tracing, server details) stay here. */
export const SAFE_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
  'content-type',
  'content-language',
  'location',
  'retry-after',
  'request-id',
  'x-request-id',
]);

export interface OutgoingRequest {
  url: string;
  method: string;
  headers: [string, string][];
  body: string | undefined;
}

export type FailureReason = 'timeout' | 'unreachable' | 'too_large';

export type SendOutcome =
  | { ok: true; status: number; headers: [string, string][]; body: Uint8Array }
  | { ok: false; reason: FailureReason; status: number | null };

export interface SendOptions {
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** For tests: the fetch to use. */
  fetcher?: typeof fetch;
}

/** The fixed text of each failure, for the problem's `detail`. */
export const FAILURE_DETAIL: Record<FailureReason, string> = {
  timeout: `The destination did not answer within ${FORWARD_TIMEOUT_MS / 1000} s.`,
  unreachable: 'The destination could not be reached.',
  too_large: `The destination's answer is larger than ${MAX_FORWARD_RESPONSE_BYTES / 1024 / 1024} MB.`,
};

/** Sends one request and reads at most `maxResponseBytes` of the answer before the deadline. */
export async function sendForward(request: OutgoingRequest, options: SendOptions = {}): Promise<SendOutcome> {
  const { timeoutMs = FORWARD_TIMEOUT_MS, maxResponseBytes = MAX_FORWARD_RESPONSE_BYTES, fetcher = fetch } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetcher(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
      signal,
    });
  } catch {
    return { ok: false, reason: signal.aborted ? 'timeout' : 'unreachable', status: null };
  }
  const headers = [...response.headers].filter(([name]) => SAFE_RESPONSE_HEADERS.has(name.toLowerCase()));
  try {
    const body = await readCappedResponse(response, maxResponseBytes);
    if (body === null) return { ok: false, reason: 'too_large', status: response.status };
    return { ok: true, status: response.status, headers, body };
  } catch {
    return { ok: false, reason: signal.aborted ? 'timeout' : 'unreachable', status: response.status };
  }
}

/** The body, or null when it is (or says it is) over `limit` bytes. */
async function readCappedResponse(response: Response, limit: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get('Content-Length'));
  if (response.body !== null && Number.isFinite(declared) && declared > limit) {
    await response.body.cancel();
    return null;
  }
  return readCapped(response.body, limit);
}
