import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import * as v from 'valibot';
import { expect } from 'vitest';
import {
  CreatedWebhookEndpointSchema,
  WebhookDeliveryListSchema,
  WebhookEndpointListSchema,
} from '../../src/openapi/event-schemas';
import { call, DEMO_SK } from './edge';
import type { Received } from './forward';

export const withSk = (sk = DEMO_SK, extra: Record<string, string> = {}) => ({
  Authorization: `Bearer ${sk}`,
  ...extra,
});

/** `POST /v1/webhook_endpoints`, expecting 201; the endpoint with its secret. */
export async function newEndpoint(url: string, events: string[], sk = DEMO_SK) {
  const res = await call('/v1/webhook_endpoints', {
    method: 'POST',
    headers: withSk(sk, { 'Content-Type': 'application/json' }),
    body: JSON.stringify({ url, events }),
  });
  expect(res.status).toBe(201);
  return v.parse(CreatedWebhookEndpointSchema, await res.json());
}

export async function endpoints(sk = DEMO_SK) {
  const res = await call('/v1/webhook_endpoints', { headers: withSk(sk) });
  expect(res.status).toBe(200);
  return v.parse(WebhookEndpointListSchema, await res.json()).data;
}

/** Removes every endpoint of a merchant, so tests do not see each other's. */
export async function removeEndpoints(sk = DEMO_SK): Promise<void> {
  for (const { id } of await endpoints(sk)) {
    await call(`/v1/webhook_endpoints/${id}`, { method: 'DELETE', headers: withSk(sk) });
  }
}

export async function deliveries(endpointId: string, sk = DEMO_SK) {
  const res = await call(`/v1/webhook_endpoints/${endpointId}/deliveries`, { headers: withSk(sk) });
  expect(res.status).toBe(200);
  return v.parse(WebhookDeliveryListSchema, await res.json()).data;
}

export const queueOf = (merchantId = 'demo') => env.WEBHOOKS.get(env.WEBHOOKS.idFromName(merchantId));

/** Time passes for the queue: its pending deliveries fall due now, and its alarm rings. */
export function makeDue(merchantId = 'demo'): Promise<void> {
  return runInDurableObject(queueOf(merchantId), async (_instance, state) => {
    state.storage.sql.exec("UPDATE deliveries SET next_attempt_at = ? WHERE status = 'pending'", Date.now());
    await state.storage.setAlarm(Date.now());
  });
}

/**
 * Checks a delivery's Standard Webhooks signatures with WebCrypto, independently of the edge's code: the
 * secrets (`whsec_…`) whose signature is among those sent.
 */
export async function signedBy(delivery: Received, secrets: string[]): Promise<string[]> {
  const id = delivery.headers['webhook-id'];
  const timestamp = delivery.headers['webhook-timestamp'];
  const sent = (delivery.headers['webhook-signature'] ?? '').split(' ');
  const matching: string[] = [];
  for (const secret of secrets) {
    const raw = Uint8Array.from(atob(secret.slice('whsec_'.length)), (c) => c.charCodeAt(0));
    const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${delivery.body}`));
    const expected = `v1,${btoa(String.fromCharCode(...new Uint8Array(mac)))}`;
    if (sent.includes(expected)) matching.push(secret);
  }
  return matching;
}
