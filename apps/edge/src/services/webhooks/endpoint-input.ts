import { isWebhookEventType, type WebhookEndpoint } from '@tessera/protocol';
import * as v from 'valibot';
import { EdgeError } from '../../errors/edge-error';
import { isIpLiteral, isLoopback, isPrivateName } from '../../lib/hosts';
import type { NewEndpoint } from '../../webhooks/webhook-queue';

/** The body of `POST /v1/webhook_endpoints` before its URL and event types are checked (see `parseNewEndpoint`). */
export const EndpointSchema = v.strictObject({
  url: v.pipe(v.string(), v.maxLength(2048)),
  events: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(32)),
  description: v.optional(v.pipe(v.string(), v.maxLength(200))),
});

const refuseUrl = (detail: string) => new EdgeError('invalid_webhook_url', { param: 'url', detail });

/**
 * Where webhooks may go: an https URL on a public host name, without credentials. IP literals are refused
 * (they are how private addresses are named) and so are names only a private network resolves. In local
 * development a loopback host is allowed, over http too.
 */
export function checkEndpointUrl(raw: string, development: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuseUrl('The URL does not parse.');
  }
  if (url.username !== '' || url.password !== '') throw refuseUrl('The URL must not carry credentials.');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuseUrl('Webhooks are sent over https only.');
  if (isLoopback(url.hostname)) {
    if (!development) throw refuseUrl('Loopback hosts are allowed only in local development.');
    return url.href;
  }
  if (url.protocol !== 'https:') throw refuseUrl('Webhooks are sent over https only.');
  if (isIpLiteral(url.hostname)) throw refuseUrl('Use a host name, not an IP address.');
  if (isPrivateName(url.hostname)) throw refuseUrl('The host must be reachable on the public internet.');
  return url.href;
}

/** The body of `POST /v1/webhook_endpoints`, checked. */
export function parseNewEndpoint(body: unknown, development: boolean): NewEndpoint {
  const parsed = v.safeParse(EndpointSchema, body);
  if (!parsed.success) {
    const path = v.getDotPath(parsed.issues[0]);
    throw new EdgeError('invalid_request', { param: path ?? 'body' });
  }
  const { url, events, description } = parsed.output;
  for (const [i, type] of events.entries()) {
    if (type !== '*' && !isWebhookEventType(type))
      throw new EdgeError('invalid_webhook_event', { param: `events[${i}]` });
  }
  const types = [...new Set(events)] as WebhookEndpoint['events'];
  return { url: checkEndpointUrl(url, development), events: types, description };
}
