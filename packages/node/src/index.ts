export type {
  AuditAction,
  AuditEvent,
  ChainHead,
  ChainVerification,
  EventList,
  ForwardMethod,
  TokenObject,
  VaultTokenObject,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEvent,
  WebhookEventData,
  WebhookEventType,
} from '@tessera/protocol';
export {
  TesseraApiError,
  type TesseraApiErrorCode,
  TesseraConnectionError,
  type TesseraConnectionErrorReason,
} from './http/errors';
export type { FetchLike, PostOptions } from './http/http-client';
export type { Events } from './resources/events';
export type { DeletedToken, Tokens } from './resources/tokens';
export type { VaultTokens } from './resources/vault-tokens';
export type { DeletedWebhookEndpoint, WebhookEndpoints } from './resources/webhook-endpoints';
export {
  type ForwardParams,
  type ForwardPayment,
  type ForwardResult,
  Tessera,
  type TesseraOptions,
} from './tessera';
export type { ChainHeadLine, EventListParams, ExportLine } from './types/events';
export type { List } from './types/guards';
export type {
  WebhookDeliveryListParams,
  WebhookEndpointCreateParams,
  WebhookEndpointWithSecret,
} from './types/webhook-endpoints';
export { type VerifyWebhookOptions, verifyWebhook, type WebhookHeaders } from './webhooks/verify-webhook';
export {
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from './webhooks/webhook-verification-error';
