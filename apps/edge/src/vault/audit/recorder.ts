import type { WebhookEventType } from '@tessera/protocol';
import { appendEvent, type EventRow, type NewEvent } from './trail';
import { defaultWebhookData, putInOutbox, setSubscribedTypes, subscribedTypes, webhookTypeOf } from './webhook-outbox';

/**
 * Records the vault's events: appends each to the hash-chained trail and, when one of the merchant's webhook
 * endpoints subscribes to it, to the outbox, in the caller's transaction. Knows the subscriptions from memory
 * after the first read, so an event nobody subscribes to costs one insert.
 */
export class EventRecorder {
  readonly #sql: SqlStorage;
  #types: Set<string> | null = null;
  #outboxed = false;

  constructor(sql: SqlStorage) {
    this.#sql = sql;
  }

  /** Call inside the transaction of what the event records; `data` is the webhook's, when the event is one. */
  record(event: NewEvent, data?: Record<string, unknown>): EventRow {
    const row = appendEvent(this.#sql, event);
    const type = webhookTypeOf(row);
    if (type !== null && this.#subscribes(type)) {
      putInOutbox(this.#sql, row, type, data ?? defaultWebhookData(row, type));
      this.#outboxed = true;
    }
    return row;
  }

  setSubscriptions(types: readonly string[]): void {
    setSubscribedTypes(this.#sql, types);
    this.#types = subscribedTypes(this.#sql);
  }

  /** Whether events went to the outbox since the last call (then the vault's alarm should hand them over). */
  takeOutboxed(): boolean {
    const outboxed = this.#outboxed;
    this.#outboxed = false;
    return outboxed;
  }

  #subscribes(type: WebhookEventType): boolean {
    this.#types ??= subscribedTypes(this.#sql);
    return this.#types.has('*') || this.#types.has(type);
  }
}
