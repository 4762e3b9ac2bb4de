import type { TokenObject } from './api';

/** Every action a vault's audit trail records (the `type` of an event, and the `type` filter of `GET /v1/events`). */
export const AUDIT_ACTIONS = [
  'token.created',
  'token.create_replayed',
  'token.idempotency_conflict',
  'token.read',
  'token.deleted',
  'token.cvc_erased',
  'token.forward_attempted',
  'token.forward_refused',
  'token.forwarded',
  'token.forward_replayed',
  'card_testing.suspected',
  'auth.refused',
  'request.refused',
  'vault_token.created',
  'vault_token.charged',
  'vault_token.refused',
  'vault_token.revoked',
  'vault_token.expired',
  'vault_token.read',
  'admin.merchant_created',
  'admin.merchant_updated',
  'admin.key_issued',
  'admin.key_rolled',
  'admin.key_revoked',
  'admin.agent_created',
  'admin.rotation_started',
  'admin.data_key_rotated',
  'admin.refused',
  'webhook_endpoint.created',
  'webhook_endpoint.deleted',
  'webhook_endpoint.rotated',
  'webhook_endpoint.disabled',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (value: unknown): value is AuditAction =>
  typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);

/** One event of a merchant's audit trail, as `GET /v1/events` answers it. Never holds card data. */
export interface AuditEvent {
  id: string;
  object: 'event';
  type: AuditAction;
  /** Unix seconds. */
  created: number;
  /** ISO 8601, to the millisecond. */
  time: string;
  token: string | null;
  /** The short id of the API key that made the call (never the key). */
  keyId: string;
  clientIp: string | null;
  requestId: string;
  outcome: 'success' | 'refused' | 'failed';
  forward?: { host: string; status: number | null };
  /** A fixed word: the card-testing rule, why a CVC went, which endpoint. */
  detail?: string;
  /** An agent commerce event's agent platform, and the amount it concerns. */
  agent?: { id: string; amount?: number; currency?: string };
  /** Its place in the hash chain: 1 for the first event the trail ever held. */
  seq: number;
  prevHash: string;
  hash: string;
}

/** The newest event of a trail: keep it, and `GET /v1/events/verify?head=` tells whether it is still there. */
export interface ChainHead {
  id: string | null;
  hash: string;
  /** How many events the trail has held since it began (retention erases the oldest, not this count). */
  count: number;
}

/** One shard's chain, when the merchant's vault is split into shards: each shard keeps a chain of its own. */
export interface ShardHead extends ChainHead {
  shard: number;
}

export interface EventList {
  object: 'list';
  data: AuditEvent[];
  /** Pass as `after` for the next (older) page; absent on the last. */
  next?: string;
  /** The chain's head; for a vault split into shards, the first shard's, and `heads` lists every shard's. */
  head: ChainHead;
  heads?: ShardHead[];
}

export interface ChainVerification {
  ok: true;
  /** Events checked (those retention kept), in every shard. */
  count: number;
  head: ChainHead;
  heads?: ShardHead[];
}

/** The event types a webhook endpoint can subscribe to (`*`: all of them). */
export const WEBHOOK_EVENT_TYPES = [
  'token.created',
  'token.deleted',
  'token.cvc_erased',
  'forward.succeeded',
  'forward.failed',
  'card_testing.suspected',
  'webhook_endpoint.disabled',
  'vault_token.used',
  'vault_token.deactivated',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const isWebhookEventType = (value: unknown): value is WebhookEventType =>
  typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

/** What each webhook event type carries in `data`. */
export interface WebhookEventData {
  'token.created': { token: TokenObject };
  'token.deleted': { token: { id: string; object: 'token'; deleted: true } };
  'token.cvc_erased': { token: { id: string; object: 'token'; cvc: 'absent' }; reason: 'used' | 'expired' };
  'forward.succeeded': { token: { id: string; object: 'token' }; forward: { host: string; status: number | null } };
  'forward.failed': { token: { id: string; object: 'token' }; forward: { host: string; status: number | null } };
  'card_testing.suspected': { rule: string };
  'webhook_endpoint.disabled': { webhookEndpoint: { id: string; url: string } };
  'vault_token.used': { vaultToken: VaultTokenObject; forward: { host: string; status: number | null } };
  'vault_token.deactivated': { vaultToken: VaultTokenObject };
}

/** An agent platform's vault token (agent commerce), as `GET /v1/vault_tokens/:id` answers it. */
export interface VaultTokenObject {
  id: string;
  object: 'vault_token';
  status: 'active' | 'consumed' | 'revoked' | 'expired';
  deactivated_reason?: 'consumed' | 'revoked' | 'expired';
  /** Unix seconds. */
  created: number;
  /** As the agent platform delegated it (ACP's Allowance). */
  allowance: {
    reason: 'one_time';
    max_amount: number;
    currency: string;
    checkout_session_id: string;
    merchant_id: string;
    /** ISO 8601. */
    expires_at: string;
  };
  card: { brand: string; last4: string };
  /** The agent platform that delegated it. */
  agent: string;
}

/** The body of a webhook delivery; `id` is also its `webhook-id` header and the audit event's id. */
export type WebhookEvent = {
  [T in WebhookEventType]: { id: string; type: T; created: number; data: WebhookEventData[T] };
}[WebhookEventType];

export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  events: (WebhookEventType | '*')[];
  description?: string;
  status: 'enabled' | 'disabled';
  /** Unix seconds. */
  created: number;
  /** Only in the answers of create and rotate. */
  secret?: string;
}

export interface WebhookDelivery {
  /** The event's id, sent as `webhook-id` on every attempt. */
  id: string;
  type: WebhookEventType;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  created: number;
  lastAttemptAt: number | null;
  lastStatus: number | null;
  nextAttemptAt: number | null;
  /** Why the last attempt failed when there was no HTTP status (a fixed phrase). */
  lastError?: string;
}
