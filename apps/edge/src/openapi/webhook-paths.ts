import { WEBHOOK_EVENT_TYPES } from '@tessera/protocol';
import { json, noStore, problems } from './components';

// Webhook endpoints in the OpenAPI document, and what a delivery to one looks like.

/** How a delivery looks and behaves: the description of the document's `webhooks` tag. */
export const WEBHOOK_DELIVERIES = [
  'Endpoints that receive events as Standard Webhooks (https://www.standardwebhooks.com).',
  '',
  'Each delivery is a `POST` to the endpoint URL with `content-type: application/json` and the three Standard ' +
    'Webhooks headers:',
  "`webhook-id` (the event's id, `evt_…`, the same on every attempt and on a manual retry: deduplicate on it), " +
    '`webhook-timestamp` (unix seconds of this attempt) and `webhook-signature`: `v1,<base64>`, the HMAC-SHA-256 ' +
    'of `<webhook-id>.<webhook-timestamp>.<body>` under the secret, whose bytes are the base64 after `whsec_`. ' +
    'For 24 h after a rotation the header carries two signatures separated by a space, the new secret first and ' +
    'then the old one; accept either.',
  '',
  'The body is `{ "id", "type", "created", "data" }`, its bytes fixed when the event happened. `data` by type: ' +
    '`token.created`: `{ token }`, the token as `GET /v1/tokens/{id}` shows it; `token.deleted`: ' +
    '`{ token: { id, object, deleted: true } }`; `token.cvc_erased`: `{ token: { id, object, cvc: "absent" }, ' +
    'reason: "used" | "expired" }`; `forward.succeeded` / `forward.failed`: `{ token: { id, object }, ' +
    'forward: { host, status } }`; `card_testing.suspected`: `{ rule }`; `webhook_endpoint.disabled`: ' +
    '`{ webhookEndpoint: { id, url } }`; `vault_token.used` (a charge the destination answered with a 2xx): ' +
    '`{ vaultToken, forward: { host, status } }`; `vault_token.deactivated` (revoked or expired): ' +
    '`{ vaultToken }`, the vault token as `GET /v1/vault_tokens/{id}` shows it.',
  '',
  'A 2xx answer within 10 s delivers it; redirects are not followed. Otherwise the delivery is tried again after ' +
    '5 s, doubling up to 6 h, each wait between half and all of that (equal jitter), for 3 days after it was queued; ' +
    'then it is `failed`. An endpoint that has failed for 3 days without a success in between is disabled, its ' +
    'pending deliveries fail and a `webhook_endpoint.disabled` event is sent to the other endpoints that subscribe ' +
    'to it. Finished deliveries stay in the log for 30 days.',
].join('\n');

const endpointId = {
  name: 'id',
  in: 'path',
  required: true,
  description: "Anything that is not the id of one of this merchant's endpoints is 404.",
  schema: { type: 'string', pattern: '^we_[A-Za-z0-9_-]{22}$' },
};

const eventId = {
  name: 'eventId',
  in: 'path',
  required: true,
  description: "The delivery's id: its event's.",
  schema: { type: 'string', pattern: '^evt_[A-Za-z0-9_-]{22}$' },
};

const secretKey = [{ secretKey: [] }];

export const webhookPaths = {
  '/v1/webhook_endpoints': {
    post: {
      tags: ['webhooks'],
      operationId: 'createWebhookEndpoint',
      summary: 'Add an endpoint; its signing secret is shown only in this answer',
      description:
        'The URL must be https on a public host name, without credentials: IP literals, single-label names and ' +
        'private suffixes (`.local`, `.internal`, `.intranet`, `.lan`, `.home.arpa`, `.corp`) are 400 ' +
        '`invalid_webhook_url`, with a `detail` saying why. Loopback hosts are allowed, over http too, only when the ' +
        `edge runs in local development. \`events\` lists types among ${WEBHOOK_EVENT_TYPES.map((t) => `\`${t}\``).join(', ')}, ` +
        'or `*` for all of them; another is 400 `invalid_webhook_event` naming `events[i]`. At most 16 endpoints ' +
        'per merchant. A refused URL, type or endpoint count is recorded in the trail as `request.refused`; a ' +
        'created endpoint as `webhook_endpoint.created`.',
      security: secretKey,
      requestBody: { required: true, content: json('WebhookEndpointRequest') },
      responses: {
        '201': {
          description: 'The endpoint, with its secret.',
          content: json('CreatedWebhookEndpoint'),
          headers: noStore,
        },
        ...problems(
          'invalid_request',
          'invalid_json',
          'invalid_webhook_url',
          'invalid_webhook_event',
          401,
          'wrong_key_type',
          'too_many_webhook_endpoints',
          413,
          415,
        ),
      },
    },
    get: {
      tags: ['webhooks'],
      operationId: 'listWebhookEndpoints',
      summary: "This merchant's endpoints, oldest first",
      security: secretKey,
      responses: {
        '200': {
          description: 'The endpoints, without secrets.',
          content: json('WebhookEndpointList'),
          headers: noStore,
        },
        ...problems(401, 'wrong_key_type'),
      },
    },
  },
  '/v1/webhook_endpoints/{id}': {
    get: {
      tags: ['webhooks'],
      operationId: 'readWebhookEndpoint',
      summary: 'Read an endpoint',
      security: secretKey,
      parameters: [endpointId],
      responses: {
        '200': { description: 'The endpoint, without its secret.', content: json('WebhookEndpoint'), headers: noStore },
        ...problems(401, 'wrong_key_type', 404),
      },
    },
    delete: {
      tags: ['webhooks'],
      operationId: 'deleteWebhookEndpoint',
      summary: 'Remove an endpoint and its delivery log',
      security: secretKey,
      parameters: [endpointId],
      responses: {
        '200': { description: 'The endpoint removed.', content: json('DeletedWebhookEndpoint'), headers: noStore },
        ...problems(401, 'wrong_key_type', 404),
      },
    },
  },
  '/v1/webhook_endpoints/{id}/rotate': {
    post: {
      tags: ['webhooks'],
      operationId: 'rotateWebhookSecret',
      summary: 'Give an endpoint a new signing secret',
      description:
        'The old secret keeps signing beside the new one for 24 h, so receivers can switch without losing a ' +
        "delivery. A second rotation within those 24 h ends the first one's overlap: the secret it replaced stops " +
        'signing at once. The request body, if any, is not read.',
      security: secretKey,
      parameters: [endpointId],
      responses: {
        '200': {
          description: 'The endpoint, with its new secret (shown only here).',
          content: json('CreatedWebhookEndpoint'),
          headers: noStore,
        },
        ...problems(401, 'wrong_key_type', 404),
      },
    },
  },
  '/v1/webhook_endpoints/{id}/deliveries': {
    get: {
      tags: ['webhooks'],
      operationId: 'listWebhookDeliveries',
      summary: "An endpoint's deliveries, most recently queued first",
      description:
        'Pending deliveries, and finished ones for 30 days. `created` is when the delivery was queued: its ' +
        "event's time, or the time of a manual retry.",
      security: secretKey,
      parameters: [
        endpointId,
        {
          name: 'limit',
          in: 'query',
          required: false,
          schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
        },
      ],
      responses: {
        '200': { description: 'The deliveries.', content: json('WebhookDeliveryList'), headers: noStore },
        ...problems('invalid_request', 401, 'wrong_key_type', 404),
      },
    },
  },
  '/v1/webhook_endpoints/{id}/deliveries/{eventId}/retry': {
    post: {
      tags: ['webhooks'],
      operationId: 'retryWebhookDelivery',
      summary: 'Queue a delivery again now',
      description:
        'Whatever its status, with the same `webhook-id` and body, and a fresh 3-day window of retries from now.',
      security: secretKey,
      parameters: [endpointId, eventId],
      responses: {
        '202': { description: 'The delivery, pending.', content: json('WebhookDelivery'), headers: noStore },
        ...problems(401, 'wrong_key_type', 404),
      },
    },
  },
};
