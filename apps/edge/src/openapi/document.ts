import { API_ERRORS, MAX_BODY_BYTES, PROBLEM_CONTENT_TYPE } from '@tessera/protocol';
import { toJsonSchema } from '@valibot/to-json-schema';
import type { GenericSchema } from 'valibot';
import { ForwardSchema } from '../services/forward/forward-body';
import { CreateTokenSchema } from '../services/tokens/create-token-body';
import {
  CreatedTokenSchema,
  DeletedTokenListSchema,
  DeletedTokenSchema,
  ForwardResponseSchema,
  HealthSchema,
  ProblemSchema,
  SealKeySetSchema,
  TokenListSchema,
  TokenSchema,
} from './response-schemas';

// The edge's HTTP API as OpenAPI 3.1, built from the valibot schemas the edge validates requests with and the
// schemas the route tests hold its answers to. Served at GET /v1/openapi.json and committed as
// docs/openapi.json; a test fails when either drifts from this, or from the routes the app has.

const SCHEMAS = {
  CreateTokenRequest: CreateTokenSchema,
  ForwardRequest: ForwardSchema,
  Token: TokenSchema,
  CreatedToken: CreatedTokenSchema,
  DeletedToken: DeletedTokenSchema,
  TokenList: TokenListSchema,
  DeletedTokenList: DeletedTokenListSchema,
  ForwardResponse: ForwardResponseSchema,
  SealKeySet: SealKeySetSchema,
  Health: HealthSchema,
  Problem: ProblemSchema,
} satisfies Record<string, GenericSchema>;

type SchemaName = keyof typeof SCHEMAS;

function componentSchema(schema: GenericSchema): Record<string, unknown> {
  const { $schema: _dialect, ...json } = toJsonSchema(schema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return json;
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName) => ({ 'application/json': { schema: ref(name) } });

/** The problem answers a route may give, by status, with the codes of the catalog that have that status. */
function problems(...statuses: number[]): Record<string, unknown> {
  return Object.fromEntries(
    statuses.map((status) => {
      const codes = Object.entries(API_ERRORS)
        .filter(([, error]) => error.status === status)
        .map(([code]) => `\`${code}\``);
      return [
        String(status),
        {
          description: `Problem details; \`code\` is one of ${codes.join(', ')}.`,
          content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } },
          ...(status === 429
            ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } } }
            : {}),
        },
      ];
    }),
  );
}

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
};

const fingerprint = {
  name: 'fingerprint',
  in: 'query',
  required: true,
  description: "A card's fingerprint, as a token of this merchant shows it.",
  schema: { type: 'string', pattern: '^fp_[A-Za-z0-9_-]{22}$' },
};

const noStore = { 'Cache-Control': { schema: { type: 'string', const: 'no-store' } } };
const replayed = {
  ...noStore,
  'Idempotent-Replayed': {
    description: 'Present, `true`, when this is the stored answer of an earlier request with the same key.',
    schema: { type: 'string', const: 'true' },
  },
};

/** The OpenAPI 3.1 document of the edge's HTTP API. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.1',
    info: {
      title: 'Tessera edge API',
      version: '1',
      description:
        "Card tokenization and vaulting. Browsers create tokens only from the edge's own field pages, with a " +
        'publishable key; merchant servers use a secret key for everything else. Errors are RFC 9457 problem ' +
        'details with a stable `code` and never carry card data. Request bodies are JSON of at most ' +
        `${MAX_BODY_BYTES} bytes.`,
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags: [
      { name: 'tokens', description: 'Create, read and erase tokens.' },
      { name: 'forward', description: 'Send a card to an allow-listed host without seeing it.' },
      { name: 'field pages', description: 'The iframes the merchant page embeds, and their keys.' },
      { name: 'meta', description: 'Liveness and this document.' },
    ],
    paths: {
      '/healthz': {
        get: {
          tags: ['meta'],
          operationId: 'health',
          summary: 'Liveness',
          responses: { '200': { description: 'The edge is up.', content: json('Health'), headers: noStore } },
        },
      },
      '/v1/openapi.json': {
        get: {
          tags: ['meta'],
          operationId: 'openApiDocument',
          summary: 'This document',
          responses: { '200': { description: 'OpenAPI 3.1.', content: { 'application/json': {} } } },
        },
      },
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
            ...problems(400, 401, 403),
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
            ...problems(400, 401, 403),
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
            ...problems(400, 401, 403, 404, 409, 413, 415, 429),
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
            'and returns the answer with card data masked. The CVC is erased after the first forward.',
          security: [{ secretKey: [] }],
          parameters: [idempotencyKey],
          requestBody: { required: true, content: json('ForwardRequest') },
          responses: {
            '200': {
              description: "The destination's answer, masked.",
              content: json('ForwardResponse'),
              headers: replayed,
            },
            ...problems(400, 401, 403, 404, 409, 413, 415, 502),
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
            'configured origins.',
          parameters: [
            { name: 'path', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'key', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'parent', in: 'query', required: false, schema: { type: 'string' } },
          ],
          responses: {
            '200': {
              description: 'The page or asset.',
              content: { 'text/html': {}, 'text/javascript': {}, 'text/css': {} },
            },
            ...problems(401, 403, 404),
          },
        },
      },
    },
    components: {
      securitySchemes: {
        publishableKey: {
          type: 'http',
          scheme: 'bearer',
          description: "`pk_test_…` / `pk_live_…`: public, bound to the merchant's allowed embedding origins.",
        },
        secretKey: {
          type: 'http',
          scheme: 'bearer',
          description: '`sk_test_…` / `sk_live_…`: for merchant servers only.',
        },
      },
      schemas: Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, componentSchema(schema)])),
    },
  };
}
