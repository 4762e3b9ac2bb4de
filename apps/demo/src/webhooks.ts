/** An event the edge sent to the merchant server about a token, which the server verified (`verifyWebhook`). */
export interface ReceivedWebhook {
  id: string;
  type: string;
  created: number;
  verified: boolean;
}

/** How the page follows a token's webhooks after a payment. */
export interface WatchOptions {
  /** Called with the token's events each time the list grows. */
  show: (events: ReceivedWebhook[]) => void;
  /** Whether every event the page waits for is there; polling stops then. */
  done: (events: ReceivedWebhook[]) => boolean;
  /** Aborted when the shopper pays again: this token's events no longer belong on the page. */
  signal: AbortSignal;
  timeoutMs?: number;
  intervalMs?: number;
}

/** The verified events the merchant server holds for `token` (`GET /api/webhooks?token=`), or null on failure. */
export async function receivedWebhooks(token: string): Promise<ReceivedWebhook[] | null> {
  try {
    const response = await fetch(`/api/webhooks?token=${encodeURIComponent(token)}`);
    const body: unknown = await response.json();
    if (!response.ok || typeof body !== 'object' || body === null || !('data' in body) || !Array.isArray(body.data)) {
      return null;
    }
    return body.data.filter(isReceivedWebhook);
  } catch {
    return null;
  }
}

/**
 * Asks the merchant server for `token`'s webhooks until `done` says all have come or `timeoutMs` passed (a delivery
 * takes about a second locally). Answers the last list it got.
 */
export async function watchWebhooks(
  token: string,
  { show, done, signal, timeoutMs = 5_000, intervalMs = 250 }: WatchOptions,
): Promise<ReceivedWebhook[]> {
  const deadline = Date.now() + timeoutMs;
  let shown: ReceivedWebhook[] = [];
  while (!signal.aborted) {
    const events = await receivedWebhooks(token);
    if (signal.aborted) break;
    if (events !== null && events.length > shown.length) {
      shown = events;
      show(events);
    }
    if (done(shown) || Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return shown;
}

function isReceivedWebhook(value: unknown): value is ReceivedWebhook {
  return (
    typeof value === 'object' &&
    value !== null &&
    'id' in value &&
    typeof value.id === 'string' &&
    'type' in value &&
    typeof value.type === 'string' &&
    'created' in value &&
    typeof value.created === 'number' &&
    'verified' in value &&
    typeof value.verified === 'boolean'
  );
}
