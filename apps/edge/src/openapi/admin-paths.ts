import { MAX_STATS_HOURS } from '../services/admin/stats';
import { json, noStore, problems } from './components';
import { listParameters } from './event-paths';

// The operator API in the OpenAPI document: merchants, their keys, agent platforms, the operators' trail, and KEK
// rotation, all under /v1/admin with an operator key.

/** The description of the document's `operators` tag. */
export const OPERATORS = [
  "Run-time management of the edge's merchants, keys and agent platforms, with an operator key (`op_…`). What " +
    'is created or changed here lives in the registry, one Durable Object off the request path, on top of what the ' +
    "secrets configure: every isolate serves the registry's snapshot for at most 30 s, and asks again (at most " +
    'every 2 s) for an issued key it has not seen. A revocation, an expiry or a suspension is also handed to the ' +
    "merchant's vault, which refuses the key from its very next request that touches a card.",
  '',
  'Every change is checked when it is written (a refusal names the field, never its value) and recorded in the ' +
    "operators' own hash-chained trail, as is every refused call (`admin.refused`, the code in `detail`). Keys are " +
    'shown once, when issued; only their SHA-256 is kept.',
].join('\n');

const operator = [{ operatorKey: [] }];
/** Every operator call can be refused these ways first. */
const AUTH = ['unauthorized', 'wrong_key_type'] as const;
/** …and one with a JSON body these ways. */
const BODY = ['invalid_request', 'invalid_json', 'payload_too_large', 'unsupported_media_type'] as const;

const merchantId = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'A merchant of the secret or of the registry; any other id is 404.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
};

const keyId = {
  name: 'keyId',
  in: 'path',
  required: true,
  description: "One of this merchant's keys, as its key list names it; any other is 404.",
  schema: { type: 'string', pattern: '^key_[0-9a-f]{16}$' },
};

const afterInOperatorTrail = {
  ...listParameters.find((p) => p.name === 'after'),
  description:
    'The `next` of the page before: only events older than that one. An id that is not an event of the ' +
    "operators' trail is 400 `invalid_cursor`.",
};

export const adminPaths = {
  '/v1/admin/merchants': {
    get: {
      tags: ['operators'],
      operationId: 'listMerchants',
      summary: 'Every merchant, from the secret and from the registry',
      security: operator,
      responses: {
        '200': { description: 'The merchants, by id.', content: json('MerchantList'), headers: noStore },
        ...problems(...AUTH),
      },
    },
    post: {
      tags: ['operators'],
      operationId: 'createMerchant',
      summary: 'Create a merchant',
      description:
        'Live on every isolate within 30 s; it has no key until one is issued. Without `id`, one is made up ' +
        '(`m-<12 hex>`). The id becomes part of every key issued for it (a `-` as `_`), and the SDK and the field ' +
        'pages accept only letters, digits and `_` after `pk_live_`, so give lower-case letters and digits.',
      security: operator,
      requestBody: { required: true, content: json('NewMerchantRequest') },
      responses: {
        '201': { description: 'The merchant.', content: json('Merchant'), headers: noStore },
        ...problems(...BODY, ...AUTH, 'merchant_exists'),
      },
    },
  },
  '/v1/admin/merchants/{id}': {
    get: {
      tags: ['operators'],
      operationId: 'readMerchant',
      summary: 'A merchant',
      security: operator,
      parameters: [merchantId],
      responses: {
        '200': { description: 'The merchant.', content: json('Merchant'), headers: noStore },
        ...problems(...AUTH, 'not_found'),
      },
    },
    patch: {
      tags: ['operators'],
      operationId: 'updateMerchant',
      summary: 'Change a merchant, or suspend it',
      description:
        'Changes the members given and keeps the others; `limits` are merged one by one. A merchant of the secret ' +
        'gets a registry record, which wins over the secret from then on. `status: "suspended"` refuses all its ' +
        "keys: its vault refuses them from the very next request, whatever an isolate's snapshot says.",
      security: operator,
      parameters: [merchantId],
      requestBody: { required: true, content: json('MerchantPatchRequest') },
      responses: {
        '200': { description: 'The merchant, as it now is.', content: json('Merchant'), headers: noStore },
        ...problems(...BODY, ...AUTH, 'not_found'),
      },
    },
  },
  '/v1/admin/merchants/{id}/keys': {
    get: {
      tags: ['operators'],
      operationId: 'listMerchantKeys',
      summary: "A merchant's keys: never a key, only its prefix and last four",
      description:
        'Keys configured in `TESSERA_MERCHANTS` first, then those issued here. `lastUsed` is read from the ' +
        "merchant's vault trail, so nothing is written per request to keep it.",
      security: operator,
      parameters: [merchantId],
      responses: {
        '200': { description: 'The keys.', content: json('ApiKeyList'), headers: noStore },
        ...problems(...AUTH, 'not_found'),
      },
    },
    post: {
      tags: ['operators'],
      operationId: 'issueMerchantKey',
      summary: 'Issue a publishable or secret key; the key is shown only in this answer',
      description:
        '`<pk|sk>_live_<merchant>_<32 hex>` (`test` only where the edge runs in local development). It works at ' +
        'once: an isolate that meets an issued key it does not know reads the registry again (at most every 2 s). ' +
        '`expiresAt` (unix seconds) must be in the future; the vault refuses the key from then on.',
      security: operator,
      parameters: [merchantId],
      requestBody: { required: true, content: json('IssueKeyRequest') },
      responses: {
        '201': { description: 'The key object, with the key.', content: json('IssuedApiKey'), headers: noStore },
        ...problems(...BODY, ...AUTH, 'not_found'),
      },
    },
  },
  '/v1/admin/merchants/{id}/keys/{keyId}/roll': {
    post: {
      tags: ['operators'],
      operationId: 'rollMerchantKey',
      summary: 'Replace a key: a new one now, the old one until its overlap ends',
      description:
        "The new key has the old one's type. The old key keeps working `expiresIn` seconds (0: stops at once), " +
        'then its vault refuses it. A key configured in a secret can be rolled too. The body may be empty.',
      security: operator,
      parameters: [merchantId, keyId],
      requestBody: { required: false, content: json('RollKeyRequest') },
      responses: {
        '201': {
          description: 'The new key object with the key, and the old one as `previous`.',
          content: json('RolledApiKey'),
          headers: noStore,
        },
        ...problems('invalid_request', 'invalid_json', 'payload_too_large', ...AUTH, 'not_found', 'key_revoked'),
      },
    },
  },
  '/v1/admin/merchants/{id}/keys/{keyId}/revoke': {
    post: {
      tags: ['operators'],
      operationId: 'revokeMerchantKey',
      summary: 'Revoke a key, from its very next request on',
      description:
        "The merchant's vault refuses it from the next request that touches a card, whatever an isolate's snapshot " +
        'says; a key configured in a secret included. Revoking twice changes nothing. The request body is not read.',
      security: operator,
      parameters: [merchantId, keyId],
      responses: {
        '200': { description: 'The key object, revoked.', content: json('ApiKey'), headers: noStore },
        ...problems(...AUTH, 'not_found'),
      },
    },
  },
  '/v1/admin/merchants/{id}/stats': {
    get: {
      tags: ['operators'],
      operationId: 'merchantStats',
      summary: "A merchant's tokenizations, failures and card-testing refusals per hour",
      description:
        "Counted by the merchant's vault from its trail, so the Worker's front-door 429s, which leave no event, are " +
        'not among them. Query parameters other than `hours` are refused with 400 `invalid_request`, naming them.',
      security: operator,
      parameters: [
        merchantId,
        {
          name: 'hours',
          in: 'query',
          required: false,
          description: 'How many hours, ending with the current one.',
          schema: { type: 'integer', minimum: 1, maximum: MAX_STATS_HOURS, default: 24 },
        },
      ],
      responses: {
        '200': { description: 'One bucket per hour.', content: json('MerchantStats'), headers: noStore },
        ...problems('invalid_request', ...AUTH, 'not_found'),
      },
    },
  },
  '/v1/admin/agents': {
    get: {
      tags: ['operators'],
      operationId: 'listAgents',
      summary: 'Every agent platform, from the secret and from the registry; never their keys',
      security: operator,
      responses: {
        '200': { description: 'The agent platforms, by id.', content: json('AgentList'), headers: noStore },
        ...problems(...AUTH),
      },
    },
    post: {
      tags: ['operators'],
      operationId: 'createAgent',
      summary: 'Create an agent platform and its `ak_` key, shown only in this answer',
      description:
        'Without `id`, one is made up (`a-<12 hex>`). A platform made here has no signing or mandate issuer keys; ' +
        'one that signs its requests or issues AP2 mandates is configured in `TESSERA_AGENTS`. Merchants accept it ' +
        'by naming it in their `agents`.',
      security: operator,
      requestBody: { required: true, content: json('NewAgentRequest') },
      responses: {
        '201': { description: 'The platform, with its key.', content: json('CreatedAgent'), headers: noStore },
        ...problems(...BODY, ...AUTH, 'agent_exists'),
      },
    },
  },
  '/v1/admin/events': {
    get: {
      tags: ['operators'],
      operationId: 'listOperatorEvents',
      summary: "A page of the operators' trail, newest first",
      description:
        'Every change made through this API (`admin.*`) and every refused operator call, chained by SHA-256 like a ' +
        "merchant's trail, with the chain's head on every page. Query parameters other than these are refused with " +
        '400 `invalid_request`, naming them.',
      security: operator,
      parameters: listParameters.map((p) => (p.name === 'after' ? afterInOperatorTrail : p)),
      responses: {
        '200': {
          description: 'The events, and `next` when there are older ones.',
          content: json('EventList'),
          headers: noStore,
        },
        ...problems('invalid_request', 'invalid_cursor', ...AUTH),
      },
    },
  },
  '/v1/admin/rotate': {
    get: {
      tags: ['operators'],
      operationId: 'rotationStatus',
      summary: 'How the latest KEK rotation is going',
      security: operator,
      responses: {
        '200': { description: 'The rotation.', content: json('RotationStatus'), headers: noStore },
        ...problems(...AUTH),
      },
    },
    post: {
      tags: ['operators'],
      operationId: 'startRotation',
      summary: 'Make a KEK the active one, and rewrap every data key and webhook secret under it',
      description:
        'The KEK must be listed in `TESSERA_KEKS` (400 `invalid_request`, `param: kek`, otherwise). It wraps every ' +
        "new key at once; the registry then rewraps each merchant's data keys and webhook secrets, one merchant per " +
        'alarm, its cursor in storage, so a restart resumes where it stopped. Records are never touched: their ' +
        'binding names the KEK their data key was made under, not the one that wraps it now. Starting again with ' +
        'the KEK of a running rotation changes nothing; once it is done, it goes over every merchant again.',
      security: operator,
      requestBody: { required: true, content: json('KekRequest') },
      responses: {
        '202': { description: 'The rotation, started.', content: json('RotationStatus'), headers: noStore },
        ...problems(...BODY, ...AUTH),
      },
    },
  },
  '/v1/admin/merchants/{id}/data-key/rotate': {
    post: {
      tags: ['operators'],
      operationId: 'rotateDataKey',
      summary: "A new data key for a merchant's new records",
      description:
        'New cards are encrypted under the new version at once. Older records stay readable under theirs and are ' +
        'written again under the new one when a forward next opens them. Fingerprints do not change.',
      security: operator,
      parameters: [merchantId],
      responses: {
        '201': { description: 'The new version.', content: json('RotatedDataKey'), headers: noStore },
        ...problems(...AUTH, 'not_found'),
      },
    },
  },
  '/v1/admin/rotate/retire': {
    post: {
      tags: ['operators'],
      operationId: 'retireKek',
      summary: 'Whether a KEK may leave TESSERA_KEKS',
      description:
        'Refused with 409 `kek_in_use` while it is the active KEK or still wraps a data key or a webhook secret of ' +
        'a merchant the edge knows (the `detail` says how many). A vault of a merchant no longer in the secret or ' +
        'the registry is not counted. Changes nothing.',
      security: operator,
      requestBody: { required: true, content: json('KekRequest') },
      responses: {
        '200': { description: 'It wraps nothing: it may go.', content: json('RetiredKek'), headers: noStore },
        ...problems(...BODY, ...AUTH, 'kek_in_use'),
      },
    },
  },
};
