import { isListOf, isObjectOf, isRecord } from './guards';
import type { WebhookEventType } from './webhook-events';

/** A URL the edge posts events to, signed the Standard Webhooks way. */
export interface WebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  url: string;
  events: (WebhookEventType | '*')[];
  description?: string;
  status: 'enabled' | 'disabled';
  /** Unix seconds. */
  created: number;
}

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

/** One event's delivery to one endpoint. */
export interface WebhookDelivery {
  /** The event id, `evt_…`. */
  id: string;
  type: WebhookEventType;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  created: number;
  lastAttemptAt: number | null;
  lastStatus: number | null;
  nextAttemptAt: number | null;
  lastError?: string;
}

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
