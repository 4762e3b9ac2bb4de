// The merchant server's POST /webhooks and GET /api/webhooks, with deliveries signed as the edge signs them
// (test-helpers.mjs, from the contract with node:crypto): only what verifies is kept, once per webhook-id, by token.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createMerchantServer } from './merchant-server.mjs';
import { close, listen, newSecret, signLikeTheEdge } from './test-helpers.mjs';
import { WebhookReceiver } from './webhook-receiver.mjs';

const TOKEN = 'tok_WebhookReceiverTest01';
const secret = newSecret();
/** @type {string[]} */
const logs = [];
const log = (/** @type {string} */ line) => logs.push(line);
const receiver = new WebhookReceiver({ log });
// No edge: these routes never call it.
const merchant = createMerchantServer({
  edge: 'http://127.0.0.1:9',
  secretKey: 'sk_test_unit',
  log,
  webhooks: receiver,
});
let url = '';

before(async () => {
  receiver.useSecret(secret);
  url = await listen(merchant);
});
after(() => close(merchant));
beforeEach(() => {
  logs.length = 0;
});

let sequence = 0;
/** A delivery's body as the edge writes it, with a fresh event id. Its card holds values a log must never show. */
function tokenCreated(token = TOKEN) {
  const id = `evt_receiver${String(++sequence).padStart(4, '0')}`;
  const card = { brand: 'visa', last4: '0077', bin: '400000', expMonth: 7, expYear: 2031, fingerprint: 'fp_Zq9' };
  const data = { token: { id: token, object: 'token', type: 'card', created: 1_790_000_000, card, cvc: 'present' } };
  return { id, body: JSON.stringify({ id, type: 'token.created', created: 1_790_000_000, data }) };
}

/** @param {string} body @param {Record<string, string>} headers */
async function deliver(body, headers) {
  const response = await fetch(`${url}/webhooks`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: /** @type {any} */ (await response.json()) };
}

async function eventsOf(token = TOKEN) {
  const response = await fetch(`${url}/api/webhooks?token=${token}`);
  return { status: response.status, body: /** @type {any} */ (await response.json()) };
}

/** No log line holds anything of a delivery's body but its ids and type. */
function assertNoBodyInLogs() {
  for (const line of logs) assert.doesNotMatch(line, /0077|400000|fp_Zq9|2031|visa/, line);
}

describe('POST /webhooks: only verified deliveries count', () => {
  it('answers 503 and keeps nothing while no endpoint is registered, so the edge tries again', async () => {
    const early = createMerchantServer({ edge: 'http://127.0.0.1:9', secretKey: 'sk_test_unit', log: () => {} });
    const earlyUrl = await listen(early);
    try {
      const { id, body } = tokenCreated();
      const response = await fetch(`${earlyUrl}/webhooks`, {
        method: 'POST',
        headers: signLikeTheEdge(secret, { id, body }),
        body,
      });
      assert.equal(response.status, 503);
      assert.equal((await fetch(`${earlyUrl}/readyz`)).status, 503);
    } finally {
      await close(early);
    }
  });

  it('keeps a verified event under its token and lists it for the page', async () => {
    const { id, body } = tokenCreated();
    assert.deepEqual(await deliver(body, signLikeTheEdge(secret, { id, body })), {
      status: 200,
      body: { received: true },
    });
    assert.deepEqual(await eventsOf(), {
      status: 200,
      body: { object: 'list', data: [{ id, type: 'token.created', created: 1_790_000_000, verified: true }] },
    });
    assert.deepEqual(logs, [`webhook token.created ${id} verified for ${TOKEN}`]);
    assert.equal((await fetch(`${url}/readyz`)).status, 200);
  });

  it('answers 400 with the code for a tampered body, and neither keeps nor logs it', async () => {
    const token = 'tok_WebhookReceiverTampered';
    const { id, body } = tokenCreated(token);
    const headers = signLikeTheEdge(secret, { id, body });
    const tampered = body.replace('"cvc":"present"', '"cvc":"absent"');
    assert.deepEqual(await deliver(tampered, headers), {
      status: 400,
      body: {
        error: { code: 'invalid_signature', message: 'No webhook signature matches the body under the given secrets.' },
      },
    });
    assert.deepEqual(logs, ['webhook refused: invalid_signature']);
    assert.deepEqual((await eventsOf(token)).body.data, []);
  });

  it('answers 2xx to a replayed webhook-id without keeping it a second time', async () => {
    const token = 'tok_WebhookReceiverReplay';
    const { id, body } = tokenCreated(token);
    const headers = signLikeTheEdge(secret, { id, body });
    assert.equal((await deliver(body, headers)).status, 200);
    // The edge's retry of the same delivery: same webhook-id, signed again later.
    const again = await deliver(
      body,
      signLikeTheEdge(secret, { id, body, timestamp: Number(headers['webhook-timestamp']) + 5 }),
    );
    assert.deepEqual(again, { status: 200, body: { received: true, duplicate: true } });
    assert.deepEqual(
      (await eventsOf(token)).body.data.map((/** @type {any} */ e) => e.id),
      [id],
    );
    assert.deepEqual(logs, [
      `webhook token.created ${id} verified for ${token}`,
      `webhook ${id} again: already received`,
    ]);
  });

  it('answers 400 to a stale or a future timestamp, to a foreign secret and to missing headers', async () => {
    const token = 'tok_WebhookReceiverRefused';
    const now = Math.floor(Date.now() / 1000);
    /** @type {[string, (delivery: { id: string, body: string }) => Record<string, string>][]} */
    const cases = [
      ['timestamp_too_old', (delivery) => signLikeTheEdge(secret, { ...delivery, timestamp: now - 301 })],
      ['timestamp_too_new', (delivery) => signLikeTheEdge(secret, { ...delivery, timestamp: now + 301 })],
      ['invalid_signature', (delivery) => signLikeTheEdge(newSecret(), delivery)],
      ['missing_header', (delivery) => ({ ...signLikeTheEdge(secret, delivery), 'webhook-timestamp': '' })],
    ];
    for (const [code, sign] of cases) {
      const delivery = tokenCreated(token);
      const answer = await deliver(delivery.body, sign(delivery));
      assert.equal(answer.status, 400, code);
      assert.equal(answer.body.error.code, code);
    }
    assert.deepEqual(
      logs,
      cases.map(([code]) => `webhook refused: ${code}`),
    );
    assertNoBodyInLogs();
    assert.deepEqual((await eventsOf(token)).body.data, []);
  });

  it('keeps each token its own events in order; an event without a token is taken and not listed', async () => {
    const token = 'tok_WebhookReceiverOrder';
    const created = tokenCreated(token);
    const forwarded = {
      id: 'evt_receiverForward',
      body: JSON.stringify({
        id: 'evt_receiverForward',
        type: 'forward.succeeded',
        created: 1_790_000_001,
        data: { token: { id: token, object: 'token' }, forward: { host: '127.0.0.1', status: 200 } },
      }),
    };
    const suspected = {
      id: 'evt_receiverSuspect',
      body: JSON.stringify({
        id: 'evt_receiverSuspect',
        type: 'card_testing.suspected',
        created: 1,
        data: { rule: 'x' },
      }),
    };
    for (const delivery of [created, forwarded, suspected]) {
      assert.equal((await deliver(delivery.body, signLikeTheEdge(secret, delivery))).status, 200);
    }
    assert.deepEqual(
      (await eventsOf(token)).body.data.map((/** @type {any} */ e) => e.type),
      ['token.created', 'forward.succeeded'],
    );
    assert.equal(logs.at(-1), 'webhook card_testing.suspected evt_receiverSuspect verified');
    assertNoBodyInLogs();
  });

  it('refuses bodies over 64 KiB, and lists only for a token id', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(65 * 1024) });
    assert.equal((await deliver(big, signLikeTheEdge(secret, { id: 'evt_big', body: big }))).status, 413);
    assert.deepEqual(logs, ['webhook refused: payload_too_large']);
    for (const bad of ['', '?token=', '?token=../x', '?token=evt_1']) {
      assert.equal((await fetch(`${url}/api/webhooks${bad}`)).status, 400, bad);
    }
    assert.deepEqual(await eventsOf('tok_neverSeen'), { status: 200, body: { object: 'list', data: [] } });
  });
});

describe('WebhookReceiver keeps memory bounded', () => {
  it('forgets the oldest ids, tokens and events past its limits', () => {
    const small = new WebhookReceiver({ log: () => {}, keepIds: 2, keepTokens: 2, keepPerToken: 2 });
    small.useSecret(secret);
    /** @param {string} id @param {string} token */
    const take = (id, token) => {
      const body = JSON.stringify({ id, type: 'token.cvc_erased', created: 1, data: { token: { id: token } } });
      return small.receive(Buffer.from(body), signLikeTheEdge(secret, { id, body })).body;
    };
    take('evt_1', 'tok_a');
    take('evt_2', 'tok_a');
    take('evt_3', 'tok_a');
    assert.deepEqual(
      small.eventsOf('tok_a').map((e) => e.id),
      ['evt_2', 'evt_3'],
    );
    // evt_1 left the ids it remembers (only the last 2 are kept): taken again, as new.
    assert.deepEqual(take('evt_1', 'tok_b'), { received: true });
    assert.deepEqual(take('evt_3', 'tok_b'), { received: true, duplicate: true });
    take('evt_4', 'tok_c');
    assert.deepEqual(small.eventsOf('tok_a'), []);
    assert.deepEqual(
      small.eventsOf('tok_c').map((e) => e.id),
      ['evt_4'],
    );
  });
});
