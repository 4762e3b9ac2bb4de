import type { WebhookEventType } from '@tessera/protocol';
import type { EventRecorder } from './recorder';
import { removeFromOutbox, takeOutbox } from './webhook-outbox';

/** Webhook events handed to the queue per call. */
const HANDOVER_BATCH = 100;

/** The webhook queue's side of the handover (WebhookQueue.enqueue). */
export interface WebhookQueueStub {
  enqueue(
    merchantId: string,
    events: { id: string; type: WebhookEventType; payload: string }[],
  ): Promise<{ types: string[] }>;
}

/**
 * Hands the vault's outbox to the merchant's webhook queue in batches, deleting each batch once the queue has
 * it (the queue ignores an event it already holds, so a restart in between sends nothing twice) and learning
 * the types subscribed now. False when the queue could not be reached; the rest stays in the outbox.
 */
export async function handOverWebhooks(
  storage: Pick<DurableObjectStorage, 'sql' | 'transactionSync'>,
  events: EventRecorder,
  queue: WebhookQueueStub,
  merchantId: string,
): Promise<boolean> {
  for (;;) {
    const rows = takeOutbox(storage.sql, HANDOVER_BATCH);
    const last = rows.at(-1);
    if (last === undefined) return true;
    let types: string[];
    try {
      ({ types } = await queue.enqueue(
        merchantId,
        rows.map((row) => ({ id: row.event_id, type: row.type, payload: row.payload })),
      ));
    } catch {
      return false;
    }
    storage.transactionSync(() => {
      removeFromOutbox(storage.sql, last.seq);
      events.setSubscriptions(types);
    });
    if (rows.length < HANDOVER_BATCH) return true;
  }
}
