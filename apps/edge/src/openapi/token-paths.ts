import type { ApiErrorCode } from '@tessera/protocol';
import { json, noStore, problems } from './components';

// The card's path in the OpenAPI document: the field pages and their sealing keys, tokens, and forwarding.

const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'The same key with the same request bytes within 24 h returns the first result (with `Idempotent-Replayed: true`); ' +
    'with other bytes, 409 `idempotency_conflict`. Duplicates in flight are served one after another.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
};

const tokenId = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^tok_[A-Za-z0-9_-]{22,64}$' },
  description:
    '`tok_` and 22 random characters; a token of a merchant whose vault is split into shards may be `tok_s<k>_…`, ' +
    'naming its shard. Opaque to callers: store and send it whole.',
};

const fingerprint = {
  name: 'fingerprint',
  in: 'query',
  required: true,
  description: "A card's fingerprint, as a token of this merchant shows it.",
  schema: { type: 'string', pattern: '^fp_[A-Za-z0-9_-]{22}$' },
};

const replayed = {
  ...noStore,
  'Idempotent-Replayed': {
    description: 'Present, `true`, when this is the stored answer of an earlier request with the same key.',
    schema: { type: 'string', const: 'true' },
  },
};

/** What a create can be refused with at 400: the body, the seal, then the card rules. */
const CREATE_INVALID: ApiErrorCode[] = [
  'invalid_request',
  'invalid_json',
  'invalid_card_number',
  'invalid_expiry',
  'invalid_cvc',
  'invalid_name',
  'invalid_postal_code',
  'invalid_sealed_card',
  'unknown_seal_key',
];

export const tokenPaths = {
  '/v1/keys/seal': {
    get: {
      tags: ['field pages'],
      operationId: 'listSealKeys',
      summary: 'The public keys field pages seal cards to',
      security: [{ publishableKey: [] }],
      responses: {
        '200': { description: 'A JWK Set, current key first.', content: json('SealKeySet') },
        ...problems(401, 403),
      },
    },
  },
  '/v1/tokens': {
    get: {
      tags: ['tokens'],
      operationId: 'listTokensByFingerprint',
      summary: "This merchant's tokens of one card",
      description: 'Newest first, at most 100. Each token returned is audited as a read.',
      security: [{ secretKey: [] }],
      parameters: [fingerprint],
      responses: {
        '200': { description: 'The tokens.', content: json('TokenList'), headers: noStore },
        ...problems('invalid_request', 401, 403),
      },
    },
    delete: {
      tags: ['tokens'],
      operationId: 'deleteTokensByFingerprint',
      summary: 'Erase every token of one card (a deletion request)',
      security: [{ secretKey: [] }],
      parameters: [fingerprint],
      responses: {
        '200': { description: 'The tokens erased.', content: json('DeletedTokenList'), headers: noStore },
        ...problems('invalid_request', 401, 403),
      },
    },
    post: {
      tags: ['tokens'],
      operationId: 'createToken',
      summary: 'Create a token from a sealed card',
      description:
        "Only from the edge's own field pages: the `Origin` must be the edge's, and `Sec-Fetch-Site`, where " +
        'the browser sends it, `same-origin`. Card testing meets per-client and per-key limits and the ' +
        "merchant's own rules: 429 with `Retry-After`. A replay of a key whose token was since deleted is 404. " +
        'The sealed card must name the publishable key (`pkh`, base64url ' +
        'SHA-256 of the key) and its sealing time (`iat`, at most 10 minutes ago, 2 minutes ahead) in its ' +
        'protected header, and carry no `zip`. The card is opened, validated again and stored encrypted.',
      security: [{ publishableKey: [] }],
      parameters: [idempotencyKey],
      requestBody: { required: true, content: json('CreateTokenRequest') },
      responses: {
        '200': {
          description: 'The new token, as much as a field page shows: no fingerprint, no BIN.',
          content: json('CreatedToken'),
          headers: replayed,
        },
        ...problems(...CREATE_INVALID, 401, 403, 404, 'idempotency_conflict', 413, 415, 429),
      },
    },
  },
  '/v1/tokens/{id}': {
    get: {
      tags: ['tokens'],
      operationId: 'readToken',
      summary: 'Read a token (masked)',
      security: [{ secretKey: [] }],
      parameters: [tokenId],
      responses: {
        '200': { description: 'The token.', content: json('Token'), headers: noStore },
        ...problems(401, 403, 404),
      },
    },
    delete: {
      tags: ['tokens'],
      operationId: 'deleteToken',
      summary: 'Erase a token; later reads are 404',
      security: [{ secretKey: [] }],
      parameters: [tokenId],
      responses: {
        '200': { description: 'The erased token.', content: json('DeletedToken'), headers: noStore },
        ...problems(401, 403, 404),
      },
    },
  },
  '/v1/forward': {
    post: {
      tags: ['forward'],
      operationId: 'forward',
      summary: "Send a request with the token's card filled in",
      description:
        'Fills `{{card.number}}`, `{{card.expMonth}}`, `{{card.expYear}}`, `{{card.cvc}}` and `{{card.name}}` in ' +
        "header values and the body, sends the request only to a host on the merchant's allow-list over https, " +
        "and returns the answer with card data masked. The CVC is erased after the first forward. An agent's " +
        'vault token (`vt_…`) is charged the same way with a `payment` its allowance must cover (amount at most ' +
        '`max_amount`, its currency, its checkout session; 400 otherwise, nothing sent), and the request must carry ' +
        '`{{payment.amount}}` and `{{payment.currency}}`, which the edge fills in with the checked payment. Charges ' +
        'of one vault token run one after another: the first the destination answers with a 2xx spends it, and ' +
        'later ones are 409 `vault_token_consumed` (`vault_token_revoked`, `vault_token_expired` once revoked or ' +
        'expired). A charge the destination declines leaves it active.',
      security: [{ secretKey: [] }],
      parameters: [idempotencyKey],
      requestBody: { required: true, content: json('ForwardRequest') },
      responses: {
        '200': {
          description: "The destination's answer, masked.",
          content: json('ForwardResponse'),
          headers: replayed,
        },
        ...problems(
          'invalid_request',
          'invalid_json',
          'cvc_unavailable',
          'allowance_exceeded',
          'allowance_currency_mismatch',
          'allowance_session_mismatch',
          401,
          403,
          404,
          'idempotency_conflict',
          'vault_token_consumed',
          'vault_token_revoked',
          'vault_token_expired',
          413,
          415,
          502,
        ),
      },
    },
  },
  '/elements/v1/{path}': {
    get: {
      tags: ['field pages'],
      operationId: 'fieldPage',
      summary: 'A field page or one of its assets',
      description:
        'HTML pages take `key` (a publishable key) and `parent` (the embedding origin) in the query and answer ' +
        "under a strict CSP whose `frame-ancestors` is that parent, once it is known to be one of the key's " +
        'configured origins. A field page that cannot be served answers a short page in the language of ' +
        "`Accept-Language`, never JSON, under the same headers and with `frame-ancestors 'none'`; it names the " +
        "cause as the SDK does (`invalid_key`, `origin_not_allowed`). `card.html` is every element's page: with " +
        '`type` (a split field) it holds a script loading the field code from its hashed file, without it (the ' +
        'combined card) the code itself.',
      parameters: [
        { name: 'path', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'key', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'parent', in: 'query', required: false, schema: { type: 'string' } },
        {
          name: 'type',
          in: 'query',
          required: false,
          description: 'A split field (`cardNumber`, `cardExpiry`, `cardCvc`, `cardholderName`, `postalCode`).',
          schema: { type: 'string' },
        },
      ],
      responses: {
        '200': {
          description: 'The page or asset.',
          content: { 'text/html': {}, 'text/javascript': {}, 'text/css': {} },
        },
        '401': { description: '`card.html`: the page naming `invalid_key`.', content: { 'text/html': {} } },
        '403': {
          description: '`card.html`: the page naming `invalid_key` (a secret key) or `origin_not_allowed`.',
          content: { 'text/html': {} },
        },
        ...problems(404),
      },
    },
  },
};
