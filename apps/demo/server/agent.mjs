// An agent platform, for the demo (agent commerce, the Agentic Commerce Protocol's delegate_payment). It does what
// an AI agent's platform does once the shopper has said "buy it": it delegates the shopper's card to the edge under
// an allowance (one payment of at most this amount, in this currency, for this checkout session of merchant `demo`,
// for the next hour) and gets a vault token, vt_…, which it hands to the merchant instead of the card.
//
//   pnpm --filter @tessera/demo agent                    delegates the test Visa, prints the vt_ and its allowance
//   pnpm --filter @tessera/demo agent --charge           … then asks the demo's merchant server to charge it
//   pnpm --filter @tessera/demo agent --amount 4200      … for 42.00 usd (default 1999, i.e. 19.99)
//   pnpm --filter @tessera/demo agent --card <number>    … another card (the mock processor's declining test cards)
//   pnpm --filter @tessera/demo agent --json             one JSON document instead of lines, for scripts and tests
//
// Environment: TESSERA_EDGE (default http://127.0.0.1:8787), TESSERA_AGENT_KEY (default the local agent platform's
// ak_test_agent_local), TESSERA_MERCHANT_PORT (the merchant server, default 4242). Plain Node, no dependencies: an
// agent platform is not a merchant and has no @tessera/node. It prints the card only as its last four digits.
// Exits 0 when everything asked for succeeded, 1 when the edge or the merchant server refused, 2 on bad arguments.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The ACP version this agent speaks, sent as `API-Version`. */
export const API_VERSION = '2026-04-17';
export const LOCAL_AGENT_KEY = 'ak_test_agent_local';
/** The merchant whose checkout this agent pays: the demo's, which accepts the local agent platform. */
export const MERCHANT_ID = 'demo';
/** How long the allowance lasts; the edge refuses more than the merchant's maximum (7 days locally). */
export const ALLOWANCE_SECONDS = 3600;
/**
 * The test Visa that every processor sandbox charges, kept in parts as server/mock-processor-declines.mjs keeps its
 * cards, each too short to be one: no non-test source holds a whole card number (scripts/check-no-card-numbers.mjs).
 */
const TEST_VISA = { bin: '424242', rest: '4242424242' };

/**
 * @typedef {{ reason: 'one_time', max_amount: number, currency: string, checkout_session_id: string, merchant_id: string, expires_at: string }} Allowance
 * @typedef {{ payment_method: Record<string, unknown>, allowance: Allowance, risk_signals: unknown[], metadata: Record<string, string> }} DelegateRequest
 * @typedef {{ edge: string, key: string, merchantServer: string, amount: number, card: string, charge: boolean, json: boolean }} AgentOptions
 * @typedef {{ status: number, body: any }} Reply
 * @typedef {{ vaultToken: string, created: unknown, allowance: Allowance, charge?: Reply }} Outcome
 */

/**
 * The delegate_payment body: the card, and an allowance of `amount` usd for a fresh checkout session of `demo`.
 * @param {{ card: string, amount: number, now?: Date, checkoutSessionId?: string }} options
 * @returns {DelegateRequest}
 */
export function delegateRequest({ card, amount, now = new Date(), checkoutSessionId = `csn_${randomUUID()}` }) {
  return {
    payment_method: {
      type: 'card',
      card_number_type: 'fpan',
      number: card,
      exp_month: '12',
      exp_year: String(now.getUTCFullYear() + 3),
      cvc: '123',
      display_card_funding_type: 'credit',
      display_last4: card.slice(-4),
      metadata: {},
    },
    allowance: {
      reason: 'one_time',
      max_amount: amount,
      currency: 'usd',
      checkout_session_id: checkoutSessionId,
      merchant_id: MERCHANT_ID,
      expires_at: new Date(now.getTime() + ALLOWANCE_SECONDS * 1000).toISOString(),
    },
    risk_signals: [],
    metadata: { source: 'tessera-demo-agent' },
  };
}

/**
 * `POST {edge}/agentic_commerce/delegate_payment` with the platform's key: 201 `{ id: 'vt_…', created, metadata }`,
 * or the spec's flat error `{ type, code, message, param? }`.
 * @param {string} edge @param {string} key @param {DelegateRequest} body
 * @returns {Promise<Reply>}
 */
export async function delegatePayment(edge, key, body) {
  return post(`${edge}/agentic_commerce/delegate_payment`, {
    headers: {
      Authorization: `Bearer ${key}`,
      'API-Version': API_VERSION,
      'Idempotency-Key': `demo-agent-${randomUUID()}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
}

/**
 * What the merchant server's `POST /api/agent-charge` is sent: the vault token and the payment its allowance covers.
 * @param {string} vaultToken @param {Allowance} allowance
 */
export function chargeRequest(vaultToken, { max_amount, currency, checkout_session_id }) {
  return { vaultToken, amount: max_amount, currency, checkout_session_id };
}

/**
 * Asks the demo's merchant server to charge the vault token.
 * @param {string} merchantServer @param {ReturnType<typeof chargeRequest>} request
 * @returns {Promise<Reply>}
 */
export async function askToCharge(merchantServer, request) {
  return post(`${merchantServer}/api/agent-charge`, {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
}

/**
 * A POST and its answer, the body parsed when it is JSON; throws an Error naming the URL when nothing answers.
 * @param {string} url @param {{ headers: Record<string, string>, body: string }} init
 * @returns {Promise<Reply>}
 */
async function post(url, { headers, body }) {
  let response;
  try {
    response = await fetch(url, { method: 'POST', headers, body });
  } catch (error) {
    const why = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new Error(`nothing answered at ${url} (${why}); is the demo running? (pnpm demo)`);
  }
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: text };
  }
}

/**
 * The options from the command line and the environment; throws a TypeError on a bad one.
 * @param {string[]} args
 * @param {Record<string, string | undefined>} env
 * @returns {AgentOptions}
 */
export function agentOptions(args, env) {
  const { values } = parseArgs({
    // `pnpm agent -- --charge` passes the `--` on.
    args: args[0] === '--' ? args.slice(1) : args,
    options: {
      charge: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      amount: { type: 'string', default: '1999' },
      card: { type: 'string' },
    },
    strict: true,
  });
  const amount = Number(values.amount);
  if (!/^\d{1,12}$/.test(values.amount) || amount < 1)
    throw new TypeError('--amount: a positive whole number of cents');
  const card = (values.card ?? `${TEST_VISA.bin}${TEST_VISA.rest}`).replace(/[\s-]/g, '');
  if (!/^\d{12,19}$/.test(card)) throw new TypeError('--card: 12 to 19 digits');
  return {
    edge: (env.TESSERA_EDGE || 'http://127.0.0.1:8787').replace(/\/+$/, ''),
    key: env.TESSERA_AGENT_KEY || LOCAL_AGENT_KEY,
    merchantServer: `http://127.0.0.1:${Number(env.TESSERA_MERCHANT_PORT || 4242)}`,
    amount,
    card,
    charge: values.charge,
    json: values.json,
  };
}

/**
 * Delegates the card, then (with `--charge`) has it charged; prints what happened. Answers the exit code.
 * @param {string[]} args
 * @param {Record<string, string | undefined>} env
 * @param {(line: string) => void} print
 * @returns {Promise<number>}
 */
export async function runAgent(args, env = process.env, print = (line) => console.log(line)) {
  /** @type {AgentOptions} */
  let options;
  try {
    options = agentOptions(args, env);
  } catch (error) {
    print(`agent: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const { edge, key, merchantServer, amount, card, json } = options;
  const body = delegateRequest({ card, amount });
  const delegated = await delegatePayment(edge, key, body);
  if (delegated.status !== 201 || typeof delegated.body?.id !== 'string') {
    print(json ? JSON.stringify({ delegate: delegated }) : `delegate_payment refused: ${oneLine(delegated)}`);
    return 1;
  }
  /** @type {Outcome} */
  const outcome = { vaultToken: delegated.body.id, created: delegated.body.created, allowance: body.allowance };
  const charge = chargeRequest(outcome.vaultToken, body.allowance);
  if (!json) {
    print(`delegated card •••• ${card.slice(-4)} to ${edge}/agentic_commerce/delegate_payment (201)`);
    print(`vault token: ${outcome.vaultToken}`);
    print(`allowance:   ${JSON.stringify(body.allowance)}`);
  }
  if (options.charge) outcome.charge = await askToCharge(merchantServer, charge);
  if (json) {
    print(JSON.stringify(outcome));
  } else if (outcome.charge) {
    print(`merchant server charged it: ${oneLine(outcome.charge)}`);
  } else {
    const curl = `curl -X POST ${merchantServer}/api/agent-charge -H 'content-type: application/json'`;
    print(`charge it:   ${curl} -d '${JSON.stringify(charge)}'`);
  }
  return outcome.charge === undefined || outcome.charge.status === 200 ? 0 : 1;
}

/** @param {Reply} reply */
const oneLine = ({ status, body }) => `${status} ${typeof body === 'string' ? body : JSON.stringify(body)}`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = await runAgent(process.argv.slice(2));
  } catch (error) {
    // The edge or the merchant server is not up.
    console.error(`agent: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}
