// The charge the demo shop makes: a request to the processor that the edge sends with the card filled in
// (POST /v1/forward through @tessera/node), and what the checkout page is told when the processor does not charge.
import { edgeRefusal } from './edge-refusal.mjs';

/**
 * @typedef {import('@tessera/node').Tessera} Tessera
 * @typedef {import('@tessera/node').TokenObject} TokenObject
 * @typedef {import('./edge-refusal.mjs').Failure} Failure
 * @typedef {{ tessera: Tessera, edge: string, processor: string, log: (line: string) => void }} ChargeContext
 * @typedef {{ charge: { id: string, status: string } } | { status: number, error: Failure }} Charged
 */

/** What the demo shop charges, in minor units. */
export const DEMO_AMOUNT = { amount: 1999, currency: 'usd' };

/**
 * The card's members of a charge request, which the edge fills in. The placeholders stand inside JSON strings where
 * the value is a string; the CVC only while the token still has one.
 * @param {boolean} withCvc
 */
export function cardMembers(withCvc) {
  const cvc = withCvc ? ',"cvc":"{{card.cvc}}"' : '';
  return `"number":"{{card.number}}","expMonth":{{card.expMonth}},"expYear":{{card.expYear}}${cvc}`;
}

/**
 * The charge request the edge sends to the processor, with the card filled in by the edge.
 * @param {boolean} withCvc
 */
export function chargeTemplate(withCvc) {
  const { amount, currency } = DEMO_AMOUNT;
  return `{${cardMembers(withCvc)},"amount":${amount},"currency":"${currency}"}`;
}

/**
 * Charges a token's card at the processor through the edge: the edge fills in the card, sends the request, and
 * answers with the processor's reply, card number masked. The request asks for the CVC; when the edge answers
 * `cvc_unavailable` (the token never had one, or its hour passed) nothing was sent, and the charge is made without
 * it. Each variant has its own Idempotency-Key and always the same bytes, so a retried payment of the same token
 * returns the first charge instead of charging twice, even after the first charge erased the CVC.
 * @param {ChargeContext} context
 * @param {TokenObject} token
 * @returns {Promise<Charged>}
 */
export async function chargeThroughEdge(context, token) {
  const withCvc = await forwardCharge(context, token, true);
  if (!('error' in withCvc) || withCvc.error.code !== 'cvc_unavailable') return withCvc;
  return forwardCharge(context, token, false);
}

/**
 * @param {ChargeContext} context
 * @param {TokenObject} token
 * @param {boolean} withCvc
 * @returns {Promise<Charged>}
 */
async function forwardCharge({ tessera, edge, processor, log }, token, withCvc) {
  const request = {
    url: `${processor}/charge`,
    method: /** @type {const} */ ('POST'),
    headers: { 'content-type': 'application/json' },
    body: chargeTemplate(withCvc),
  };
  let answer;
  try {
    answer = await tessera.forward(
      { token: token.id, request },
      { idempotencyKey: `charge-${token.id}${withCvc ? '' : '-without-cvc'}` },
    );
  } catch (error) {
    const refused = edgeRefusal(error, edge);
    log(`charge ${token.id}: ${refused.why}`);
    return { status: refused.status, error: refused.error };
  }
  const processed = parseJson(answer.body);
  if (answer.status === 200 && typeof processed?.id === 'string') {
    return { charge: { id: processed.id, status: String(processed.status) } };
  }
  const refused = processorRefusal(answer.status, processed);
  const { code, declineCode = '' } = refused.error;
  log(`charge ${token.id}: processor answered ${answer.status} ${code} ${declineCode}`.trimEnd());
  return refused;
}

/** A code the page may switch on: the processor's own, if it looks like one. */
const CODE = /^[a-z][a-z0-9_]{0,63}$/;
/** A run of digits as long as a card number's: never shown, whosever it is (the edge masks only this card's). */
const LONG_DIGIT_RUN = /\d(?:[\s.-]?\d){11}/;

/**
 * What the checkout page is told when the processor did not charge. A decline (HTTP 402, as processors answer
 * one) keeps the processor's stable codes and its message for the shopper: `code` says what kind of failure
 * (`card_declined`, `expired_card`, `incorrect_cvc`, `processing_error`, …) and `declineCode` the issuer's reason
 * (`insufficient_funds`, `lost_card`, …). Anything else the processor answered is its failure, not the card's:
 * 502. A message that is not short plain text, or holds a long run of digits, is replaced by a fixed one.
 * @param {unknown} status the processor's HTTP status, as the edge passed it on
 * @param {any} answer the processor's body, parsed, or null
 * @returns {{ status: number, error: Failure }}
 */
export function processorRefusal(status, answer) {
  if (status !== 402) {
    return {
      status: 502,
      error: { code: 'processor_error', message: 'The card processor could not take the payment. Please try again.' },
    };
  }
  const told = typeof answer?.error === 'object' && answer.error !== null ? answer.error : {};
  const code = typeof told.code === 'string' && CODE.test(told.code) ? told.code : 'card_declined';
  const declineCode = typeof told.decline_code === 'string' && CODE.test(told.decline_code) ? told.decline_code : code;
  const message =
    typeof told.message === 'string' &&
    told.message.length <= 200 &&
    /^[\p{L}\p{N}\p{P}\p{Zs}*]+$/u.test(told.message) &&
    !LONG_DIGIT_RUN.test(told.message)
      ? told.message
      : 'Your card was declined.';
  return { status: 402, error: { code, declineCode, message } };
}

/** The processor's body, parsed, or null when it is not JSON. @param {string} text @returns {any} */
export function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
