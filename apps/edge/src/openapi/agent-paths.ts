import { SUPPORTED_VERSIONS } from '../services/agents/acp-error';
import { SIGNATURE_TOLERANCE_SECONDS } from '../services/agents/request-signature';
import { json, noStore, problems, ref } from './components';

// Agent commerce in the OpenAPI document: the Agentic Commerce Protocol's delegate_payment, which answers in the
// protocol's own shapes, and the vault tokens it makes, which answer like every other route of ours.

/** The description of the document's `agent commerce` tag: the flow, end to end. */
export const AGENT_COMMERCE = [
  "An agent platform hands a shopper's card to the edge under an allowance (Agentic Commerce Protocol, " +
    `delegate_payment, spec ${SUPPORTED_VERSIONS.join(', ')}: at most an amount, in one currency, for one checkout ` +
    "session of one merchant, until a time). The card goes into that merchant's vault and the platform gets a " +
    'vault token `vt_…`, which it passes to the merchant.',
  '',
  'The merchant charges it with its secret key through `POST /v1/forward`, with a `payment` of `{ amount, ' +
    'currency, checkout_session_id }` and a request that carries `{{payment.amount}}` and `{{payment.currency}}`. ' +
    'The vault checks the payment against the allowance and forwards at most one charge: the first that the ' +
    'destination answers with a 2xx spends the token and erases its card. Revocation (by the merchant or the ' +
    'platform) and expiry erase the card too.',
].join('\n');

const requestIdHeader = {
  'Request-Id': {
    description: "The request's `Request-Id` header when it sent one, otherwise the edge's request id (`req_…`).",
    schema: { type: 'string' },
  },
};
const answerHeaders = { ...noStore, ...requestIdHeader };

const acpResponse = (description: string, codes: string[], headers: Record<string, unknown> = {}) => ({
  description: `${description}; \`code\` is ${codes.length > 1 ? 'one of ' : ''}${codes.map((code) => `\`${code}\``).join(', ')}.`,
  content: { 'application/json': { schema: ref('AcpError') } },
  headers: { ...answerHeaders, ...headers },
});

const retryAfter = (description: string) => ({
  'Retry-After': { description, required: true, schema: { type: 'integer', minimum: 0 } },
});

const vaultTokenId = {
  name: 'id',
  in: 'path',
  required: true,
  description:
    'A vault token of this merchant, or one this agent platform delegated; any other id, a token of another ' +
    'merchant or platform included, is 404.',
  schema: { type: 'string', pattern: '^vt_[A-Za-z0-9_-]{22}$' },
};

/** The merchant's secret key or the delegating platform's key: either one. */
const merchantOrAgent = [{ secretKey: [] }, { agentKey: [] }];

export const agentPaths = {
  '/agentic_commerce/delegate_payment': {
    post: {
      tags: ['agent commerce'],
      operationId: 'delegatePayment',
      summary: 'Vault a card under an allowance; answers a vault token',
      description:
        "The Agentic Commerce Protocol route, as its spec says: the request and the 201 answer are the spec's own " +
        'JSON schemas (`AcpDelegatePaymentRequest`, `AcpDelegatePaymentResponse`), and errors are its flat ' +
        "`{ type, code, message, param? }`, not problem details. Checks, in order: the key (an agent platform's), " +
        '`API-Version`, the media type, `Idempotency-Key`, the size, the signature when the platform signs, the ' +
        "platform's rate, then the body: the spec's schema, the card rules every card meets, and the allowance " +
        '(a merchant that accepts this platform, a lowercase ISO 4217 currency, a positive amount, an expiry in ' +
        "the future and within the merchant's longest allowance; only `card_number_type: fpan` is vaulted). " +
        'Failures name the field (`param`), never its value.',
      security: [{ agentKey: [] }],
      parameters: [
        {
          name: 'API-Version',
          in: 'header',
          required: true,
          description: 'The protocol version; another is 400 `unsupported_api_version` with `supported_versions`.',
          schema: { type: 'string', enum: SUPPORTED_VERSIONS },
        },
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          description:
            'Scoped, as the spec says, to the agent platform and this endpoint (not to the merchant: one key used ' +
            'for two merchants is a conflict), for 24 h. The same key with the same bytes answers the first ' +
            '201 again with `Idempotent-Replayed: true`; with other bytes, 422 `idempotency_conflict`; while the ' +
            'first is still running, 409 `idempotency_in_flight` with `Retry-After`. A failure is not kept: a ' +
            'retry with the same key runs again.',
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
        },
        {
          name: 'Signature',
          in: 'header',
          required: false,
          description:
            'Required once the platform has signing keys configured (401 `invalid_signature` without it), ignored ' +
            'otherwise: base64url ECDSA P-256 / SHA-256 (IEEE P1363, as WebCrypto signs) over ' +
            '`<Timestamp>.<body>`, the body as sent.',
          schema: { type: 'string' },
        },
        {
          name: 'Timestamp',
          in: 'header',
          required: false,
          description: `With \`Signature\`: an ISO 8601 time within ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes of the edge's clock.`,
          schema: { type: 'string', format: 'date-time' },
        },
        {
          name: 'Request-Id',
          in: 'header',
          required: false,
          description: "The caller's id of this request, echoed in the answer's `Request-Id`.",
          schema: { type: 'string' },
        },
      ],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: ref('AcpDelegatePaymentRequest') } },
      },
      responses: {
        '201': {
          description:
            "The vault token: `id` (`vt_…`), `created`, and the request's `metadata` with `merchant_id` and " +
            '`idempotency_key` added. No card data.',
          content: { 'application/json': { schema: ref('AcpDelegatePaymentResponse') } },
          headers: {
            ...answerHeaders,
            'Idempotent-Replayed': {
              description: 'Present, `true`, when this is the stored answer of an earlier request with the same key.',
              schema: { type: 'string', const: 'true' },
            },
          },
        },
        '400': acpResponse('A request the edge cannot take', [
          'invalid_request',
          'unsupported_api_version',
          'idempotency_key_required',
        ]),
        '401': acpResponse(
          'No valid agent platform key, or a signature that does not verify',
          ['unauthorized', 'invalid_signature'],
          {
            'WWW-Authenticate': { description: 'With `unauthorized`.', schema: { type: 'string' } },
          },
        ),
        '403': acpResponse("A merchant's key (audited in its trail)", ['wrong_key_type']),
        '409': acpResponse(
          'The first request with this Idempotency-Key is still running',
          ['idempotency_in_flight'],
          retryAfter('Seconds to wait before retrying with the same key.'),
        ),
        '413': acpResponse('The body is too large', ['payload_too_large']),
        '415': acpResponse('The body is not application/json', ['unsupported_media_type']),
        '422': acpResponse('A card or an allowance the edge refuses, or a key reused with other bytes', [
          'invalid_card',
          'invalid_allowance',
          'idempotency_conflict',
        ]),
        '429': acpResponse("Over the platform's rate", ['too_many_requests'], retryAfter('Seconds to wait.')),
        '500': acpResponse('A failure of ours; the message quotes nothing', ['internal_error']),
      },
    },
  },
  '/v1/vault_tokens/{id}': {
    get: {
      tags: ['agent commerce'],
      operationId: 'readVaultToken',
      summary: 'Read a vault token: its state, allowance and masked card',
      description: "Audited in the merchant's trail as `vault_token.read`, with the agent platform.",
      security: merchantOrAgent,
      parameters: [vaultTokenId],
      responses: {
        '200': { description: 'The vault token.', content: json('VaultToken'), headers: noStore },
        ...problems(401, 'wrong_key_type', 404),
      },
    },
  },
  '/v1/vault_tokens/{id}/revoke': {
    post: {
      tags: ['agent commerce'],
      operationId: 'revokeVaultToken',
      summary: 'Revoke a vault token and erase its card',
      description:
        'After any charge of it in flight; the next charge is 409 `vault_token_revoked`. An active token becomes ' +
        '`revoked` (audited as `vault_token.revoked`, sent to webhooks as `vault_token.deactivated`); one already ' +
        'consumed, revoked or expired is answered as it is. The request body, if any, is not read.',
      security: merchantOrAgent,
      parameters: [vaultTokenId],
      responses: {
        '200': { description: 'The vault token, as it now is.', content: json('VaultToken'), headers: noStore },
        ...problems(401, 'wrong_key_type', 404),
      },
    },
  },
};
