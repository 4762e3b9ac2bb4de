import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  createToken,
  DEMO_SK,
  deleteTokenCall,
  expectNothingWritten,
  expectProblem,
  OTHER_SK,
  validCard,
} from '../../test/support/edge';
import { peerId, peerUrl, received } from '../../test/support/forward';
import { endpoints, newEndpoint, removeEndpoints, withSk } from '../../test/support/webhooks';
import worker from '../index';

// Webhook endpoints over HTTP: created with a secret shown once, listed without it, refused when they point
// anywhere but a public https host, and kept apart per merchant.

afterEach(async () => {
  await removeEndpoints(DEMO_SK);
  await removeEndpoints(OTHER_SK);
});

const post = (body: unknown, sk = DEMO_SK) =>
  call('/v1/webhook_endpoints', {
    method: 'POST',
    headers: withSk(sk, { 'Content-Type': 'application/json' }),
    body: JSON.stringify(body),
  });

async function lastEvent(type: string, sk = DEMO_SK) {
  const res = await call(`/v1/events?type=${type}&limit=1`, { headers: withSk(sk) });
  return ((await res.json()) as { data: { detail?: string }[] }).data[0];
}

describe('webhook endpoints', () => {
  it('creates an endpoint with a whsec_ secret shown once, lists and reads it without, deletes it, audits each', async () => {
    const created = await newEndpoint(peerUrl(`/echo/${peerId()}`), ['token.created', 'forward.failed']);
    expect(created).toMatchObject({
      object: 'webhook_endpoint',
      status: 'enabled',
      events: ['token.created', 'forward.failed'],
    });
    expect(await lastEvent('webhook_endpoint.created')).toMatchObject({ detail: created.id });

    const listed = await endpoints();
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    const read = await call(`/v1/webhook_endpoints/${created.id}`, { headers: withSk() });
    expect(await read.json()).toEqual(listed[0]);

    const deleted = await call(`/v1/webhook_endpoints/${created.id}`, { method: 'DELETE', headers: withSk() });
    expect(await deleted.json()).toEqual({ id: created.id, object: 'webhook_endpoint', deleted: true });
    expect(await lastEvent('webhook_endpoint.deleted')).toMatchObject({ detail: created.id });
    await expectProblem(await call(`/v1/webhook_endpoints/${created.id}`, { headers: withSk() }), 'not_found');
  });

  it("answers 404 for another merchant's endpoint, and leaves it be", async () => {
    const created = await newEndpoint(peerUrl(`/echo/${peerId()}`), ['*']);
    await expectProblem(await call(`/v1/webhook_endpoints/${created.id}`, { headers: withSk(OTHER_SK) }), 'not_found');
    const del = await call(`/v1/webhook_endpoints/${created.id}`, { method: 'DELETE', headers: withSk(OTHER_SK) });
    await expectProblem(del, 'not_found');
    expect(await endpoints()).toHaveLength(1);
    expect(await endpoints(OTHER_SK)).toEqual([]);
  });

  it('refuses an unknown event type naming it, audited as a refused request, creating nothing', async () => {
    const res = await post({ url: peerUrl('/echo/x'), events: ['token.created', 'token.stolen'] });
    await expectProblem(res, 'invalid_webhook_event', { param: 'events[1]' });
    expect(await endpoints()).toEqual([]);
    await expect.poll(async () => (await lastEvent('request.refused'))?.detail).toBe('invalid_webhook_event');
  });

  it.each([
    ['http://example.com/hooks', 'plain http'],
    ['https://10.0.0.7/hooks', 'a private IPv4 address'],
    ['https://169.254.169.254/latest', 'the link-local metadata address'],
    ['https://[fd00::1]/hooks', 'a private IPv6 address'],
    ['https://intranet/hooks', 'a single-label name'],
    ['https://billing.internal/hooks', 'a private suffix'],
    ['https://user:pass@example.com/hooks', 'credentials in the URL'],
    ['ftp://example.com/hooks', 'another scheme'],
    ['not a url', 'no URL at all'],
  ])('refuses %s (%s) as invalid_webhook_url', async (url) => {
    await expectNothingWritten(async () => {
      await expectProblem(await post({ url, events: ['*'] }), 'invalid_webhook_url', { param: 'url' });
    });
    expect(await endpoints()).toEqual([]);
  });

  it('refuses loopback outside local development', async () => {
    const production = { ...env, TESSERA_ENVIRONMENT: 'production' };
    const res = await worker.fetch(
      new Request('https://edge.test/v1/webhook_endpoints', {
        method: 'POST',
        headers: withSk(DEMO_SK, { 'Content-Type': 'application/json' }),
        body: JSON.stringify({ url: peerUrl('/echo/x'), events: ['*'] }),
      }),
      production,
      createExecutionContext(),
    );
    await expectProblem(res, 'invalid_webhook_url', { param: 'url' });
  });

  it.each([
    [{ events: ['*'] }, 'url'],
    [{ url: 'https://example.com/', events: [] }, 'events'],
    [{ url: 'https://example.com/', events: ['*'], extra: 1 }, 'extra'],
  ])('refuses a malformed body %j naming %s', async (body, param) => {
    await expectProblem(await post(body), 'invalid_request', { param });
  });

  it.each(['?limit=0', '?limit=1e1', '?limit=0x10', '?limit=201', '?typo=1'])(
    'refuses deliveries%s as invalid_request',
    async (query) => {
      const created = await newEndpoint('https://hooks.example.com/x', ['*']);
      const res = await call(`/v1/webhook_endpoints/${created.id}/deliveries${query}`, { headers: withSk() });
      await expectProblem(res, 'invalid_request');
    },
  );

  it('accepts a public https host and stores the URL as parsed', async () => {
    const created = await newEndpoint('https://Hooks.Example.com/tessera', ['token.deleted']);
    expect(created.url).toBe('https://hooks.example.com/tessera');
  });

  it('allows at most 16 endpoints per merchant', async () => {
    for (let i = 0; i < 16; i++) await newEndpoint(`https://hooks.example.com/${i}`, ['*']);
    await expectProblem(
      await post({ url: 'https://hooks.example.com/17', events: ['*'] }),
      'too_many_webhook_endpoints',
    );
  });

  it('sends only the events an endpoint subscribes to', async () => {
    const id = peerId();
    await newEndpoint(peerUrl(`/echo/${id}`), ['token.deleted']);
    // Another endpoint wants creations, so they do reach the queue: it alone must get them.
    const creations = peerId();
    await newEndpoint(peerUrl(`/echo/${creations}`), ['token.created']);
    const { id: tokenId } = (await (await createToken(validCard())).json()) as { id: string };
    expect((await deleteTokenCall(tokenId)).status).toBe(200);
    // The deletion comes after the creation in the outbox: once it is here, a created event would be too.
    await expect.poll(async () => (await received(id)).length, { timeout: 5000 }).toBe(1);
    await expect.poll(async () => (await received(creations)).length, { timeout: 5000 }).toBe(1);
    const [only] = await received(id);
    expect(JSON.parse(only?.body ?? '{}')).toMatchObject({
      type: 'token.deleted',
      data: { token: { id: tokenId, object: 'token', deleted: true } },
    });
  });
});
