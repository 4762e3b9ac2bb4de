import { API_ERRORS, type ApiErrorCode, PROBLEM_CONTENT_TYPE } from '@tessera/protocol';
import { toJsonSchema } from '@valibot/to-json-schema';
import type { GenericSchema } from 'valibot';
import {
  IssueKeySchema,
  MerchantPatchSchema,
  NewAgentSchema,
  NewMerchantSchema,
  RollKeySchema,
} from '../services/admin/admin-input';
import { ForwardSchema } from '../services/forward/forward-body';
import { CreateTokenSchema } from '../services/tokens/create-token-body';
import { EndpointSchema } from '../services/webhooks/endpoint-input';
import {
  AgentListSchema,
  AgentSchema,
  ApiKeyListSchema,
  ApiKeySchema,
  CreatedAgentSchema,
  IssuedApiKeySchema,
  KekRequestSchema,
  MerchantListSchema,
  MerchantSchema,
  MerchantStatsSchema,
  RetiredKekSchema,
  RolledApiKeySchema,
  RotatedDataKeySchema,
  RotationStatusSchema,
} from './admin-schemas';
import { ACP_COMPONENTS, AcpErrorSchema, VaultTokenSchema } from './agent-schemas';
import {
  AuditEventSchema,
  ChainHeadLineSchema,
  ChainHeadSchema,
  ChainVerificationSchema,
  CreatedWebhookEndpointSchema,
  DeletedWebhookEndpointSchema,
  EventListSchema,
  WebhookDeliveryListSchema,
  WebhookDeliverySchema,
  WebhookEndpointListSchema,
  WebhookEndpointSchema,
} from './event-schemas';
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

// The pieces every part of the OpenAPI document shares: the named schemas, references to them, the problem
// answers and the common headers.

/** The document's `components.schemas`, by name: request bodies the edge validates, and its answers. */
export const SCHEMAS = {
  CreateTokenRequest: CreateTokenSchema,
  ForwardRequest: ForwardSchema,
  WebhookEndpointRequest: EndpointSchema,
  Token: TokenSchema,
  CreatedToken: CreatedTokenSchema,
  DeletedToken: DeletedTokenSchema,
  TokenList: TokenListSchema,
  DeletedTokenList: DeletedTokenListSchema,
  ForwardResponse: ForwardResponseSchema,
  AuditEvent: AuditEventSchema,
  EventList: EventListSchema,
  ChainHead: ChainHeadSchema,
  ChainHeadLine: ChainHeadLineSchema,
  ChainVerification: ChainVerificationSchema,
  WebhookEndpoint: WebhookEndpointSchema,
  CreatedWebhookEndpoint: CreatedWebhookEndpointSchema,
  WebhookEndpointList: WebhookEndpointListSchema,
  DeletedWebhookEndpoint: DeletedWebhookEndpointSchema,
  WebhookDelivery: WebhookDeliverySchema,
  WebhookDeliveryList: WebhookDeliveryListSchema,
  VaultToken: VaultTokenSchema,
  AcpError: AcpErrorSchema,
  NewMerchantRequest: NewMerchantSchema,
  MerchantPatchRequest: MerchantPatchSchema,
  IssueKeyRequest: IssueKeySchema,
  RollKeyRequest: RollKeySchema,
  NewAgentRequest: NewAgentSchema,
  KekRequest: KekRequestSchema,
  Merchant: MerchantSchema,
  MerchantList: MerchantListSchema,
  ApiKey: ApiKeySchema,
  IssuedApiKey: IssuedApiKeySchema,
  RolledApiKey: RolledApiKeySchema,
  ApiKeyList: ApiKeyListSchema,
  MerchantStats: MerchantStatsSchema,
  Agent: AgentSchema,
  AgentList: AgentListSchema,
  CreatedAgent: CreatedAgentSchema,
  RotationStatus: RotationStatusSchema,
  RetiredKek: RetiredKekSchema,
  RotatedDataKey: RotatedDataKeySchema,
  SealKeySet: SealKeySetSchema,
  Health: HealthSchema,
  Problem: ProblemSchema,
} satisfies Record<string, GenericSchema>;

/** Schemas the document takes as JSON Schema from a spec it follows, rather than from valibot. */
export const SPEC_SCHEMAS = ACP_COMPONENTS;

export type SchemaName = keyof typeof SCHEMAS | 'AcpDelegatePaymentRequest' | 'AcpDelegatePaymentResponse';

/**
 * A valibot schema as a JSON Schema of the document's dialect (which the document names once). JSON Schema has no
 * word for a custom `check` (an origin, a host): its message, which names the rule, becomes the description.
 */
export function componentSchema(schema: GenericSchema): Record<string, unknown> {
  const { $schema: _dialect, ...json } = toJsonSchema(schema, {
    target: 'draft-2020-12',
    overrideAction: ({ valibotAction, jsonSchema }) => {
      if (valibotAction.type !== 'check') return undefined;
      const { message } = valibotAction as { message?: unknown };
      if (typeof message !== 'string') throw new TypeError('componentSchema(): a check needs a message to document');
      return { ...jsonSchema, description: message };
    },
  }) as Record<string, unknown>;
  return json;
}

export const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
export const json = (name: SchemaName) => ({ 'application/json': { schema: ref(name) } });

const CATALOG = Object.keys(API_ERRORS) as ApiErrorCode[];
const codesWithStatus = (status: number) => CATALOG.filter((code) => API_ERRORS[code].status === status);

const inCatalogOrder = (codes: Set<ApiErrorCode>) =>
  CATALOG.filter((code) => codes.has(code))
    .map((code) => `\`${code}\``)
    .join(', ');

/**
 * The problem answers an operation may give, by status. A status stands for every code of the catalog with that
 * status; a code for itself, under its status (name codes where a status has codes the operation never gives).
 *
 * @example
 * problems('invalid_request', 'invalid_cursor', 401, 'wrong_key_type')
 */
export function problems(...answers: (number | ApiErrorCode)[]): Record<string, unknown> {
  const byStatus = new Map<number, Set<ApiErrorCode>>();
  for (const answer of answers) {
    const codes = typeof answer === 'number' ? codesWithStatus(answer) : [answer];
    if (codes.length === 0) throw new TypeError(`problems(): no code of the catalog has status ${answer}`);
    for (const code of codes) {
      const status = API_ERRORS[code].status;
      byStatus.set(status, (byStatus.get(status) ?? new Set()).add(code));
    }
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: `Problem details; \`code\` is one of ${inCatalogOrder(codes)}.`,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } },
        ...(status === 429
          ? { headers: { 'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } } } }
          : {}),
      },
    ]),
  );
}

export const noStore = { 'Cache-Control': { schema: { type: 'string', const: 'no-store' } } };
