export type { TokenObject } from '@tessera/protocol';
export {
  TesseraApiError,
  type TesseraApiErrorCode,
  TesseraConnectionError,
  type TesseraConnectionErrorReason,
} from './http/errors';
export type { FetchLike, PostOptions } from './http/http-client';
export type { Events } from './resources/events';
export type { DeletedToken, Tokens } from './resources/tokens';
export type { DeletedWebhookEndpoint, WebhookEndpoints } from './resources/webhook-endpoints';
export { type ForwardParams, type ForwardResult, Tessera, type TesseraOptions } from './tessera';
export type {
  AuditEvent,
  AuditEventType,
  ChainHead,
  ChainHeadLine,
  ChainVerification,
  EventList,
  EventListParams,
  ExportLine,
} from './types/events';
export type { List } from './types/guards';
export type {
  WebhookDelivery,
  WebhookDeliveryListParams,
  WebhookEndpoint,
  WebhookEndpointCreateParams,
  WebhookEndpointWithSecret,
} from './types/webhook-endpoints';
export type {
  CardTestingSuspectedEvent,
  ForwardEventData,
  ForwardFailedEvent,
  ForwardSucceededEvent,
  TokenCreatedEvent,
  TokenCvcErasedEvent,
  TokenDeletedEvent,
  WebhookEndpointDisabledEvent,
  WebhookEvent,
  WebhookEventType,
} from './types/webhook-events';
export { type VerifyWebhookOptions, verifyWebhook, type WebhookHeaders } from './webhooks/verify-webhook';
export {
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from './webhooks/webhook-verification-error';
