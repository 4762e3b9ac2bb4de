import type { WebhookEventType } from '@tessera/protocol';
import type { EventRow } from './trail';

// The vault's outbox of webhook events: a row per event some endpoint of this merchant subscribes to, written in
// the transaction of the event itself, so an event is handed to the webhook queue if and only if it happened.
// The vault's alarm hands the rows over (webhooks/webhook-queue.ts) and deletes them once taken.

/** The webhook event an audit event is, if any. */
export function webhookTypeOf(row: Pick<EventRow, 'action' | 'outcome'>): WebhookEventType | null {
  switch (row.action) {
    case 'token.created':
    case 'token.deleted':
    case 'token.cvc_erased':
    case 'card_testing.suspected':
    case 'webhook_endpoint.disabled':
      return row.action;
    case 'token.forwarded':
      return row.outcome === 'success' ? 'forward.succeeded' : 'forward.failed';
    case 'vault_token.charged':
      return row.outcome === 'success' ? 'vault_token.used' : null;
    case 'vault_token.revoked':
    case 'vault_token.expired':
      return 'vault_token.deactivated';
    default:
      return null;
  }
}

/** The `data` of a webhook event that needs nothing but its audit event. */
export function defaultWebhookData(row: EventRow, type: WebhookEventType): Record<string, unknown> {
  const token = { id: row.token_id, object: 'token' };
  switch (type) {
    case 'token.deleted':
      return { token: { ...token, deleted: true } };
    case 'token.cvc_erased':
      return { token: { ...token, cvc: 'absent' }, reason: row.detail };
    case 'forward.succeeded':
    case 'forward.failed':
      return { token, forward: { host: row.host, status: row.status } };
    case 'card_testing.suspected':
      return { rule: row.detail };
    default:
      return {};
  }
}

export type OutboxRow = {
  seq: number;
  event_id: string;
  type: WebhookEventType;
  payload: string;
};

const TYPES = 'webhook_types';

/** The event types this merchant's endpoints subscribe to, as the webhook queue last told the vault. */
export function subscribedTypes(sql: SqlStorage): Set<string> {
  const row = sql.exec<{ value: string }>('SELECT value FROM vault_meta WHERE name = ?', TYPES).toArray()[0];
  return new Set(row === undefined ? [] : (JSON.parse(row.value) as string[]));
}

export function setSubscribedTypes(sql: SqlStorage, types: readonly string[]): void {
  sql.exec(
    'INSERT INTO vault_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    TYPES,
    JSON.stringify([...new Set(types)].sort()),
  );
}

/** Puts a webhook event in the outbox; its payload is the exact body every delivery of it will carry. */
export function putInOutbox(sql: SqlStorage, row: EventRow, type: WebhookEventType, data: unknown): void {
  const payload = JSON.stringify({ id: row.id, type, created: Math.floor(row.created_at_ms / 1000), data });
  sql.exec('INSERT INTO webhook_outbox (event_id, type, payload) VALUES (?, ?, ?)', row.id, type, payload);
}

export function takeOutbox(sql: SqlStorage, limit: number): OutboxRow[] {
  return sql
    .exec<OutboxRow>('SELECT seq, event_id, type, payload FROM webhook_outbox ORDER BY seq LIMIT ?', limit)
    .toArray();
}

export function removeFromOutbox(sql: SqlStorage, throughSeq: number): void {
  sql.exec('DELETE FROM webhook_outbox WHERE seq <= ?', throughSeq);
}
