// The edge's HTTP client for forwards: one request, no redirects followed, a deadline for the whole exchange
// and a cap on the answer. Failures come back as values with a fixed reason, never the runtime's message
// (which can quote the URL).

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
    const body = await readCapped(response, maxResponseBytes);
    if (body === null) return { ok: false, reason: 'too_large', status: response.status };
    return { ok: true, status: response.status, headers, body };
  } catch {
    return { ok: false, reason: signal.aborted ? 'timeout' : 'unreachable', status: response.status };
  }
}

/** The body, or null as soon as it passes `limit` bytes (the rest is not read). */
async function readCapped(response: Response, limit: number): Promise<Uint8Array | null> {
  if (response.body === null) return new Uint8Array(0);
  const declared = Number(response.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body.cancel();
    return null;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
