import { signatureHeader } from './signing';

// One delivery attempt: a POST of the event's exact bytes, signed, no redirects followed, a deadline, the
// answer's body discarded. Failures come back as fixed words, never the runtime's message (which can quote the URL).

/** How long an endpoint has to answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;

export interface AttemptResult {
  ok: boolean;
  status: number | null;
  error: 'timeout' | 'unreachable' | 'status' | null;
}

export async function deliver(
  url: string,
  eventId: string,
  payload: string,
  keys: readonly CryptoKey[],
  fetcher: typeof fetch = fetch,
): Promise<AttemptResult> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signal = AbortSignal.timeout(DELIVERY_TIMEOUT_MS);
  try {
    const response = await fetcher(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Tessera-Webhooks/1',
        'webhook-id': eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': await signatureHeader(keys, eventId, timestamp, payload),
      },
      body: payload,
      redirect: 'manual',
      signal,
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, status: response.status, error: ok ? null : 'status' };
  } catch {
    return { ok: false, status: null, error: signal.aborted ? 'timeout' : 'unreachable' };
  }
}
