import { AUDIT_ACTIONS } from '@tessera/protocol';
import { json, noStore, problems, ref } from './components';

// The audit trail in the OpenAPI document: reading it page by page, verifying its hash chain, exporting it.

const EVENT_ID = '^evt_[A-Za-z0-9_-]{22}$';
/** The query parameters are digits only: a sign, a fraction or an exponent is refused. */
const unixSeconds = { type: 'integer', minimum: 0, maximum: 999_999_999_999 };

const since = {
  name: 'since',
  in: 'query',
  required: false,
  description: 'Only events at or after this time (unix seconds).',
  schema: unixSeconds,
};

/** The query of a trail's page, shared with the operators' trail (admin-paths.ts). */
export const listParameters = [
  {
    name: 'limit',
    in: 'query',
    required: false,
    description: 'Events per page.',
    schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
  {
    name: 'after',
    in: 'query',
    required: false,
    description:
      "The `next` of the page before: only events older than that one. An id that is not one of this merchant's " +
      'events is 400 `invalid_cursor`.',
    schema: { type: 'string', pattern: EVENT_ID },
  },
  {
    name: 'type',
    in: 'query',
    required: false,
    description: 'Only events of this type.',
    schema: { type: 'string', enum: [...AUDIT_ACTIONS] },
  },
  {
    name: 'token',
    in: 'query',
    required: false,
    description: 'Only events of this token.',
    schema: { type: 'string', pattern: '^tok_[A-Za-z0-9_-]{22,64}$' },
  },
  since,
];

const head = {
  name: 'head',
  in: 'query',
  required: false,
  description:
    'The `hash` of a head kept earlier (from a page, a verification or an export): it must still be the hash of ' +
    "an event of the trail, or of the last event retention erased. A kept head older than the trail's 365 days " +
    'is gone too, and answers the same as one that was removed.',
  schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
};

const UNKNOWN_PARAMETERS = 'Query parameters other than these are refused with 400 `invalid_request`, naming them.';

export const eventPaths = {
  '/v1/events': {
    get: {
      tags: ['events'],
      operationId: 'listEvents',
      summary: "A page of this merchant's audit trail, newest first",
      description:
        "Every page carries the chain's head, that of the whole trail whatever the filters: keep it. " +
        `Reading the trail is not itself audited. ${UNKNOWN_PARAMETERS}`,
      security: [{ secretKey: [] }],
      parameters: listParameters,
      responses: {
        '200': {
          description: 'The events, and `next` when there are older ones.',
          content: json('EventList'),
          headers: noStore,
        },
        ...problems('invalid_request', 'invalid_cursor', 401, 'wrong_key_type'),
      },
    },
  },
  '/v1/events/verify': {
    get: {
      tags: ['events'],
      operationId: 'verifyEvents',
      summary: "Recompute the trail's hash chain",
      description:
        'Checks every event the trail holds, from the last one retention erased (or the start): each must follow ' +
        'the one before it by number and by hash, and its hash must be that of its fields. The first event that ' +
        "does not is named in the problem's `event` member (409 `audit_chain_broken`). With `head`, also checks " +
        'that a head kept earlier is still in the chain (409 `audit_chain_truncated` when it is not: the newest ' +
        `events were removed, or it aged out). ${UNKNOWN_PARAMETERS}`,
      security: [{ secretKey: [] }],
      parameters: [head],
      responses: {
        '200': { description: 'The chain holds.', content: json('ChainVerification'), headers: noStore },
        ...problems('invalid_request', 401, 'wrong_key_type', 'audit_chain_broken', 'audit_chain_truncated'),
      },
    },
  },
  '/v1/events/export': {
    get: {
      tags: ['events'],
      operationId: 'exportEvents',
      summary: 'The whole trail as NDJSON, for a log store',
      description:
        'Streamed, oldest first: one event per line, then a last line `{ "object": "chain_head", "id", "hash", ' +
        '"count" }`, the head of the chain as the export ended. Keep it and check it later with ' +
        `\`GET /v1/events/verify?head=\`. ${UNKNOWN_PARAMETERS}`,
      security: [{ secretKey: [] }],
      parameters: [since],
      responses: {
        '200': {
          description: 'Newline-delimited JSON: every line an `AuditEvent`, the last one a `ChainHeadLine`.',
          content: {
            'application/x-ndjson': {
              schema: { oneOf: [ref('AuditEvent'), ref('ChainHeadLine')] },
            },
          },
          headers: {
            ...noStore,
            'Content-Disposition': {
              schema: { type: 'string', const: 'attachment; filename="tessera-events.ndjson"' },
            },
          },
        },
        ...problems('invalid_request', 401, 'wrong_key_type'),
      },
    },
  },
};
