import { runInDurableObject } from 'cloudflare:test';
import type { TokenObject } from '@tessera/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import {
  call,
  createToken,
  DEMO_PK,
  DEMO_SK,
  fieldPageHeaders,
  getToken,
  OTHER_PK,
  OTHER_SK,
  validCard,
} from '../../test/support/edge';
import { charge, forwardCall, peerHost, peerId, peerUrl, received, token } from '../../test/support/forward';
import {
  deliveries,
  makeDue,
  newEndpoint,
  queueOf,
  removeEndpoints,
  signedBy,
  withSk,
} from '../../test/support/webhooks';
import { DISABLE_AFTER_MS, retryDelay } from './delivery-store';

// Deliveries for real: the vault's outbox, the queue's alarm, a real HTTP endpoint on loopback, Standard
// Webhooks signatures checked independently, retries with the same webhook-id, rotation and disabling.

afterEach(async () => {
  await removeEndpoints(DEMO_SK);
  await removeEndpoints(OTHER_SK);
});

const poll = { timeout: 5000, interval: 25 };

async function newTokenId(pk = DEMO_PK): Promise<string> {
  const res = await createToken(validCard(), fieldPageHeaders(pk));
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }).id;
}

describe('webhook deliveries', () => {
  it('delivers token.created signed, and an endpoint that fails twice then recovers gets it once, same webhook-id', async () => {
    const peer = peerId();
    const endpoint = await newEndpoint(peerUrl(`/flaky/2/${peer}`), ['token.created']);
    const tokenId = await newTokenId();

    await expect.poll(async () => (await received(peer)).length, poll).toBe(1);
    await makeDue();
    await expect.poll(async () => (await received(peer)).length, poll).toBe(2);
    await makeDue();
    await expect.poll(async () => (await received(peer)).length, poll).toBe(3);
    await expect.poll(async () => (await deliveries(endpoint.id))[0]?.status, poll).toBe('delivered');

    const attempts = await received(peer);
    const ids = new Set(attempts.map((a) => a.headers['webhook-id']));
    expect(ids.size).toBe(1);
    expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    for (const attempt of attempts) expect(await signedBy(attempt, [endpoint.secret])).toEqual([endpoint.secret]);
    const event = JSON.parse(attempts[0]?.body ?? '{}') as { id: string; type: string; data: { token: TokenObject } };
    const token = (await (await getToken(tokenId)).json()) as TokenObject;
    expect(event).toMatchObject({
      id: [...ids][0],
      type: 'token.created',
      data: { token: { ...token, cvc: expect.any(String) } },
    });
    expect(attempts[0]?.headers['content-type']).toBe('application/json');

    // The event id is the audit event's: the trail and the webhook name the same thing.
    const trail = (await (
      await call(`/v1/events?token=${tokenId}&type=token.created`, { headers: withSk() })
    ).json()) as {
      data: { id: string }[];
    };
    expect(trail.data[0]?.id).toBe(event.id);

    // Delivered is done: time passing sends nothing more.
    await makeDue();
    expect(await deliveries(endpoint.id)).toMatchObject([
      { id: event.id, status: 'delivered', attempts: 3, lastStatus: 200 },
    ]);
    expect(await received(peer)).toHaveLength(3);
  });

  it('retries a delivery by hand with the same webhook-id', async () => {
    const peer = peerId();
    const endpoint = await newEndpoint(peerUrl(`/echo/${peer}`), ['token.created']);
    await newTokenId();
    await expect.poll(async () => (await deliveries(endpoint.id))[0]?.status, poll).toBe('delivered');
    const [delivery] = await deliveries(endpoint.id);
    const res = await call(`/v1/webhook_endpoints/${endpoint.id}/deliveries/${delivery?.id}/retry`, {
      method: 'POST',
      headers: withSk(),
    });
    expect(res.status).toBe(202);
    await expect.poll(async () => (await received(peer)).length, poll).toBe(2);
    const [first, second] = await received(peer);
    expect(second?.headers['webhook-id']).toBe(first?.headers['webhook-id']);
  });

  it('signs with both secrets for a day after a rotation', async () => {
    const peer = peerId();
    const endpoint = await newEndpoint(peerUrl(`/echo/${peer}`), ['token.created']);
    const res = await call(`/v1/webhook_endpoints/${endpoint.id}/rotate`, { method: 'POST', headers: withSk() });
    expect(res.status).toBe(200);
    const { secret } = (await res.json()) as { secret: string };
    expect(secret).not.toBe(endpoint.secret);
    await newTokenId();
    await expect.poll(async () => (await received(peer)).length, poll).toBe(1);
    const [delivery] = await received(peer);
    if (delivery === undefined) throw new Error('no delivery');
    expect(await signedBy(delivery, [secret, endpoint.secret])).toEqual([secret, endpoint.secret]);
    expect(delivery.headers['webhook-signature']?.split(' ')).toHaveLength(2);
  });

  it('never holds up a create while a delivery hangs', async () => {
    // The other merchant's queue, so the hanging attempt holds up no other test's deliveries.
    const peer = peerId();
    const endpoint = await newEndpoint(peerUrl(`/slow/2000/${peer}`), ['token.created'], OTHER_SK);
    await newTokenId(OTHER_PK);
    await expect.poll(async () => (await received(peer)).length, poll).toBe(1);
    // The endpoint has the request and has not answered: a create now completes all the same, and its event
    // joins the queue behind the hanging attempt.
    await newTokenId(OTHER_PK);
    await expect.poll(async () => (await deliveries(endpoint.id, OTHER_SK)).length, poll).toBe(2);
    expect(await deliveries(endpoint.id, OTHER_SK)).toMatchObject([{ attempts: 0 }, { attempts: 0 }]);
  });

  it('disables an endpoint failing for three days, fails its deliveries, and says so to the others', async () => {
    const dead = await newEndpoint('http://127.0.0.1:9/hooks', ['token.created']);
    const peer = peerId();
    const watcher = await newEndpoint(peerUrl(`/echo/${peer}`), ['webhook_endpoint.disabled']);
    await newTokenId();
    await expect.poll(async () => JSON.stringify(await deliveries(dead.id)), poll).toContain('"attempts":1');
    await runInDurableObject(queueOf(), (_i, state) => {
      state.storage.sql.exec(
        'UPDATE endpoints SET failing_since = ? WHERE id = ?',
        Date.now() - DISABLE_AFTER_MS,
        dead.id,
      );
    });
    await makeDue();
    await expect.poll(async () => (await received(peer)).length, poll).toBe(1);
    const [notice] = await received(peer);
    expect(JSON.parse(notice?.body ?? '{}')).toMatchObject({
      type: 'webhook_endpoint.disabled',
      data: { webhookEndpoint: { id: dead.id, url: 'http://127.0.0.1:9/hooks' } },
    });
    expect(await signedBy(notice ?? { method: '', path: '', headers: {}, body: '' }, [watcher.secret])).toHaveLength(1);
    const read = (await (await call(`/v1/webhook_endpoints/${dead.id}`, { headers: withSk() })).json()) as {
      status: string;
    };
    expect(read.status).toBe('disabled');
    expect(await deliveries(dead.id)).toMatchObject([{ status: 'failed', lastError: 'unreachable' }]);

    // A retry asked of the disabled endpoint fails at once instead of falling due forever.
    const [failed] = await deliveries(dead.id);
    const retry = await call(`/v1/webhook_endpoints/${dead.id}/deliveries/${failed?.id}/retry`, {
      method: 'POST',
      headers: withSk(),
    });
    expect(retry.status).toBe(202);
    await expect.poll(async () => (await deliveries(dead.id))[0]?.lastError, poll).toBe('disabled');
    expect(await deliveries(dead.id)).toMatchObject([{ status: 'failed', nextAttemptAt: null }]);
  });

  it('tells of a forward that succeeded, one that failed, and the CVC its first forward erased', async () => {
    const peer = peerId();
    await newEndpoint(peerUrl(`/echo/${peer}`), ['forward.succeeded', 'forward.failed', 'token.cvc_erased']);
    const tok = await token();
    expect((await forwardCall(charge(tok.id, `/echo/${peerId()}`))).status).toBe(200);
    // The CVC is gone after the first forward: the second sends the number alone.
    const again = charge(tok.id, `/status/402/${peerId()}`, { body: '{"number":"{{card.number}}"}' });
    expect((await forwardCall(again)).status).toBe(200);
    await expect.poll(async () => (await received(peer)).length, poll).toBe(3);
    const bodies = (await received(peer)).map((r) => JSON.parse(r.body) as { type: string; data: unknown });
    // Deliveries of one batch go out side by side, so they may arrive in any order (as webhooks generally do).
    expect(bodies.map((b) => [b.type, b.data]).sort()).toEqual([
      ['forward.failed', { token: { id: tok.id, object: 'token' }, forward: { host: peerHost(), status: 402 } }],
      ['forward.succeeded', { token: { id: tok.id, object: 'token' }, forward: { host: peerHost(), status: 200 } }],
      ['token.cvc_erased', { token: { id: tok.id, object: 'token', cvc: 'absent' }, reason: 'used' }],
    ]);
  });

  it('tries a failing endpoint once per retry, not once per event it is owed', async () => {
    const dead = await newEndpoint('http://127.0.0.1:9/owed', ['token.created']);
    await Promise.all([newTokenId(), newTokenId(), newTokenId()]);
    await expect.poll(async () => (await deliveries(dead.id)).filter((d) => d.attempts >= 1).length, poll).toBe(3);
    await makeDue();
    await expect.poll(async () => (await deliveries(dead.id)).map((d) => d.attempts).sort(), poll).toEqual([1, 1, 2]);
    // The two not probed wait for the probe's retry time, not their own.
    const held = (await deliveries(dead.id)).filter((d) => d.attempts === 1);
    const probe = (await deliveries(dead.id)).find((d) => d.attempts === 2);
    for (const d of held) expect(d.nextAttemptAt).toBeGreaterThanOrEqual(probe?.nextAttemptAt ?? 0);
  });

  it('waits 5 s doubling to 6 h between attempts, with jitter in the upper half', () => {
    expect(retryDelay(1, () => 0)).toBe(2_500);
    expect(retryDelay(1, () => 1)).toBe(5_000);
    expect(retryDelay(3, () => 1)).toBe(20_000);
    expect(retryDelay(40, () => 1)).toBe(6 * 60 * 60 * 1000);
  });
});
