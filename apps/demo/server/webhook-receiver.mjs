// The merchant server's side of the edge's webhooks: every delivery is verified with the endpoint's secret
// (`verifyWebhook`, Standard Webhooks), deduplicated by its webhook-id, and kept in memory by token, so the checkout
// page can show what the server heard about its token. Only verified events are kept, and only their id, type and
// time: an event's data (a masked card, a processor's host) is not needed to show it, so it is not kept.
import { verifyWebhook, WebhookVerificationError } from '@tessera/node';
import { failure } from './http-io.mjs';

/**
 * @typedef {import('@tessera/node').WebhookEvent} WebhookEvent
 * @typedef {import('./http-io.mjs').Answer} Answer
 * @typedef {{ id: string, type: WebhookEvent['type'], created: number, verified: true }} ReceivedEvent
 * @typedef {{ log?: (line: string) => void, keepIds?: number, keepTokens?: number, keepPerToken?: number }} ReceiverOptions
 */

/** The token an event is about, if it is about one (`card_testing.suspected` is about a client, not a token). */
export function tokenOf(/** @type {WebhookEvent} */ event) {
  const data = /** @type {{ token?: { id?: unknown } }} */ (event.data);
  return typeof data.token?.id === 'string' ? data.token.id : null;
}

/** Verifies, deduplicates and keeps the edge's webhook deliveries; bounded, in memory. */
export class WebhookReceiver {
  /** @type {string[]} */
  #secrets = [];
  /** Delivery ids already taken, oldest first. @type {Set<string>} */
  #seen = new Set();
  /** Each token's last events, oldest token first. @type {Map<string, ReceivedEvent[]>} */
  #byToken = new Map();
  #log;
  #keepIds;
  #keepTokens;
  #keepPerToken;

  /** @param {ReceiverOptions} [options] */
  constructor({ log = (line) => console.log(line), keepIds = 10_000, keepTokens = 1_000, keepPerToken = 20 } = {}) {
    this.#log = log;
    this.#keepIds = keepIds;
    this.#keepTokens = keepTokens;
    this.#keepPerToken = keepPerToken;
  }

  /** Takes the endpoint's signing secret (`whsec_…`). It lives here only: never logged, never written anywhere. */
  useSecret(/** @type {string} */ secret) {
    this.#secrets = [secret];
  }

  /** Whether a secret is set, so that deliveries can be verified. */
  get ready() {
    return this.#secrets.length > 0;
  }

  /**
   * Takes one delivery: its body as received and its headers. Answers 200 once it is verified (again for a
   * webhook-id already taken, which is then not kept twice), 400 with the verification's code when it must not
   * be trusted, 503 while there is no secret yet (the edge retries later). A refusal is logged by its code only:
   * a body or a header that failed verification is whatever a stranger sent.
   * @param {Uint8Array} body
   * @param {import('node:http').IncomingHttpHeaders} headers
   * @returns {Answer}
   */
  receive(body, headers) {
    if (!this.ready) {
      this.#log('webhook refused: no endpoint registered yet');
      return { status: 503, body: failure('webhooks_not_ready', 'No webhook endpoint is registered yet.') };
    }
    /** @type {WebhookEvent} */
    let event;
    try {
      event = verifyWebhook(body, headers, this.#secrets);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      this.#log(`webhook refused: ${error.code}`);
      return { status: 400, body: failure(error.code, error.message) };
    }
    // Verified, so the signed webhook-id is there; it is the same on every retry of a delivery.
    const id = String(headers['webhook-id']);
    if (this.#seen.has(id)) {
      this.#log(`webhook ${id} again: already received`);
      return { status: 200, body: { received: true, duplicate: true } };
    }
    this.#remember(id);
    const token = tokenOf(event);
    if (token !== null) this.#keep(token, { id, type: event.type, created: event.created, verified: true });
    this.#log(`webhook ${event.type} ${id} verified${token === null ? '' : ` for ${token}`}`);
    return { status: 200, body: { received: true } };
  }

  /** The verified events of a token, oldest first (at most the last `keepPerToken`). */
  eventsOf(/** @type {string} */ token) {
    return [...(this.#byToken.get(token) ?? [])];
  }

  /** @param {string} id */
  #remember(id) {
    this.#seen.add(id);
    if (this.#seen.size > this.#keepIds) this.#seen.delete(this.#seen.values().next().value ?? '');
  }

  /** @param {string} token @param {ReceivedEvent} event */
  #keep(token, event) {
    const events = this.#byToken.get(token) ?? [];
    events.push(event);
    if (events.length > this.#keepPerToken) events.shift();
    this.#byToken.set(token, events);
    if (this.#byToken.size > this.#keepTokens) this.#byToken.delete(this.#byToken.keys().next().value ?? '');
  }
}
