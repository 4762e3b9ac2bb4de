import type { WebhookDelivery, WebhookEndpoint } from '@tessera/protocol';
import type { HttpClient, PostOptions } from '../http/http-client';
import { isDeletedOf, type List } from '../types/guards';
import {
  isWebhookDelivery,
  isWebhookDeliveryList,
  isWebhookEndpoint,
  isWebhookEndpointList,
  isWebhookEndpointWithSecret,
  type WebhookDeliveryListParams,
  type WebhookEndpointCreateParams,
  type WebhookEndpointWithSecret,
} from '../types/webhook-endpoints';
import { segment } from './path';

export interface DeletedWebhookEndpoint {
  id: string;
  object: 'webhook_endpoint';
  deleted: true;
}

const isDeletedEndpoint = isDeletedOf<DeletedWebhookEndpoint>('webhook_endpoint');
const PATH = '/v1/webhook_endpoints';

/** `tessera.webhookEndpoints`: where the edge posts events, and how each delivery went. */
export class WebhookEndpoints {
  readonly #http: HttpClient;

  constructor(http: HttpClient) {
    this.#http = http;
  }

  /** Adds an endpoint. Its `secret` (`whsec_…`) is shown only now and by `rotate`: store it. */
  async create(params: WebhookEndpointCreateParams, options: PostOptions = {}): Promise<WebhookEndpointWithSecret> {
    const spec = { method: 'POST', path: PATH, body: params, idempotencyKey: options.idempotencyKey } as const;
    return (await this.#http.json(spec, isWebhookEndpointWithSecret)).body;
  }

  /** Every endpoint of this merchant, without secrets. */
  async list(): Promise<List<WebhookEndpoint>> {
    return (await this.#http.json({ method: 'GET', path: PATH }, isWebhookEndpointList)).body;
  }

  async retrieve(id: string): Promise<WebhookEndpoint> {
    const path = `${PATH}/${segment('id', id)}`;
    return (await this.#http.json({ method: 'GET', path }, isWebhookEndpoint)).body;
  }

  async delete(id: string): Promise<DeletedWebhookEndpoint> {
    const path = `${PATH}/${segment('id', id)}`;
    return (await this.#http.json({ method: 'DELETE', path }, isDeletedEndpoint)).body;
  }

  /**
   * A new signing secret. The old one keeps signing beside it for 24 hours (two `v1,` signatures per delivery), so
   * pass both to `verifyWebhook` until every server has the new one.
   */
  async rotate(id: string, options: PostOptions = {}): Promise<WebhookEndpointWithSecret> {
    const path = `${PATH}/${segment('id', id)}/rotate`;
    const spec = { method: 'POST', path, body: {}, idempotencyKey: options.idempotencyKey } as const;
    return (await this.#http.json(spec, isWebhookEndpointWithSecret)).body;
  }

  /** The endpoint's recent deliveries, newest first. */
  async deliveries(id: string, params: WebhookDeliveryListParams = {}): Promise<List<WebhookDelivery>> {
    const path = `${PATH}/${segment('id', id)}/deliveries`;
    return (await this.#http.json({ method: 'GET', path, query: { limit: params.limit } }, isWebhookDeliveryList)).body;
  }

  /** Queues one delivery again, with the same `webhook-id`, and answers it as it now stands. */
  async retry(id: string, eventId: string, options: PostOptions = {}): Promise<WebhookDelivery> {
    const path = `${PATH}/${segment('id', id)}/deliveries/${segment('eventId', eventId)}/retry`;
    const spec = { method: 'POST', path, body: {}, idempotencyKey: options.idempotencyKey } as const;
    return (await this.#http.json(spec, isWebhookDelivery)).body;
  }
}
