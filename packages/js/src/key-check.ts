import { KEY_CHECK_PATH, type KeyCheckOutcome, keyCheckOutcome } from '@tessera/protocol';

/** How long `loadTessera` waits for the edge's answer before going on without it. */
export const KEY_CHECK_TIMEOUT_MS = 3_000;

/**
 * Asks the edge whether `publishableKey` may show field pages on this page (`GET {edge}/v1/keys/check`, a CORS
 * request: the browser names the page in `Origin`). Only a definite refusal is an answer that stops anything; a
 * check that fails, times out or is blocked by the page's CSP is `unknown`, and the SDK goes on as before it had
 * the check: the fields themselves still say `loaderror` if they cannot load.
 */
export async function checkKeyAtEdge(
  edgeOrigin: string,
  publishableKey: string,
  timeoutMs = KEY_CHECK_TIMEOUT_MS,
): Promise<KeyCheckOutcome> {
  try {
    const response = await fetch(`${edgeOrigin}${KEY_CHECK_PATH}?key=${encodeURIComponent(publishableKey)}`, {
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body: unknown = response.status === 204 ? null : await response.json().catch(() => null);
    return keyCheckOutcome(response.status, body);
  } catch {
    return 'unknown';
  }
}
