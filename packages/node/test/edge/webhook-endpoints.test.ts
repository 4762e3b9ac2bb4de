// webhookEndpoints.* and verifyWebhook against the real edge: endpoints made, listed, rotated and deleted, and
// real deliveries to a local receiver, verified by this package and by the reference Standard Webhooks library.
// The routes and the delivery format are the issue 8 contract.
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TesseraApiError, verifyWebhook, WebhookVerificationError } from '../../src/index';
import { client, createToken } from '../support/edge';
import { startReceiver } from '../support/webhook-receiver';

let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

/** Waits for the `n`th delivery to `path`. */
async function delivery(path: string, n = 1) {
  return vi.waitFor(
    () => {
      const found = receiver.deliveries(path)[n - 1];
      if (found === undefined) throw new Error(`no delivery ${n} to ${path} yet`);
      return found;
    },
    { timeout: 20_000, interval: 100 },
  );
}

const headerRecord = (headers: Record<string, string | string[] | undefined>) =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));

describe('webhook endpoints', () => {
  it('creates an endpoint with its secret, then lists and retrieves it without', async () => {
    const tessera = client();
    const created = await tessera.webhookEndpoints.create({
      url: receiver.url('/crud'),
      events: ['token.created', 'token.deleted'],
      description: 'orders service',
    });
    expect(created).toMatchObject({
      object: 'webhook_endpoint',
      url: receiver.url('/crud'),
      events: ['token.created', 'token.deleted'],
      description: 'orders service',
      status: 'enabled',
    });
    expect(created.id).toMatch(/^we_/);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);

    const { secret: _, ...shown } = created;
    expect((await tessera.webhookEndpoints.list()).data).toContainEqual(shown);
    expect(await tessera.webhookEndpoints.retrieve(created.id)).toEqual(shown);

    expect(await tessera.webhookEndpoints.delete(created.id)).toEqual({
      id: created.id,
      object: 'webhook_endpoint',
      deleted: true,
    });
    const error = await tessera.webhookEndpoints.retrieve(created.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TesseraApiError);
    expect(error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses a private address with invalid_webhook_url and an unknown type with invalid_webhook_event', async () => {
    const tessera = client();
    const privateUrl = await tessera.webhookEndpoints
      .create({ url: 'https://10.0.0.1/hooks', events: ['*'] })
      .catch((e: unknown) => e);
    expect(privateUrl).toMatchObject({ status: 400, code: 'invalid_webhook_url', param: 'url' });
    const unknownType = await tessera.webhookEndpoints
      .create({ url: receiver.url('/bad'), events: ['token.created', 'token.exploded' as 'token.created'] })
      .catch((e: unknown) => e);
    expect(unknownType).toMatchObject({ status: 400, code: 'invalid_webhook_event', param: 'events[1]' });
  });

  it('delivers token.created signed so that verifyWebhook and the reference library both accept it', async () => {
    const tessera = client();
    const endpoint = await tessera.webhookEndpoints.create({
      url: receiver.url('/created'),
      events: ['token.created'],
    });
    const { id: token } = await createToken();
    const { headers, body } = await delivery('/created');
    expect(headers['content-type']).toMatch(/^application\/json/);

    const event = verifyWebhook(body, headers, endpoint.secret);
    expect(event.type).toBe('token.created');
    if (event.type !== 'token.created') return;
    expect(event.id).toBe(headers['webhook-id']);
    expect(event.data.token).toMatchObject({ id: token, object: 'token', type: 'card' });
    expect(verifyWebhook(body.toString('utf8'), headerRecord(headers), [endpoint.secret])).toEqual(event);
    expect(new Webhook(endpoint.secret).verify(body.toString('utf8'), headerRecord(headers))).toEqual(event);

    const other = await tessera.webhookEndpoints.create({ url: receiver.url('/unused'), events: ['token.deleted'] });
    expect(() => verifyWebhook(body, headers, other.secret)).toThrow(WebhookVerificationError);
    await tessera.webhookEndpoints.delete(other.id);
    await tessera.webhookEndpoints.delete(endpoint.id);
  });

  it('lists deliveries, and retries one with the same webhook-id', async () => {
    const tessera = client();
    const endpoint = await tessera.webhookEndpoints.create({ url: receiver.url('/retry'), events: ['token.deleted'] });
    const { id: token } = await createToken();
    await tessera.tokens.delete(token);
    const first = await delivery('/retry');
    const eventId = String(first.headers['webhook-id']);

    const delivered = await vi.waitFor(
      async () => {
        const [latest] = (await tessera.webhookEndpoints.deliveries(endpoint.id, { limit: 10 })).data;
        expect(latest).toMatchObject({ id: eventId, type: 'token.deleted', status: 'delivered', lastStatus: 204 });
        return latest;
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(delivered?.attempts).toBeGreaterThanOrEqual(1);

    const queued = await tessera.webhookEndpoints.retry(endpoint.id, eventId);
    expect(queued).toMatchObject({ id: eventId, type: 'token.deleted' });
    const second = await delivery('/retry', 2);
    expect(second.headers['webhook-id']).toBe(eventId);
    const event = verifyWebhook(second.body, second.headers, endpoint.secret);
    expect(event).toMatchObject({ id: eventId, type: 'token.deleted', data: { token: { id: token, deleted: true } } });
    await tessera.webhookEndpoints.delete(endpoint.id);
  });

  it('signs with the old and the new secret after a rotation', async () => {
    const tessera = client();
    const endpoint = await tessera.webhookEndpoints.create({ url: receiver.url('/rotate'), events: ['token.created'] });
    const rotated = await tessera.webhookEndpoints.rotate(endpoint.id);
    expect(rotated.id).toBe(endpoint.id);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(endpoint.secret);

    await createToken();
    const { headers, body } = await delivery('/rotate');
    expect(String(headers['webhook-signature']).split(' ')).toHaveLength(2);
    expect(verifyWebhook(body, headers, endpoint.secret).type).toBe('token.created');
    expect(verifyWebhook(body, headers, rotated.secret).type).toBe('token.created');
    expect(verifyWebhook(body, headers, [endpoint.secret, rotated.secret]).type).toBe('token.created');
    expect(new Webhook(rotated.secret).verify(body.toString('utf8'), headerRecord(headers))).toMatchObject({
      type: 'token.created',
    });
    await tessera.webhookEndpoints.delete(endpoint.id);
  });
});
