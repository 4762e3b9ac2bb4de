// POST /api/agent-charge against a stand-in edge that answers as the real one does, through @tessera/node: what
// the merchant server sends (the vault token, the payment, a template whose amount and currency are placeholders),
// and what it answers for a charge, a spent token, an allowance refusal and a decline. The real edge and mock
// processor are in e2e/tests/agent.spec.ts.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { agentChargeTemplate, parseAgentCharge } from './agent-charge.mjs';
import { createMerchantServer } from './merchant-server.mjs';
import { close, listen, portOf } from './test-helpers.mjs';

const VAULT_TOKEN = 'vt_AbCdEfGhIjKlMnOpQrStUv';
const SESSION = 'csn_0f6c1a8e-1d2b-4c5d-9e8f-0a1b2c3d4e5f';
const CHARGE = { vaultToken: VAULT_TOKEN, amount: 1999, currency: 'usd', checkout_session_id: SESSION };

/** @type {{ authorization: string | undefined, idempotencyKey: string | string[] | undefined, body: any }[]} */
const forwards = [];
/** @type {(attempt: number) => { status: number, body: unknown }} */
let edgeAnswer = () => ({ status: 500, body: {} });
const edge = createServer(async (request, response) => {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  forwards.push({
    authorization: request.headers.authorization,
    idempotencyKey: request.headers['idempotency-key'],
    body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
  });
  const { status, body } = edgeAnswer(forwards.length);
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
    processor: 'http://127.0.0.1:4243',
    log: (line) => logs.push(line),
  });
  merchantUrl = await listen(merchant);
});
after(async () => {
  await close(merchant);
  await close(edge);
});
beforeEach(() => {
  forwards.length = 0;
  logs.length = 0;
});

/** @param {unknown} body @param {string} [url] */
async function agentCharge(body, url = merchantUrl) {
  const response = await fetch(`${url}/api/agent-charge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: /** @type {any} */ (await response.json()) };
}

/** @param {number} status @param {string} code @param {string} title */
const problem = (status, code, title) => ({ type: 'about:blank', title, status, code, instance: 'req_standin' });
/** The edge's answer to a forward: the processor's status and body, card number masked. */
const forwarded = (/** @type {number} */ status, /** @type {unknown} */ body) => ({
  status: 200,
  body: { status, headers: {}, body: JSON.stringify(body) },
});
const processorCharge = {
  id: 'ch_abcdefghijklmnop',
  status: 'succeeded',
  amount: 1999,
  currency: 'usd',
  reference: SESSION,
  card: { number: '************4242', last4: '4242' },
};

describe('POST /api/agent-charge', () => {
  it('forwards the vault token with its payment and a template carrying the placeholders, never a card', async () => {
    edgeAnswer = () => forwarded(200, processorCharge);
    const { status, body } = await agentCharge(CHARGE);
    assert.equal(status, 200);
    assert.deepEqual(body, {
      vaultToken: VAULT_TOKEN,
      charge: { id: 'ch_abcdefghijklmnop', status: 'succeeded', amount: 1999, currency: 'usd' },
    });
    assert.equal(forwards.length, 1);
    const [sent] = forwards;
    assert.equal(sent?.authorization, 'Bearer sk_test_unit');
    assert.deepEqual(sent?.body, {
      token: VAULT_TOKEN,
      payment: { amount: 1999, currency: 'usd', checkout_session_id: SESSION },
      request: {
        url: 'http://127.0.0.1:4243/charge',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: agentChargeTemplate(true, SESSION),
      },
    });
    const template = agentChargeTemplate(true, SESSION);
    for (const placeholder of ['{{payment.amount}}', '{{payment.currency}}', '{{card.number}}', '{{card.cvc}}']) {
      assert.ok(template.includes(placeholder), placeholder);
    }
    assert.doesNotMatch(template, /1999/);
    assert.deepEqual(logs, [`agent charge ${VAULT_TOKEN} ch_abcdefghijklmnop 1999 usd`]);
  });

  it('is JSON once the edge fills it in, with the session as the processor reference', () => {
    const filled = agentChargeTemplate(false, SESSION)
      .replace('{{card.number}}', '4')
      .replace('{{card.expMonth}}', '12')
      .replace('{{card.expYear}}', '2030')
      .replace('{{payment.amount}}', '1999')
      .replace('{{payment.currency}}', 'usd');
    assert.deepEqual(JSON.parse(filled), {
      number: '4',
      expMonth: 12,
      expYear: 2030,
      amount: 1999,
      currency: 'usd',
      reference: SESSION,
    });
  });

  it('sends each call under a fresh Idempotency-Key, so a second charge reaches the edge and is refused', async () => {
    edgeAnswer = (attempt) =>
      attempt === 1
        ? forwarded(200, processorCharge)
        : { status: 409, body: problem(409, 'vault_token_consumed', 'This vault token was spent already.') };
    assert.equal((await agentCharge(CHARGE)).status, 200);
    assert.deepEqual(await agentCharge(CHARGE), {
      status: 409,
      body: {
        error: { code: 'vault_token_consumed', message: 'This vault token has paid already; a vault token pays once.' },
      },
    });
    const [first, second] = forwards.map((f) => f.idempotencyKey);
    assert.equal(typeof first, 'string');
    assert.notEqual(first, second);
    assert.equal(logs[1], `agent charge ${VAULT_TOKEN}: edge answered 409 vault_token_consumed`);
  });

  it("tells the caller, in the shop's words, why the edge refused, keeping its code and status", async () => {
    for (const [status, code, message] of /** @type {const} */ ([
      [400, 'allowance_exceeded', 'The amount is more than the agent allowed.'],
      [400, 'allowance_currency_mismatch', 'The currency is not the one the agent allowed.'],
      [400, 'allowance_session_mismatch', 'The checkout session is not the one the agent allowed.'],
      [409, 'vault_token_revoked', 'The agent platform revoked this vault token.'],
      [409, 'vault_token_expired', "This vault token's allowance has expired."],
      [404, 'not_found', 'This shop has no such vault token.'],
    ])) {
      edgeAnswer = () => ({ status, body: problem(status, code, 'The catalog title.') });
      assert.deepEqual(await agentCharge(CHARGE), { status, body: { error: { code, message } } }, code);
    }
    edgeAnswer = () => ({ status: 403, body: problem(403, 'forbidden_host', 'The destination host is not allowed.') });
    assert.deepEqual(await agentCharge(CHARGE), {
      status: 403,
      body: { error: { code: 'forbidden_host', message: 'The destination host is not allowed.' } },
    });
  });

  it('charges without the CVC when the edge has none, and passes a decline on as 402', async () => {
    edgeAnswer = (attempt) =>
      attempt === 1
        ? { status: 400, body: problem(400, 'cvc_unavailable', 'No CVC.') }
        : forwarded(402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' } });
    assert.deepEqual(await agentCharge(CHARGE), {
      status: 402,
      body: { error: { code: 'card_declined', declineCode: 'insufficient_funds', message: 'Your card was declined.' } },
    });
    assert.deepEqual(
      forwards.map((f) => f.body.request.body),
      [agentChargeTemplate(true, SESSION), agentChargeTemplate(false, SESSION)],
    );
    assert.deepEqual(logs, [
      `agent charge ${VAULT_TOKEN}: edge answered 400 cvc_unavailable`,
      `agent charge ${VAULT_TOKEN}: processor answered 402 card_declined insufficient_funds`,
    ]);
  });

  it('refuses anything but a vault token and a payment without calling the edge', async () => {
    for (const change of [
      { vaultToken: 'tok_AbCdEfGhIjKlMnOpQrStUv' },
      { vaultToken: 'vt_../x' },
      { amount: 0 },
      { amount: 19.99 },
      { amount: '1999' },
      { currency: 'USD' },
      { checkout_session_id: '' },
      { checkout_session_id: 'csn_"}' },
      { checkout_session_id: 'csn_{{card.number}}' },
    ]) {
      assert.equal((await agentCharge({ ...CHARGE, ...change })).status, 400, JSON.stringify(change));
    }
    assert.equal(parseAgentCharge(null), null);
    assert.equal((await agentCharge('{oops')).status, 400);
    assert.equal((await fetch(`${merchantUrl}/api/agent-charge`)).status, 405);
    assert.deepEqual(forwards, []);
  });

  it('answers 503 when no processor is configured', async () => {
    const bare = createMerchantServer({
      edge: `http://127.0.0.1:${portOf(edge)}`,
      secretKey: 'sk_test_unit',
      log: () => {},
    });
    const url = await listen(bare);
    try {
      assert.equal((await agentCharge(CHARGE, url)).status, 503);
      assert.deepEqual(forwards, []);
    } finally {
      await close(bare);
    }
  });
});
