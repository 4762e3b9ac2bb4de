// The merchant server against a stand-in edge (a local http server answering like the real one would), through
// @tessera/node as in production. Run with `pnpm --filter @tessera/demo test` (node:test; no browser, no real edge).
// The webhook receiver and the endpoint's registration have their own files beside this one.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { chargeTemplate, processorRefusal } from './charge.mjs';
import { createMerchantServer } from './merchant-server.mjs';
import { close, listen, portOf } from './test-helpers.mjs';

const TOKEN = 'tok_AbCdEfGhIjKlMnOpQrStUv';
/** @type {{ method: string | undefined, url: string | undefined, authorization: string | undefined }[]} */
const edgeCalls = [];
/** @type {{ idempotencyKey: string | string[] | undefined, body: any }[]} */
const forwards = [];
/** @type {(url: string) => { status: number, body: unknown }} */
let edgeAnswer = () => ({ status: 500, body: {} });

const edge = createServer(async (request, response) => {
  edgeCalls.push({ method: request.method, url: request.url, authorization: request.headers.authorization });
  if (request.method === 'POST') {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    forwards.push({
      idempotencyKey: request.headers['idempotency-key'],
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    });
  }
  const { status, body } = edgeAnswer(request.url ?? '');
  response.writeHead(status, { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' });
  response.end(JSON.stringify(body));
});
/** @type {string[]} */
const logs = [];
/** @type {import('node:http').Server} */
let merchant;
let merchantUrl = '';

before(async () => {
  await listen(edge);
  merchant = createMerchantServer({
    edge: `http://127.0.0.1:${portOf(edge)}`,
    secretKey: 'sk_test_unit',
    log: (line) => logs.push(line),
  });
  merchantUrl = await listen(merchant);
});
after(async () => {
  await close(merchant);
  await close(edge);
});
beforeEach(() => {
  edgeCalls.length = 0;
  forwards.length = 0;
  logs.length = 0;
});

/** @param {unknown} body @param {string} [contentType] */
async function pay(body, contentType = 'application/json') {
  const response = await fetch(`${merchantUrl}/api/pay`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/** A problem document (RFC 9457) as the edge answers one. @param {number} status @param {string} code @param {string} title */
const problem = (status, code, title) => ({ type: 'about:blank', title, status, code, instance: 'req_standin' });

const tokenObject = {
  id: TOKEN,
  object: 'token',
  type: 'card',
  created: 1763780000,
  card: { brand: 'visa', last4: '4242', bin: '424242', expMonth: 12, expYear: 2034, fingerprint: 'fp_x' },
  cvc: 'present',
};

describe('POST /api/pay', () => {
  it('reads the token with the secret key and answers only the masked card', async () => {
    edgeAnswer = () => ({ status: 200, body: tokenObject });
    const { status, body } = await pay({ token: TOKEN });
    assert.equal(status, 200);
    assert.deepEqual(body, { token: TOKEN, card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 } });
    assert.deepEqual(edgeCalls, [{ method: 'GET', url: `/v1/tokens/${TOKEN}`, authorization: 'Bearer sk_test_unit' }]);
  });

  it('logs one line per payment: token id, brand and last 4 only', async () => {
    edgeAnswer = () => ({ status: 200, body: tokenObject });
    await pay({ token: TOKEN });
    assert.deepEqual(logs, [`paid ${TOKEN} visa 4242`]);
  });

  it("passes the edge's problem code on, with the edge's status", async () => {
    edgeAnswer = () => ({ status: 404, body: problem(404, 'not_found', 'No such object.') });
    const { status, body } = await pay({ token: TOKEN });
    assert.equal(status, 404);
    assert.deepEqual(body, { error: { code: 'not_found', message: 'No such object.' } });
  });

  it('answers 502 when the edge fails (after the client tried twice more) or sends something that is not a token', async () => {
    edgeAnswer = () => ({ status: 500, body: problem(500, 'internal_error', 'An internal error occurred.') });
    assert.deepEqual(await pay({ token: TOKEN }), {
      status: 502,
      body: { error: { code: 'internal_error', message: 'An internal error occurred.' } },
    });
    assert.equal(edgeCalls.length, 3);
    assert.deepEqual(logs, [`pay ${TOKEN}: edge answered 500 internal_error`]);
    edgeAnswer = () => ({ status: 200, body: { id: TOKEN } });
    assert.deepEqual(await pay({ token: TOKEN }), {
      status: 502,
      body: { error: { code: 'edge_error', message: 'The payment service sent an unexpected answer.' } },
    });
    edgeAnswer = () => ({ status: 418, body: 'teapot' });
    assert.deepEqual(await pay({ token: TOKEN }), {
      status: 418,
      body: { error: { code: 'edge_error', message: 'The payment service answered 418.' } },
    });
  });

  it('refuses anything but { token: "tok_…" } without calling the edge', async () => {
    for (const bad of [
      {},
      { token: 42 },
      { token: '../keys' },
      { token: 'tok_a/b' },
      { token: `tok_${'x'.repeat(200)}` },
    ]) {
      assert.equal((await pay(bad)).status, 400, JSON.stringify(bad));
    }
    assert.equal((await pay('{oops')).status, 400);
    assert.equal((await pay({ token: TOKEN }, 'text/plain')).status, 415);
    assert.equal((await pay({ token: TOKEN, pad: 'x'.repeat(5000) })).status, 413);
    assert.deepEqual(edgeCalls, []);
  });

  it('answers 502 edge_unreachable when the edge is down', async () => {
    const closed = createMerchantServer({ edge: 'http://127.0.0.1:9', secretKey: 'sk_test_unit', log: () => {} });
    const url = await listen(closed);
    try {
      const response = await fetch(`${url}/api/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: TOKEN }),
      });
      assert.equal(response.status, 502);
      const body = /** @type {{ error: { code: string } }} */ (await response.json());
      assert.equal(body.error.code, 'edge_unreachable');
    } finally {
      await close(closed);
    }
  });

  it('answers 503 on /api/charge when no processor is configured', async () => {
    edgeAnswer = () => ({ status: 200, body: tokenObject });
    const response = await fetch(`${merchantUrl}/api/charge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    assert.equal(response.status, 503);
  });

  it('has no other routes', async () => {
    assert.equal((await fetch(`${merchantUrl}/api/pay`)).status, 405);
    assert.equal((await fetch(`${merchantUrl}/api/refund`, { method: 'POST' })).status, 404);
    assert.equal((await fetch(`${merchantUrl}/healthz`)).status, 200);
    assert.equal((await fetch(`${merchantUrl}/webhooks`)).status, 405);
    assert.equal((await fetch(`${merchantUrl}/api/webhooks?token=${TOKEN}`, { method: 'POST' })).status, 405);
    // Not ready: no webhook endpoint was registered for this server (webhook-endpoint.test.mjs registers one).
    assert.equal((await fetch(`${merchantUrl}/readyz`)).status, 503);
  });
});

describe('POST /api/charge: the charge goes through the edge', () => {
  /** @type {import('node:http').Server} */
  let charging;
  let chargingUrl = '';
  before(async () => {
    charging = createMerchantServer({
      edge: `http://127.0.0.1:${portOf(edge)}`,
      secretKey: 'sk_test_unit',
      processor: 'http://127.0.0.1:4243',
      log: (line) => logs.push(line),
    });
    chargingUrl = await listen(charging);
  });
  after(() => close(charging));

  /** @param {unknown} forwardAnswer */
  const answers = (forwardAnswer) => (/** @type {string} */ url) =>
    url === '/v1/forward' ? { status: 200, body: forwardAnswer } : { status: 200, body: tokenObject };
  const payCharging = async (path = '/api/charge') => {
    const response = await fetch(`${chargingUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    return { status: response.status, body: /** @type {any} */ (await response.json()) };
  };
  const processorReply = { id: 'ch_abc', status: 'succeeded', card: { number: '************4242', last4: '4242' } };

  it('forwards a charge template (never a card) with the secret key and an idempotency key per token', async () => {
    edgeAnswer = answers({ status: 200, headers: {}, body: JSON.stringify(processorReply) });
    const { status, body } = await payCharging();
    assert.equal(status, 200);
    assert.deepEqual(body, {
      token: TOKEN,
      card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2034 },
      charge: { id: 'ch_abc', status: 'succeeded' },
    });
    assert.deepEqual(
      edgeCalls.map((c) => [c.method, c.url, c.authorization]),
      [
        ['GET', `/v1/tokens/${TOKEN}`, 'Bearer sk_test_unit'],
        ['POST', '/v1/forward', 'Bearer sk_test_unit'],
      ],
    );
    assert.deepEqual(forwards, [
      {
        idempotencyKey: `charge-${TOKEN}`,
        body: {
          token: TOKEN,
          request: {
            url: 'http://127.0.0.1:4243/charge',
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: chargeTemplate(true),
          },
        },
      },
    ]);
    assert.match(chargeTemplate(true), /"cvc":"\{\{card\.cvc\}\}"/);
    assert.doesNotMatch(chargeTemplate(false), /cvc/);
    assert.deepEqual(logs, [`charged ${TOKEN} visa 4242 ch_abc`]);
  });

  it('leaves /api/pay a read of the masked card: no forward, the CVC stays for the charge', async () => {
    edgeAnswer = answers({ status: 200, headers: {}, body: JSON.stringify(processorReply) });
    const { status, body } = await payCharging('/api/pay');
    assert.equal(status, 200);
    assert.equal(body.charge, undefined);
    assert.deepEqual(forwards, []);
  });

  it('charges without the CVC, under its own key, when the edge has none (and only then)', async () => {
    edgeAnswer = (url) => {
      if (url !== '/v1/forward') return { status: 200, body: { ...tokenObject, cvc: 'absent' } };
      return forwards.length === 1
        ? { status: 400, body: problem(400, 'cvc_unavailable', 'No CVC.') }
        : { status: 200, body: { status: 200, headers: {}, body: JSON.stringify(processorReply) } };
    };
    assert.equal((await payCharging()).status, 200);
    assert.deepEqual(
      forwards.map((f) => [f.idempotencyKey, f.body.request.body]),
      [
        [`charge-${TOKEN}`, chargeTemplate(true)],
        [`charge-${TOKEN}-without-cvc`, chargeTemplate(false)],
      ],
    );
  });

  it("answers 402 with the processor's codes and message when it declines the card", async () => {
    const declined = {
      error: {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
      },
    };
    edgeAnswer = answers({ status: 402, headers: {}, body: JSON.stringify(declined) });
    assert.deepEqual(await payCharging(), {
      status: 402,
      body: {
        error: {
          code: 'card_declined',
          declineCode: 'insufficient_funds',
          message: 'Your card has insufficient funds.',
        },
      },
    });
    // One charge: a decline is the card's answer, not a missing CVC to retry without.
    assert.equal(forwards.length, 1);
    assert.deepEqual(logs, [`charge ${TOKEN}: processor answered 402 card_declined insufficient_funds`]);
  });

  it('tells the page only what a processor may say to a shopper, and its own failures apart', () => {
    const fallback = 'Your card was declined.';
    assert.deepEqual(processorRefusal(402, { error: { code: 'expired_card' } }), {
      status: 402,
      error: { code: 'expired_card', declineCode: 'expired_card', message: fallback },
    });
    assert.deepEqual(processorRefusal(402, null), {
      status: 402,
      error: { code: 'card_declined', declineCode: 'card_declined', message: fallback },
    });
    // Codes must look like codes; a message with a card-length run of digits or markup is not passed on.
    const odd = processorRefusal(402, { error: { code: 'Bad Code!', decline_code: 7, message: '<b>no</b>' } });
    assert.deepEqual(odd.error, { code: 'card_declined', declineCode: 'card_declined', message: fallback });
    const digits = ['4000', '0000', '0000', '9995'].join(' ');
    assert.equal(processorRefusal(402, { error: { message: `Card ${digits} declined.` } }).error.message, fallback);
    assert.equal(processorRefusal(402, { error: { message: 'x'.repeat(201) } }).error.message, fallback);
    assert.equal(
      processorRefusal(402, { error: { message: 'Card ************9995 declined.' } }).error.message,
      'Card ************9995 declined.',
    );
    for (const status of [200, 400, 500, 503, undefined]) {
      assert.deepEqual(processorRefusal(status, { error: { code: 'processing_error', message: 'Oops.' } }), {
        status: 502,
        error: { code: 'processor_error', message: 'The card processor could not take the payment. Please try again.' },
      });
    }
  });

  it('answers 502 when the processor fails, and passes edge problems on', async () => {
    edgeAnswer = answers({ status: 500, headers: {}, body: 'upstream exploded' });
    assert.equal((await payCharging()).status, 502);
    edgeAnswer = answers({ status: 200, headers: {}, body: JSON.stringify({ status: 'succeeded' }) });
    assert.equal((await payCharging()).body.error.code, 'processor_error');
    edgeAnswer = (url) =>
      url === '/v1/forward'
        ? { status: 403, body: problem(403, 'forbidden_host', 'The destination host is not on the allow-list.') }
        : { status: 200, body: tokenObject };
    assert.deepEqual(await payCharging(), {
      status: 403,
      body: { error: { code: 'forbidden_host', message: 'The destination host is not on the allow-list.' } },
    });
  });
});
