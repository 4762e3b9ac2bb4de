import { AUDIT_ACTIONS, WEBHOOK_EVENT_TYPES } from '@tessera/protocol';
import * as v from 'valibot';

// The audit trail's and the webhooks' answers, as valibot schemas (see response-schemas.ts).

const unixSeconds = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const hash = v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/));
const eventId = v.pipe(v.string(), v.regex(/^evt_[A-Za-z0-9_-]{22}$/));
const endpointId = v.pipe(v.string(), v.regex(/^we_[A-Za-z0-9_-]{22}$/));

export const ChainHeadSchema = v.pipe(
  v.strictObject({
    id: v.nullable(eventId),
    hash,
    count: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  }),
  v.description(
    'The newest event of the trail. Keep it: GET /v1/events/verify?head= says whether it is still there, so removing the newest events is detected too.',
  ),
);

const shard = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** Every shard's chain head, for a merchant whose vault is split into shards (each shard keeps its own chain). */
const ShardHeadsSchema = v.pipe(
  v.array(v.strictObject({ shard, ...ChainHeadSchema.entries })),
  v.description(
    "Only for a vault split into shards: each shard's chain head (`head` is shard 0's). Keep them all; any of them " +
      'can be checked with GET /v1/events/verify?head=.',
  ),
);

/** The last line of `GET /v1/events/export`: the chain's head when the export ended. */
export const ChainHeadLineSchema = v.pipe(
  v.strictObject({ object: v.literal('chain_head'), shard: v.optional(shard), ...ChainHeadSchema.entries }),
  v.description(
    "The export's last line: the chain's head as it ended. Keep it, and check it later with GET /v1/events/verify?head=. " +
      "A vault split into shards exports each shard's chain in turn, each closed by its head line, which names the shard.",
  ),
);

export const AuditEventSchema = v.strictObject({
  id: eventId,
  object: v.literal('event'),
  type: v.picklist(AUDIT_ACTIONS),
  created: unixSeconds,
  time: v.pipe(v.string(), v.isoTimestamp()),
  token: v.nullable(v.string()),
  keyId: v.pipe(v.string(), v.description('The short id of the key that made the call; never the key.')),
  clientIp: v.nullable(v.string()),
  requestId: v.string(),
  outcome: v.picklist(['success', 'refused', 'failed']),
  forward: v.optional(v.strictObject({ host: v.string(), status: v.nullable(v.number()) })),
  detail: v.optional(v.string()),
  agent: v.optional(
    v.strictObject({ id: v.string(), amount: v.optional(v.number()), currency: v.optional(v.string()) }),
  ),
  seq: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  prevHash: hash,
  hash: v.pipe(hash, v.description('SHA-256 of prevHash and every field of the event.')),
});

export const EventListSchema = v.strictObject({
  object: v.literal('list'),
  data: v.array(AuditEventSchema),
  next: v.optional(v.pipe(eventId, v.description('Pass as `after` for the next, older page.'))),
  head: ChainHeadSchema,
  heads: v.optional(ShardHeadsSchema),
});

export const ChainVerificationSchema = v.strictObject({
  ok: v.literal(true),
  count: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  head: ChainHeadSchema,
  heads: v.optional(ShardHeadsSchema),
});

const subscription = v.union([v.picklist(WEBHOOK_EVENT_TYPES), v.literal('*')]);

export const WebhookEndpointSchema = v.strictObject({
  id: endpointId,
  object: v.literal('webhook_endpoint'),
  url: v.string(),
  events: v.array(subscription),
  description: v.optional(v.string()),
  status: v.picklist(['enabled', 'disabled']),
  created: unixSeconds,
});

export const CreatedWebhookEndpointSchema = v.strictObject({
  ...WebhookEndpointSchema.entries,
  secret: v.pipe(
    v.string(),
    v.regex(/^whsec_[A-Za-z0-9+/]{43}=$/),
    v.description('The signing secret, shown only here: keep it to verify deliveries.'),
  ),
});

export const WebhookEndpointListSchema = v.strictObject({
  object: v.literal('list'),
  data: v.array(WebhookEndpointSchema),
});

export const DeletedWebhookEndpointSchema = v.strictObject({
  id: endpointId,
  object: v.literal('webhook_endpoint'),
  deleted: v.literal(true),
});

export const WebhookDeliverySchema = v.strictObject({
  id: eventId,
  type: v.picklist(WEBHOOK_EVENT_TYPES),
  status: v.picklist(['pending', 'delivered', 'failed']),
  attempts: v.pipe(v.number(), v.safeInteger(), v.minValue(0)),
  created: unixSeconds,
  lastAttemptAt: v.nullable(unixSeconds),
  lastStatus: v.nullable(v.number()),
  nextAttemptAt: v.nullable(unixSeconds),
  lastError: v.optional(v.picklist(['timeout', 'unreachable', 'status', 'disabled'])),
});

export const WebhookDeliveryListSchema = v.strictObject({
  object: v.literal('list'),
  data: v.array(WebhookDeliverySchema),
});
