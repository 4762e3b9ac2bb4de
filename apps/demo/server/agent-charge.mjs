// The demo shop charging an agent's vault token (agent commerce, `POST /api/agent-charge`). An agent platform
// delegated a card to the edge under an allowance (one payment, at most this amount, in this currency, for this
// checkout session, until then) and handed the shop the vault token, vt_…. The shop charges it as it charges a tok_…:
// through the edge's POST /v1/forward with its secret key, so it never holds the card. It also names the payment;
// the edge checks it against the allowance, fills the checked amount and currency into the processor's request with
// the card, and spends the token when the processor answers 2xx. Any later charge is refused: 409
// vault_token_consumed.
import { cardMembers, parseJson, processorRefusal } from './charge.mjs';
import { edgeRefusal } from './edge-refusal.mjs';
import { failure, readJson } from './http-io.mjs';

/**
 * @typedef {import('./charge.mjs').ChargeContext} ChargeContext
 * @typedef {import('./edge-refusal.mjs').Failure} Failure
 * @typedef {import('./http-io.mjs').Answer} Answer
 * @typedef {{ amount: number, currency: string, checkout_session_id: string }} Payment
 * @typedef {{ vaultToken: string, payment: Payment }} AgentCharge
 * @typedef {{ id: string, status: string, amount: number, currency: string }} AgentChargeResult
 * @typedef {{ charge: AgentChargeResult } | { status: number, error: Failure }} AgentCharged
 */

const VAULT_TOKEN_ID = /^vt_[\w-]{1,128}$/;
const CURRENCY = /^[a-z]{3}$/;
/** A checkout session id that goes into the processor's request, as its reference, without escaping. */
const CHECKOUT_SESSION_ID = /^[\w-]{1,256}$/;
const MAX_BODY_BYTES = 4096;

/**
 * What the shop tells its caller when the edge refuses a vault token's charge, in the shop's words; the edge's
 * code and status are kept. The edge checks these before it reads the card, so none of them charged anything.
 * @type {Readonly<Record<string, string>>}
 */
const VAULT_TOKEN_REFUSALS = Object.freeze({
  vault_token_consumed: 'This vault token has paid already; a vault token pays once.',
  vault_token_revoked: 'The agent platform revoked this vault token.',
  vault_token_expired: "This vault token's allowance has expired.",
  allowance_exceeded: 'The amount is more than the agent allowed.',
  allowance_currency_mismatch: 'The currency is not the one the agent allowed.',
  allowance_session_mismatch: 'The checkout session is not the one the agent allowed.',
  not_found: 'This shop has no such vault token.',
});

/**
 * `{ vaultToken, amount, currency, checkout_session_id }`, or null when it is not one. A real shop would take the
 * amount, currency and session from its own checkout session, not from its caller; the demo has none.
 * @param {unknown} value
 * @returns {AgentCharge | null}
 */
export function parseAgentCharge(value) {
  if (typeof value !== 'object' || value === null) return null;
  const { vaultToken, amount, currency, checkout_session_id } = /** @type {Record<string, unknown>} */ (value);
  if (typeof vaultToken !== 'string' || !VAULT_TOKEN_ID.test(vaultToken)) return null;
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 1) return null;
  if (typeof currency !== 'string' || !CURRENCY.test(currency)) return null;
  if (typeof checkout_session_id !== 'string' || !CHECKOUT_SESSION_ID.test(checkout_session_id)) return null;
  return { vaultToken, payment: { amount, currency, checkout_session_id } };
}

/**
 * The charge request the edge sends to the processor for a vault token. The amount and currency are placeholders,
 * as the edge requires, so the processor sees exactly what the edge checked against the allowance; the checkout
 * session goes along as the processor's `reference`, by which tests find the charge.
 * @param {boolean} withCvc
 * @param {string} reference a checkout session id (CHECKOUT_SESSION_ID)
 */
export function agentChargeTemplate(withCvc, reference) {
  const payment = '"amount":{{payment.amount}},"currency":"{{payment.currency}}"';
  return `{${cardMembers(withCvc)},${payment},"reference":${JSON.stringify(reference)}}`;
}

/**
 * `POST /api/agent-charge`: charges the vault token and answers `{ vaultToken, charge: { id, status, amount,
 * currency } }`, the amount and currency as the processor charged them. Refusals answer `{ error: { code, message } }`.
 * @param {import('node:http').IncomingMessage} request
 * @param {ChargeContext} context
 * @returns {Promise<Answer>}
 */
export async function agentCharge(request, context) {
  const body = await readJson(request, MAX_BODY_BYTES);
  if (!body.ok) return { status: body.status, body: failure(body.code, body.message) };
  const charge = parseAgentCharge(body.value);
  if (charge === null) {
    const expected = 'Expected { "vaultToken": "vt_…", "amount", "currency", "checkout_session_id" }.';
    return { status: 400, body: failure('invalid_request', expected) };
  }
  if (!context.processor) {
    return { status: 503, body: failure('processor_not_configured', 'No processor is configured to charge.') };
  }
  const charged = await chargeVaultToken(context, charge);
  if ('error' in charged) return { status: charged.status, body: { error: charged.error } };
  const { id, amount, currency } = charged.charge;
  context.log(`agent charge ${charge.vaultToken} ${id} ${amount} ${currency}`);
  return { status: 200, body: { vaultToken: charge.vaultToken, charge: charged.charge } };
}

/**
 * Charges a vault token at the processor through the edge. The request asks for the CVC; when the edge has none
 * (the agent sent none, or its hour passed while the allowance runs on) nothing was sent, and the charge is made
 * without it, as for a tok_… (charge.mjs).
 * @param {ChargeContext} context
 * @param {AgentCharge} charge
 * @returns {Promise<AgentCharged>}
 */
export async function chargeVaultToken(context, charge) {
  const withCvc = await forwardAgentCharge(context, charge, true);
  if (!('error' in withCvc) || withCvc.error.code !== 'cvc_unavailable') return withCvc;
  return forwardAgentCharge(context, charge, false);
}

/**
 * @param {ChargeContext} context
 * @param {AgentCharge} charge
 * @param {boolean} withCvc
 * @returns {Promise<AgentCharged>}
 */
async function forwardAgentCharge({ tessera, edge, processor, log }, { vaultToken, payment }, withCvc) {
  // @tessera/node's ForwardParams does not list `payment` yet; forward() sends its params to the edge as they are.
  /** @type {import('@tessera/node').ForwardParams & { payment: Payment }} */
  const params = {
    token: vaultToken,
    payment,
    request: {
      url: `${processor}/charge`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: agentChargeTemplate(withCvc, payment.checkout_session_id),
    },
  };
  let answer;
  try {
    // No Idempotency-Key of ours: the client makes one per call, which its own retries share, so a lost answer is
    // never charged twice; the edge spends the token once, so a second call is refused instead of replayed.
    answer = await tessera.forward(params);
  } catch (error) {
    const refused = edgeRefusal(error, edge);
    log(`agent charge ${vaultToken}: ${refused.why}`);
    const message = VAULT_TOKEN_REFUSALS[refused.error.code];
    return { status: refused.status, error: message === undefined ? refused.error : { ...refused.error, message } };
  }
  const processed = parseJson(answer.body);
  if (answer.status === 200 && typeof processed?.id === 'string') {
    const { id, status, amount, currency } = processed;
    return { charge: { id, status: String(status), amount: Number(amount), currency: String(currency) } };
  }
  const refused = processorRefusal(answer.status, processed);
  const { code, declineCode = '' } = refused.error;
  log(`agent charge ${vaultToken}: processor answered ${answer.status} ${code} ${declineCode}`.trimEnd());
  return refused;
}
