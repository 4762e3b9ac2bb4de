import { MAX_BODY_BYTES } from '@tessera/protocol';
import { adminPaths, OPERATORS } from './admin-paths';
import { AGENT_COMMERCE, agentPaths } from './agent-paths';
import { componentSchema, json, noStore, SCHEMAS, SPEC_SCHEMAS } from './components';
import { embeddingPaths } from './embedding-paths';
import { eventPaths } from './event-paths';
import { tokenPaths } from './token-paths';
import { WEBHOOK_DELIVERIES, webhookPaths } from './webhook-paths';

// The edge's HTTP API as OpenAPI 3.1, built from the valibot schemas the edge validates requests with and the
// schemas the route tests hold its answers to. Served at GET /v1/openapi.json and committed as
// docs/openapi.json; a test fails when either drifts from this, or from the routes the app has. The paths live
// by area: token-paths.ts (field pages, tokens, forward), embedding-paths.ts (the key check, the SDK script),
// event-paths.ts, webhook-paths.ts, agent-paths.ts, admin-paths.ts (the operator API).

const metaPaths = {
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
        'details with a stable `code` and never carry card data, except on the Agentic Commerce Protocol route, ' +
        "which answers in that protocol's own flat error shape. Request bodies are JSON of at most " +
        `${MAX_BODY_BYTES} bytes.`,
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    tags: [
      { name: 'tokens', description: 'Create, read and erase tokens.' },
      { name: 'forward', description: 'Send a card to an allow-listed host without seeing it.' },
      {
        name: 'events',
        description:
          "The merchant's audit trail: every event chained to the one before it by SHA-256, kept 365 days. Read " +
          'it, verify it, export it.',
      },
      { name: 'webhooks', description: WEBHOOK_DELIVERIES },
      { name: 'agent commerce', description: AGENT_COMMERCE },
      { name: 'field pages', description: 'The iframes the merchant page embeds, their keys, and the SDK script.' },
      { name: 'operators', description: OPERATORS },
      { name: 'meta', description: 'Liveness and this document.' },
    ],
    paths: {
      ...metaPaths,
      ...tokenPaths,
      ...embeddingPaths,
      ...eventPaths,
      ...webhookPaths,
      ...agentPaths,
      ...adminPaths,
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
        agentKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            "`ak_…`: an agent platform's key, for delegating cards and for reading or revoking the vault tokens it " +
            'delegated. Merchants name the platforms they accept.',
        },
        operatorKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            "`op_live_…` / `op_test_…`: an operator's key, for `/v1/admin/*` only; its SHA-256 is listed in " +
            "`TESSERA_OPERATOR_KEY_HASHES` (locally, `op_test_local`). A merchant's or an agent platform's key is 403 " +
            '`wrong_key_type` there.',
        },
      },
      schemas: {
        ...Object.fromEntries(Object.entries(SCHEMAS).map(([name, schema]) => [name, componentSchema(schema)])),
        ...SPEC_SCHEMAS,
      },
    },
  };
}
