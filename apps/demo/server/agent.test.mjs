// The demo's agent script (server/agent.mjs) against a stand-in edge and a stand-in merchant server: the
// delegate_payment request it makes (headers and ACP body), what it prints, and the charge it asks for. The real
// exchange, with the edge, the merchant server and the mock processor, is e2e/tests/agent.spec.ts.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ALLOWANCE_SECONDS, API_VERSION, delegateRequest, runAgent } from './agent.mjs';
import { close, freePort, listen, portOf } from './test-helpers.mjs';

const VISA = ['4242', '4242', '4242', '4242'].join('');
const VAULT_TOKEN = 'vt_AbCdEfGhIjKlMnOpQrStUv';

/** @typedef {{ url: string | undefined, headers: import('node:http').IncomingHttpHeaders, body: any }} Received */
/** @param {Received[]} into @param {() => { status: number, body: unknown }} answer */
const standIn = (into, answer) =>
  createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    into.push({ url: request.url, headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    const { status, body } = answer();
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  });

/** @type {Received[]} */
const delegations = [];
/** @type {Received[]} */
const charges = [];
const delegated = () => ({ status: 201, body: { id: VAULT_TOKEN, created: '2026-11-30T07:00:00Z', metadata: {} } });
const charged = () => ({ status: 200, body: { vaultToken: VAULT_TOKEN, charge: { id: 'ch_x', status: 'ok' } } });
/** @type {() => { status: number, body: unknown }} */
let edgeAnswer = delegated;
/** @type {() => { status: number, body: unknown }} */
let merchantAnswer = charged;
const edge = standIn(delegations, () => edgeAnswer());
const merchant = standIn(charges, () => merchantAnswer());
/** @type {Record<string, string>} */
let env = {};

before(async () => {
  await listen(merchant);
  env = { TESSERA_EDGE: `${await listen(edge)}/`, TESSERA_AGENT_KEY: 'ak_test_unit', TESSERA_MERCHANT_PORT: '' };
  env.TESSERA_MERCHANT_PORT = String(portOf(merchant));
});
after(async () => {
  await close(edge);
  await close(merchant);
});
beforeEach(() => {
  delegations.length = 0;
  charges.length = 0;
  edgeAnswer = delegated;
  merchantAnswer = charged;
});

/** @param {string[]} args */
async function run(args) {
  /** @type {string[]} */
  const lines = [];
  const code = await runAgent(args, env, (line) => lines.push(line));
  return { code, lines, text: lines.join('\n') };
}

describe('the agent script', () => {
  it('delegates the test Visa for merchant demo as ACP asks, prints the vault token and its allowance', async () => {
    const before = Date.now();
    const { code, lines, text } = await run([]);
    assert.equal(code, 0);
    assert.equal(delegations.length, 1);
    const [sent] = delegations;
    assert.equal(sent?.url, '/agentic_commerce/delegate_payment');
    assert.equal(sent?.headers.authorization, 'Bearer ak_test_unit');
    assert.equal(sent?.headers['api-version'], API_VERSION);
    assert.equal(sent?.headers['content-type'], 'application/json');
    assert.match(String(sent?.headers['idempotency-key']), /^demo-agent-[\w-]{36}$/);
    const { payment_method, allowance, risk_signals, metadata } = sent?.body ?? {};
    assert.deepEqual(payment_method, {
      type: 'card',
      card_number_type: 'fpan',
      number: VISA,
      exp_month: '12',
      exp_year: String(new Date().getUTCFullYear() + 3),
      cvc: '123',
      display_card_funding_type: 'credit',
      display_last4: '4242',
      metadata: {},
    });
    assert.deepEqual(risk_signals, []);
    assert.deepEqual(metadata, { source: 'tessera-demo-agent' });
    assert.equal(allowance.reason, 'one_time');
    assert.equal(allowance.max_amount, 1999);
    assert.equal(allowance.currency, 'usd');
    assert.equal(allowance.merchant_id, 'demo');
    assert.match(allowance.checkout_session_id, /^csn_[\w-]{36}$/);
    const expires = Date.parse(allowance.expires_at);
    assert.ok(expires >= before + ALLOWANCE_SECONDS * 1000 && expires <= Date.now() + ALLOWANCE_SECONDS * 1000);

    assert.equal(lines[1], `vault token: ${VAULT_TOKEN}`);
    assert.equal(lines[2], `allowance:   ${JSON.stringify(allowance)}`);
    const charge = {
      vaultToken: VAULT_TOKEN,
      amount: 1999,
      currency: 'usd',
      checkout_session_id: allowance.checkout_session_id,
    };
    assert.ok(text.includes(`/api/agent-charge -H 'content-type: application/json' -d '${JSON.stringify(charge)}'`));
    assert.ok(!text.includes(VISA.slice(0, 12)), 'the card is printed as its last four digits only');
    assert.deepEqual(charges, []);
  });

  it('makes a fresh checkout session, and Idempotency-Key, each time', async () => {
    await run([]);
    await run([]);
    const [a, b] = delegations;
    assert.notEqual(a?.body.allowance.checkout_session_id, b?.body.allowance.checkout_session_id);
    assert.notEqual(a?.headers['idempotency-key'], b?.headers['idempotency-key']);
  });

  it('with --charge, asks the merchant server to charge what the allowance covers', async () => {
    const { code, lines } = await run(['--', '--charge', '--amount', '4200']);
    assert.equal(code, 0);
    const allowance = delegations[0]?.body.allowance;
    assert.equal(allowance.max_amount, 4200);
    assert.deepEqual(
      charges.map((c) => [c.url, c.body]),
      [
        [
          '/api/agent-charge',
          {
            vaultToken: VAULT_TOKEN,
            amount: 4200,
            currency: 'usd',
            checkout_session_id: allowance.checkout_session_id,
          },
        ],
      ],
    );
    assert.equal(lines.at(-1), `merchant server charged it: 200 ${JSON.stringify(merchantAnswer().body)}`);
  });

  it('with --json, prints one document; a refused charge exits 1', async () => {
    merchantAnswer = () => ({ status: 409, body: { error: { code: 'vault_token_consumed', message: 'Spent.' } } });
    const { code, lines } = await run(['--charge', '--json']);
    assert.equal(code, 1);
    assert.equal(lines.length, 1);
    const printed = JSON.parse(lines[0] ?? '');
    assert.deepEqual(printed, {
      vaultToken: VAULT_TOKEN,
      created: '2026-11-30T07:00:00Z',
      allowance: delegations[0]?.body.allowance,
      charge: { status: 409, body: { error: { code: 'vault_token_consumed', message: 'Spent.' } } },
    });
  });

  it("prints the edge's refusal and exits 1, without asking for a charge", async () => {
    const refusal = {
      type: 'invalid_request',
      code: 'invalid_allowance',
      message: 'No.',
      param: 'allowance.merchant_id',
    };
    edgeAnswer = () => ({ status: 422, body: refusal });
    const { code, lines } = await run(['--charge']);
    assert.equal(code, 1);
    assert.deepEqual(lines, [`delegate_payment refused: 422 ${JSON.stringify(refusal)}`]);
    assert.deepEqual(charges, []);
  });

  it('delegates another card with --card, and refuses bad arguments (exit 2) without calling anyone', async () => {
    const declining = ['4000', '0000', '0000', '9995'].join(' ');
    assert.equal((await run(['--card', declining])).code, 0);
    assert.equal(delegations[0]?.body.payment_method.number, declining.replaceAll(' ', ''));
    for (const args of [['--amount', '0'], ['--amount', '12.5'], ['--card', '4242'], ['--nope'], ['extra']]) {
      assert.equal((await run(args)).code, 2, args.join(' '));
    }
    assert.equal(delegations.length, 1);
  });

  it('says which server did not answer', async () => {
    const edge = `http://127.0.0.1:${await freePort()}`;
    await assert.rejects(
      runAgent([], { ...env, TESSERA_EDGE: edge }, () => {}),
      {
        message: new RegExp(
          `^nothing answered at ${edge}/agentic_commerce/delegate_payment \\(.+\\); is the demo running`,
        ),
      },
    );
  });

  it('builds the allowance from the clock it is given', () => {
    const now = new Date('2026-11-30T07:00:00Z');
    const body = delegateRequest({ card: VISA, amount: 500, now, checkoutSessionId: 'csn_fixed' });
    assert.deepEqual(body.allowance, {
      reason: 'one_time',
      max_amount: 500,
      currency: 'usd',
      checkout_session_id: 'csn_fixed',
      merchant_id: 'demo',
      expires_at: '2026-11-30T08:00:00.000Z',
    });
    assert.equal(body.payment_method.exp_year, '2029');
  });
});
