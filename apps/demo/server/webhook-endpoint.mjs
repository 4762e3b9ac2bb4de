// The merchant server's webhook endpoint at the edge, registered at every start. The edge shows an endpoint's secret
// only when it creates it, and this server keeps its secret only in memory, so each start makes a new endpoint; the
// ones an earlier start made for the same URL go first, so restarts do not pile them up (the edge keeps 16).
import { setTimeout as sleep } from 'node:timers/promises';
import { TesseraApiError, TesseraConnectionError } from '@tessera/node';

/**
 * @typedef {import('@tessera/node').Tessera} Tessera
 * @typedef {import('@tessera/node').WebhookEndpointWithSecret} WebhookEndpointWithSecret
 * @typedef {import('@tessera/node').WebhookEventType} WebhookEventType
 */

/** What the demo shop listens to. @type {WebhookEventType[]} */
export const WEBHOOK_EVENTS = [
  'token.created',
  'token.deleted',
  'token.cvc_erased',
  'forward.succeeded',
  'forward.failed',
  'card_testing.suspected',
];

/**
 * Deletes every endpoint of this merchant at `url`, then creates one there; answers it with its secret. Safe to run
 * again after a failure part way: whatever an earlier attempt left at `url` is deleted first.
 * @param {Tessera} tessera
 * @param {string} url
 * @returns {Promise<WebhookEndpointWithSecret>}
 */
export async function replaceWebhookEndpoint(tessera, url) {
  const href = new URL(url).href; // as the edge stores it
  const { data } = await tessera.webhookEndpoints.list();
  for (const endpoint of data) {
    if (endpoint.url !== href) continue;
    try {
      await tessera.webhookEndpoints.delete(endpoint.id);
    } catch (error) {
      // Gone already (another start, or a retried delete whose first answer was lost): that is what was wanted.
      if (!(error instanceof TesseraApiError && error.code === 'not_found')) throw error;
    }
  }
  return tessera.webhookEndpoints.create({ url: href, events: WEBHOOK_EVENTS, description: 'Tessera demo shop' });
}

/** Whether trying again later may succeed: the edge is not up yet, is busy, or failed. @param {unknown} error */
export function isTransient(error) {
  return (
    error instanceof TesseraConnectionError ||
    (error instanceof TesseraApiError && (error.status === 429 || error.status >= 500))
  );
}

/**
 * Registers the endpoint as soon as the edge answers (`pnpm demo` starts the edge after this server), trying again
 * every `retryMs` while it cannot be reached. Answers the endpoint, or null when the edge refused it (the refusal's
 * code is logged; payments still work, without webhooks) or `signal` aborted first.
 * @param {Tessera} tessera
 * @param {string} url
 * @param {{ log: (line: string) => void, signal?: AbortSignal, retryMs?: number }} options
 * @returns {Promise<WebhookEndpointWithSecret | null>}
 */
export async function registerWebhookEndpoint(tessera, url, { log, signal, retryMs = 500 }) {
  let waiting = false;
  while (!signal?.aborted) {
    try {
      const endpoint = await replaceWebhookEndpoint(tessera, url);
      log(`webhooks: endpoint ${endpoint.id} at ${endpoint.url} (${endpoint.events.join(', ')})`);
      return endpoint;
    } catch (error) {
      if (!isTransient(error)) {
        const why = error instanceof TesseraApiError ? `${error.status} ${error.code}` : 'an unexpected error';
        log(`webhooks: the edge refused the endpoint at ${url}: ${why}; payments work, without webhooks`);
        return null;
      }
      if (!waiting) log(`webhooks: waiting for the edge to register ${url}`);
      waiting = true;
    }
    await sleep(retryMs, undefined, { signal }).catch(() => undefined);
  }
  return null;
}
