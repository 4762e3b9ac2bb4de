import type { WebhookDelivery, WebhookEndpoint } from '@tessera/protocol';
import type { Merchant } from '../../config/config';
import { EdgeError } from '../../errors/edge-error';
import { everyShard } from '../../request/vault-of';
import type { AuditAction, AuditContext } from '../../vault/types';
import { parseNewEndpoint } from './endpoint-input';

/** Each merchant's webhook queue, addressed by merchant id like its vault. */
export const webhooksOf = (env: Env, merchant: Merchant) => env.WEBHOOKS.get(env.WEBHOOKS.idFromName(merchant.id));

const ENDPOINT_ID = /^we_[A-Za-z0-9_-]{22}$/;
const EVENT_ID = /^evt_[A-Za-z0-9_-]{22}$/;

const checkId = (id: string) => {
  if (!ENDPOINT_ID.test(id)) throw new EdgeError('not_found');
  return id;
};

/**
 * Tells the vault what changed: the change goes in its trail, and the event types subscribed now decide which
 * events it puts in its outbox.
 */
async function recordChange(
  env: Env,
  merchant: Merchant,
  action: AuditAction,
  endpointId: string,
  audit: AuditContext,
  types: readonly string[],
): Promise<void> {
  const [home, ...others] = everyShard(env, merchant);
  await home?.webhookEndpointsChanged(merchant.id, { action, endpointId, audit }, types);
  // The change is recorded once, in the home shard's trail; every shard puts subscribed events in its outbox.
  await Promise.all(others.map((vault) => vault.setWebhookSubscriptions(merchant.id, types)));
}

/** `POST /v1/webhook_endpoints`: the new endpoint with its secret, which is never shown again. */
export async function createEndpoint(
  env: Env,
  merchant: Merchant,
  body: unknown,
  audit: AuditContext,
  development: boolean,
): Promise<WebhookEndpoint & { secret: string }> {
  const input = parseNewEndpoint(body, development);
  const queue = webhooksOf(env, merchant);
  const created = await queue.createEndpoint(merchant.id, input);
  if (!created.ok) throw new EdgeError(created.code);
  try {
    await recordChange(env, merchant, 'webhook_endpoint.created', created.endpoint.id, audit, created.types);
  } catch (error) {
    // Two objects, no shared transaction: an endpoint the vault never heard of (unaudited, its events never put
    // in the outbox) is taken back, and the merchant's retry starts clean.
    await queue.deleteEndpoint(merchant.id, created.endpoint.id);
    throw error;
  }
  return created.endpoint;
}

export async function listEndpoints(env: Env, merchant: Merchant) {
  const data = await webhooksOf(env, merchant).listEndpoints(merchant.id);
  return { object: 'list', data } as const;
}

export async function getEndpoint(env: Env, merchant: Merchant, id: string): Promise<WebhookEndpoint> {
  const endpoint = await webhooksOf(env, merchant).getEndpoint(merchant.id, checkId(id));
  if (endpoint === null) throw new EdgeError('not_found');
  return endpoint;
}

export async function deleteEndpoint(env: Env, merchant: Merchant, id: string, audit: AuditContext) {
  const deleted = await webhooksOf(env, merchant).deleteEndpoint(merchant.id, checkId(id));
  if (deleted === null) throw new EdgeError('not_found');
  await recordChange(env, merchant, 'webhook_endpoint.deleted', id, audit, deleted.types);
  return { id, object: 'webhook_endpoint', deleted: true } as const;
}

/** `POST /v1/webhook_endpoints/:id/rotate`: a new secret; the old one signs beside it for 24 h. */
export async function rotateSecret(env: Env, merchant: Merchant, id: string, audit: AuditContext) {
  const queue = webhooksOf(env, merchant);
  const rotated = await queue.rotateSecret(merchant.id, checkId(id));
  if (rotated === null) throw new EdgeError('not_found');
  const types = [
    ...new Set((await queue.listEndpoints(merchant.id)).flatMap((e) => (e.status === 'enabled' ? e.events : []))),
  ];
  await recordChange(env, merchant, 'webhook_endpoint.rotated', id, audit, types);
  return rotated;
}

export async function listDeliveries(env: Env, merchant: Merchant, id: string, query: Record<string, string>) {
  for (const name of Object.keys(query)) if (name !== 'limit') throw new EdgeError('invalid_request', { param: name });
  const limitParam = query.limit;
  const limit = limitParam === undefined ? 50 : /^\d{1,3}$/.test(limitParam) ? Number(limitParam) : 0;
  if (limit < 1 || limit > 200) throw new EdgeError('invalid_request', { param: 'limit' });
  const data = await webhooksOf(env, merchant).listDeliveries(merchant.id, checkId(id), limit);
  if (data === null) throw new EdgeError('not_found');
  return { object: 'list', data } as const;
}

/** `POST …/deliveries/:eventId/retry`: the delivery queued again now, with the same `webhook-id`. */
export async function retryDelivery(
  env: Env,
  merchant: Merchant,
  id: string,
  eventId: string,
): Promise<WebhookDelivery> {
  if (!EVENT_ID.test(eventId)) throw new EdgeError('not_found');
  const delivery = await webhooksOf(env, merchant).retryDelivery(merchant.id, checkId(id), eventId);
  if (delivery === null) throw new EdgeError('not_found');
  return delivery;
}
