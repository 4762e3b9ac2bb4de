import type { WebhookEndpoint, WebhookEventType } from '@tessera/protocol';

// Synchronous SQL over the queue's endpoints.

export type EndpointRow = {
  id: string;
  url: string;
  description: string | null;
  events: string;
  status: 'enabled' | 'disabled';
  created_at: number;
  kek_kid: string;
  wrapped_secret: ArrayBuffer;
  previous_kek_kid: string | null;
  previous_wrapped_secret: ArrayBuffer | null;
  previous_expires_at: number | null;
  failing_since: number | null;
};

/** At most this many endpoints per merchant. */
export const MAX_ENDPOINTS = 16;

export function toEndpoint(row: EndpointRow): WebhookEndpoint {
  const endpoint: WebhookEndpoint = {
    id: row.id,
    object: 'webhook_endpoint',
    url: row.url,
    events: JSON.parse(row.events) as WebhookEndpoint['events'],
    status: row.status,
    created: row.created_at,
  };
  if (row.description !== null) endpoint.description = row.description;
  return endpoint;
}

export const selectEndpoints = (sql: SqlStorage): EndpointRow[] =>
  sql.exec<EndpointRow>('SELECT * FROM endpoints ORDER BY created_at, id').toArray();

export const selectEndpoint = (sql: SqlStorage, id: string): EndpointRow | null =>
  sql.exec<EndpointRow>('SELECT * FROM endpoints WHERE id = ?', id).toArray()[0] ?? null;

/** The event types the enabled endpoints subscribe to (the vault puts only these in its outbox). */
export function subscribedTypes(sql: SqlStorage): string[] {
  const types = new Set<string>();
  for (const row of selectEndpoints(sql)) {
    if (row.status !== 'enabled') continue;
    for (const type of JSON.parse(row.events) as string[]) types.add(type);
  }
  return [...types].sort();
}

/** Whether an endpoint's subscription covers a type. */
export const subscribes = (row: EndpointRow, type: WebhookEventType): boolean => {
  const events = JSON.parse(row.events) as string[];
  return events.includes('*') || events.includes(type);
};
