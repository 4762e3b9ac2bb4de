import type { TokenObject } from '@tessera/protocol';

/** The event types a webhook endpoint can subscribe to (or `*` for all of them). */
export type WebhookEventType =
  | 'token.created'
  | 'token.deleted'
  | 'token.cvc_erased'
  | 'forward.succeeded'
  | 'forward.failed'
  | 'card_testing.suspected'
  | 'webhook_endpoint.disabled';

interface WebhookEventOf<Type extends WebhookEventType, Data> {
  /** The event id, `evt_…`: also the `webhook-id` header, the same on every retry. Deduplicate on it. */
  id: string;
  type: Type;
  /** Unix seconds. */
  created: number;
  data: Data;
}

export type TokenCreatedEvent = WebhookEventOf<'token.created', { token: TokenObject }>;
export type TokenDeletedEvent = WebhookEventOf<
  'token.deleted',
  { token: { id: string; object: 'token'; deleted: true } }
>;
export type TokenCvcErasedEvent = WebhookEventOf<
  'token.cvc_erased',
  { token: { id: string; object: 'token'; cvc: 'absent' }; reason?: 'used' | 'expired' }
>;
/** What a forward's events say: which token, where it went, and the destination's status (null if none came). */
export interface ForwardEventData {
  token: { id: string; object: 'token' };
  forward: { host: string; status: number | null };
}
export type ForwardSucceededEvent = WebhookEventOf<'forward.succeeded', ForwardEventData>;
export type ForwardFailedEvent = WebhookEventOf<'forward.failed', ForwardEventData>;
export type CardTestingSuspectedEvent = WebhookEventOf<'card_testing.suspected', { rule: string }>;
export type WebhookEndpointDisabledEvent = WebhookEventOf<
  'webhook_endpoint.disabled',
  { webhookEndpoint: { id: string; url: string } }
>;

/** A verified webhook delivery's body. Narrow it with `switch (event.type)`. */
export type WebhookEvent =
  | TokenCreatedEvent
  | TokenDeletedEvent
  | TokenCvcErasedEvent
  | ForwardSucceededEvent
  | ForwardFailedEvent
  | CardTestingSuspectedEvent
  | WebhookEndpointDisabledEvent;
