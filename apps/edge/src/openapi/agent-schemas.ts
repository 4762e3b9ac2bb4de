import { BRANDS } from '@tessera/protocol';
import * as v from 'valibot';
import schema from '../../specs/acp-2026-04-17/schema.delegate_payment.json';
import type { AcpErrorType } from '../services/agents/acp-error';

// Agent commerce in the OpenAPI document: the vault token object (as valibot, like every answer of ours), the
// flat error of the ACP route, and the ACP spec's own JSON schema for its request and answer, taken as vendored.

const unixSeconds = v.pipe(v.number(), v.safeInteger(), v.minValue(0));

/** `GET /v1/vault_tokens/{id}`: the protocol's VaultTokenObject (test/node/openapi.test.ts checks they agree). */
export const VaultTokenSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^vt_[A-Za-z0-9_-]{22}$/)),
  object: v.literal('vault_token'),
  status: v.pipe(
    v.picklist(['active', 'consumed', 'revoked', 'expired']),
    v.description(
      'Active until a charge the destination answers with a 2xx spends it (`consumed`), it is revoked, or its ' +
        'allowance runs out (`expired`, once the vault has swept it; a charge past `expires_at` is refused either way).',
    ),
  ),
  deactivated_reason: v.optional(v.picklist(['consumed', 'revoked', 'expired'])),
  created: unixSeconds,
  allowance: v.pipe(
    v.strictObject({
      reason: v.literal('one_time'),
      max_amount: v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.description('In minor units.')),
      currency: v.pipe(v.string(), v.regex(/^[a-z]{3}$/)),
      checkout_session_id: v.string(),
      merchant_id: v.string(),
      expires_at: v.pipe(v.string(), v.isoTimestamp()),
    }),
    v.description("As the agent platform delegated it (ACP's Allowance)."),
  ),
  card: v.strictObject({ brand: v.picklist(BRANDS), last4: v.pipe(v.string(), v.regex(/^\d{4}$/)) }),
  agent: v.pipe(v.string(), v.description('The agent platform that delegated it.')),
});

/** The ACP Error schema's four types. */
const ACP_ERROR_TYPES = [
  'invalid_request',
  'rate_limit_exceeded',
  'processing_error',
  'service_unavailable',
] as const satisfies readonly AcpErrorType[];

/** The codes of the ACP spec's Error enum that the edge answers. */
export const ACP_SPEC_CODES = [
  'invalid_card',
  'idempotency_conflict',
  'too_many_requests',
  'idempotency_key_required',
  'idempotency_in_flight',
] as const;

/** Codes of our own, for failures the spec's enum has no word for. */
export const ACP_OWN_CODES = [
  'invalid_request',
  'invalid_allowance',
  'unsupported_api_version',
  'unauthorized',
  'invalid_signature',
  'wrong_key_type',
  'payload_too_large',
  'unsupported_media_type',
  'internal_error',
] as const;

export const AcpErrorSchema = v.pipe(
  v.strictObject({
    type: v.picklist(ACP_ERROR_TYPES),
    code: v.pipe(
      v.picklist([...ACP_SPEC_CODES, ...ACP_OWN_CODES]),
      v.description(
        `Stable: switch on this. ${ACP_SPEC_CODES.map((c) => `\`${c}\``).join(', ')} are the spec's; the spec has ` +
          'no word for a body the edge cannot read, a refused allowance, an unsupported version, a bad key or ' +
          `signature, or a failure of ours, so those answer codes of our own: ${ACP_OWN_CODES.map((c) => `\`${c}\``).join(', ')}.`,
      ),
    ),
    message: v.string(),
    param: v.optional(
      v.pipe(
        v.string(),
        v.description('The field, as `payment_method.number` or `allowance.expires_at`; never its value.'),
      ),
    ),
    supported_versions: v.optional(
      v.pipe(v.array(v.string()), v.description('`unsupported_api_version` only: the versions spoken, newest first.')),
    ),
  }),
  v.description(
    "The ACP spec's flat Error (not problem+json), as `POST /agentic_commerce/delegate_payment` answers it; the " +
      "spec's Error schema with the codes above.",
  ),
);

/** `#/$defs/Allowance` of the vendored bundle → `#/components/schemas/AcpAllowance`. */
const PREFIX = 'Acp';

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key === '$ref' && typeof value === 'string'
        ? value.replace(/^#\/\$defs\//, `#/components/schemas/${PREFIX}`)
        : rewriteRefs(value),
    ]),
  );
}

/**
 * The ACP spec's request and answer schemas of delegate_payment, from the JSON schema the edge validates requests
 * with (apps/edge/specs/acp-2026-04-17), unchanged but for `$ref`s that point into the document's components.
 * Its Error is left out: AcpErrorSchema says what the edge answers.
 */
export const ACP_COMPONENTS: Record<string, Record<string, unknown>> = Object.fromEntries(
  Object.entries(schema.$defs)
    .filter(([name]) => name !== 'Error')
    .map(([name, definition]) => [`${PREFIX}${name}`, rewriteRefs(definition) as Record<string, unknown>]),
);
