// A stand-in card processor for the demo, reached only through the edge's POST /v1/forward: the merchant server
// never sends it a card, the edge fills the card in. It checks what a processor would (presence, Luhn, expiry,
// amount), answers like one, and echoes the number back so the edge's masking is exercised for real. The usual
// processor test cards decline (server/mock-processor-declines.mjs), with an answer that never holds the number.
// Logs only the last four digits. `GET /charges/:id` tells tests what an accepted charge carried (never the number
// or the code themselves), and `GET /charges?reference=…` which accepted charges carried that optional `reference`
// (the merchant's own id for the payment, e.g. an agent's checkout session).
// Run alone: `node server/mock-processor.mjs` (TESSERA_PROCESSOR_PORT, default 4243).
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { declineFor } from './mock-processor-declines.mjs';

const MAX_BODY_BYTES = 8192;
const CHARGE_PATH = /^\/charges\/(ch_[a-z]{16})$/;
const REFERENCE = /^[\w-]{1,256}$/;

/**
 * @typedef {{ number: string, expMonth: number, expYear: number, cvc?: string, amount: number, currency: string, reference?: string }} ChargeRequest
 * @typedef {{ id: string, status: 'succeeded', amount: number, currency: string, reference?: string, card: { number: string, last4: string } }} Charge
 * @typedef {{ id: string, amount: number, currency: string, reference?: string, card: { bin: string, last4: string, length: number, luhnValid: boolean, expMonth: number, expYear: number, cvc: { present: boolean, length: number } } }} ChargeReceipt
 * @typedef {{ error: { type: 'invalid_request_error', code: string, message: string } }} RequestError
 * @typedef {{ error: { type: 'card_error', code: string, decline_code: string, message: string } }} CardError
 */

/** @param {string} digits */
export function luhnValid(digits) {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Letters only, so a charge id can never look like part of a card number or code. */
const chargeId = () => `ch_${Array.from(randomBytes(16), (b) => String.fromCharCode(97 + (b % 26))).join('')}`;

/** @param {string} code @param {string} message @returns {RequestError} */
const requestError = (code, message) => ({ error: { type: 'invalid_request_error', code, message } });

/**
 * A card the processor will not charge. HTTP 402 for every one of them, `processing_error` included, as Stripe does:
 * the request was valid and the processor answered it; only this card, this time, did not go through. A 5xx would
 * say the processor itself failed and the outcome is unknown, which HTTP clients and proxies meet with retries, the
 * one thing a charge must not get blindly. The answer names the card only by what the shopper may read.
 * @param {string} code @param {string} declineCode @param {string} message
 * @returns {{ status: 402, body: CardError }}
 */
const cardError = (code, declineCode, message) => ({
  status: 402,
  body: { error: { type: 'card_error', code, decline_code: declineCode, message } },
});

/**
 * Checks a charge: the answer (status and body) a processor would give.
 * @param {unknown} value
 * @param {Date} now
 * @returns {{ status: number, body: Charge | RequestError | CardError }}
 */
export function charge(value, now = new Date()) {
  const fail = (/** @type {string} */ message) => ({ status: 400, body: requestError('invalid_request', message) });
  if (typeof value !== 'object' || value === null) return fail('Expected a JSON object.');
  const fields = /** @type {Record<string, unknown>} */ (value);
  const { number, expMonth, expYear, cvc, amount, currency, reference } = fields;
  if (typeof number !== 'string' || !/^\d{12,19}$/.test(number)) return fail('number: 12-19 digits.');
  if (!Number.isInteger(expMonth) || !Number.isInteger(expYear)) return fail('expMonth and expYear: integers.');
  if (cvc !== undefined && (typeof cvc !== 'string' || !/^\d{3,4}$/.test(cvc))) return fail('cvc: 3 or 4 digits.');
  if (!Number.isInteger(amount) || /** @type {number} */ (amount) <= 0) {
    return fail('amount: a positive integer (minor units).');
  }
  if (typeof currency !== 'string' || !/^[a-z]{3}$/.test(currency)) return fail('currency: three lower-case letters.');
  if (reference !== undefined && (typeof reference !== 'string' || !REFERENCE.test(reference))) {
    return fail('reference: 1-256 letters, digits, _ or -.');
  }
  if (!luhnValid(number)) return cardError('incorrect_number', 'incorrect_number', 'Your card number is incorrect.');
  const month = /** @type {number} */ (expMonth);
  const year = /** @type {number} */ (expYear);
  if (month < 1 || month > 12 || year * 12 + month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) {
    return cardError('expired_card', 'expired_card', 'Your card has expired.');
  }
  const decline = declineFor(number);
  if (decline) return cardError(decline.code, decline.declineCode, decline.message);
  return {
    status: 200,
    body: {
      id: chargeId(),
      status: 'succeeded',
      amount: /** @type {number} */ (amount),
      currency,
      ...(reference === undefined ? {} : { reference }),
      card: { number, last4: number.slice(-4) },
    },
  };
}

/**
 * What the processor received for an accepted charge, as much as a receipt may show: the number's first six and
 * last four digits, its length and whether it passed Luhn, and only whether a security code came and how long it
 * was. Tests ask for it to prove the edge filled in the real card; nothing here is a card number or a code.
 * @param {Charge} accepted
 * @param {ChargeRequest} request
 * @returns {ChargeReceipt}
 */
export function chargeReceipt(accepted, request) {
  const { number, expMonth, expYear, cvc } = request;
  return {
    id: accepted.id,
    amount: accepted.amount,
    currency: accepted.currency,
    ...(accepted.reference === undefined ? {} : { reference: accepted.reference }),
    card: {
      bin: number.slice(0, 6),
      last4: number.slice(-4),
      length: number.length,
      luhnValid: luhnValid(number),
      expMonth,
      expYear,
      cvc: { present: cvc !== undefined, length: cvc?.length ?? 0 },
    },
  };
}

/**
 * Creates (does not start) the mock processor. It keeps the receipts of the last `keep` accepted charges.
 * @param {{ log?: (line: string) => void, keep?: number }} [options]
 */
export function createMockProcessor({ log = (line) => console.log(line), keep = 100 } = {}) {
  /** @type {Map<string, ChargeReceipt>} */
  const receipts = new Map();
  return createServer(async (request, response) => {
    const send = (/** @type {number} */ status, /** @type {unknown} */ body) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    const { pathname, searchParams } = new URL(request.url ?? '/', 'http://processor.invalid');
    if (pathname === '/healthz') return send(200, { ok: true });
    if (pathname === '/charges') {
      if (request.method !== 'GET') return send(405, requestError('method_not_allowed', 'Use GET.'));
      const reference = searchParams.get('reference') ?? '';
      if (!REFERENCE.test(reference)) return send(400, requestError('invalid_request', 'Expected ?reference=….'));
      const data = [...receipts.values()].filter((receipt) => receipt.reference === reference);
      return send(200, { object: 'list', data });
    }
    const receiptOf = CHARGE_PATH.exec(pathname);
    if (receiptOf) {
      if (request.method !== 'GET') return send(405, requestError('method_not_allowed', 'Use GET.'));
      const receipt = receipts.get(receiptOf[1] ?? '');
      return receipt ? send(200, receipt) : send(404, requestError('not_found', 'No such charge.'));
    }
    if (pathname !== '/charge') return send(404, requestError('not_found', 'No such route.'));
    if (request.method !== 'POST') return send(405, requestError('method_not_allowed', 'Use POST.'));
    const chunks = [];
    let size = 0;
    for await (const chunk of request) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return send(413, requestError('payload_too_large', 'Too large.'));
      chunks.push(chunk);
    }
    let value;
    try {
      value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return send(400, requestError('invalid_json', 'The body is not valid JSON.'));
    }
    const answer = charge(value);
    if (answer.status === 200 && 'id' in answer.body) {
      receipts.set(answer.body.id, chargeReceipt(answer.body, /** @type {ChargeRequest} */ (value)));
      if (receipts.size > keep) receipts.delete(receipts.keys().next().value ?? '');
      log(`charge ${answer.body.id} succeeded: card ending ${answer.body.card.last4}`);
    } else {
      log(`charge refused: ${answer.status} ${'error' in answer.body ? answer.body.error.code : ''}`);
    }
    send(answer.status, answer.body);
  });
}

/**
 * Starts the mock processor on 127.0.0.1 (port TESSERA_PROCESSOR_PORT, default 4243).
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<{ server: import('node:http').Server, url: string }>}
 */
export async function startMockProcessor(env = process.env) {
  const port = Number(env.TESSERA_PROCESSOR_PORT || 4243);
  const server = createMockProcessor();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const url = `http://127.0.0.1:${port}`;
  console.log(
    `mock processor: ${url} (POST /charge, reached through the edge's /v1/forward; GET /charges/:id for tests)`,
  );
  return { server, url };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { server } = await startMockProcessor();
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
}
