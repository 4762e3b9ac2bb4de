import type { WebhookDelivery, WebhookEndpoint, WebhookEventType } from '@tessera/protocol';
import { isListOf, isObjectOf, isRecord } from './guards';

/** An endpoint as `create` and `rotate` answer it: the only times its signing secret is shown. */
export interface WebhookEndpointWithSecret extends WebhookEndpoint {
  /** `whsec_…`: pass it to `verifyWebhook`. */
  secret: string;
}

export interface WebhookEndpointCreateParams {
  /** https; http or https on loopback only when the edge runs in local development. */
  url: string;
  events: (WebhookEventType | '*')[];
  description?: string;
}

/** The query of `GET /v1/webhook_endpoints/:id/deliveries`. */
export interface WebhookDeliveryListParams {
  limit?: number;
}

export const isWebhookEndpoint = isObjectOf<WebhookEndpoint>('webhook_endpoint');

export const isWebhookEndpointWithSecret = (value: unknown): value is WebhookEndpointWithSecret =>
  isWebhookEndpoint(value) && typeof (value as { secret?: unknown }).secret === 'string';

export const isWebhookDelivery = (value: unknown): value is WebhookDelivery =>
  isRecord(value) && typeof value.id === 'string' && typeof value.status === 'string';

export const isWebhookDeliveryList = (value: unknown) => isListOf(value, isWebhookDelivery);
export const isWebhookEndpointList = (value: unknown) => isListOf(value, isWebhookEndpoint);
