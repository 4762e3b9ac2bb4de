// The demo shop's own server. It holds the secret key and receives tokens, never cards.
//   POST /api/pay    { token }  the checkout page's call: reads the token's masked card from the edge.
//   POST /api/charge { token }  charges the card at the processor through the edge's POST /v1/forward: the edge
//                               fills the card into the request and masks the processor's answer, so this server
//                               never holds a card either. The first charge of a token uses (and so erases) its CVC.
//                               A decline answers 402 { error: { code, declineCode, message } } (processorRefusal).
// Run alone: `node server/merchant-server.mjs` (port TESSERA_MERCHANT_PORT, default 4242; /api/charge needs
// TESSERA_PROCESSOR_URL, which server/start.mjs sets to the mock processor).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {import('@tessera/protocol').CardSummary} CardSummary
 * @typedef {import('@tessera/protocol').TokenObject} TokenObject
 * @typedef {{ code: string, message: string, declineCode?: string }} Failure
 * @typedef {{ token: string, card: CardSummary, charge?: { id: string, status: string } } | { error: Failure }} PayResponse
 * @typedef {{ edge: string, secretKey: string, processor?: string, log?: (line: string) => void }} MerchantServerOptions
 */

const TOKEN_ID = /^tok_[\w-]{1,128}$/;
const MAX_BODY_BYTES = 4096;
const EDGE_TIMEOUT_MS = 10_000;
/** What the demo shop charges, in minor units. */
export const DEMO_AMOUNT = { amount: 1999, currency: 'usd' };

/**
 * The charge request the edge sends to the processor, with the card filled in by the edge. The placeholders
 * stand inside JSON strings where the value is a string; the CVC only while the token still has one.
 * @param {boolean} withCvc
 */
export function chargeTemplate(withCvc) {
  const cvc = withCvc ? ',"cvc":"{{card.cvc}}"' : '';
  const { amount, currency } = DEMO_AMOUNT;
  return `{"number":"{{card.number}}","expMonth":{{card.expMonth}},"expYear":{{card.expYear}}${cvc},"amount":${amount},"currency":"${currency}"}`;
}

/**
 * Creates (does not start) the merchant server.
 * @param {MerchantServerOptions} options
 */
export function createMerchantServer({ edge, secretKey, processor = '', log = (line) => console.log(line) }) {
  return createServer((request, response) => {
    handle(request, { edge, secretKey, processor, log }).then(
      ({ status, body }) => send(response, status, body),
      () => send(response, 500, failure('internal_error', 'The shop server failed.')),
    );
  });
}

/**
 * @param {import('node:http').IncomingMessage} request
 * @param {Required<MerchantServerOptions>} options
 * @returns {Promise<{ status: number, body: unknown }>}
 */
async function handle(request, { edge, secretKey, processor, log }) {
  const { pathname } = new URL(request.url ?? '/', 'http://merchant.invalid');
  if (pathname === '/healthz') return { status: 200, body: { ok: true } };
  if (pathname !== '/api/pay' && pathname !== '/api/charge') {
    return { status: 404, body: failure('not_found', 'No such route.') };
  }
  if (request.method !== 'POST') return { status: 405, body: failure('method_not_allowed', 'Use POST.') };

  const body = await readJson(request);
  if (!body.ok) return { status: body.status, body: failure(body.code, body.message) };
  const token = /** @type {{ token?: unknown }} */ (body.value)?.token;
  if (typeof token !== 'string' || !TOKEN_ID.test(token)) {
    return { status: 400, body: failure('invalid_request', 'Expected { "token": "tok_…" }.') };
  }

  let answer;
  try {
    answer = await fetch(`${edge}/v1/tokens/${token}`, {
      headers: { authorization: `Bearer ${secretKey}`, accept: 'application/json' },
      signal: AbortSignal.timeout(EDGE_TIMEOUT_MS),
    });
  } catch {
    log(`pay ${token}: edge unreachable at ${edge}`);
    return { status: 502, body: failure('edge_unreachable', 'The payment service could not be reached.') };
  }
  const data = /** @type {Record<string, unknown> | null} */ (await answer.json().catch(() => null));
  if (!answer.ok) {
    // Pass the edge's stable problem code on; its title is a fixed message that never carries card data.
    const code = typeof data?.code === 'string' ? data.code : 'edge_error';
    const message = typeof data?.title === 'string' ? data.title : `The payment service answered ${answer.status}.`;
    log(`pay ${token}: edge answered ${answer.status} ${code}`);
    return { status: answer.status >= 500 ? 502 : answer.status, body: failure(code, message) };
  }
  if (!isTokenObject(data)) {
    log(`pay ${token}: unexpected answer from the edge`);
    return { status: 502, body: failure('edge_error', 'The payment service sent an unexpected answer.') };
  }
  const { brand, last4, expMonth, expYear } = data.card;
  /** @type {PayResponse} */
  const paid = { token: data.id, card: { brand, last4, expMonth, expYear } };
  if (pathname === '/api/pay') {
    log(`paid ${data.id} ${brand} ${last4}`);
    return { status: 200, body: paid };
  }
  if (!processor) {
    return { status: 503, body: failure('processor_not_configured', 'No processor is configured to charge.') };
  }
  const charged = await chargeThroughEdge({ edge, secretKey, processor, log }, data);
  if ('error' in charged) return { status: charged.status, body: { error: charged.error } };
  log(`charged ${data.id} ${brand} ${last4} ${charged.charge.id}`);
  return { status: 200, body: { ...paid, charge: charged.charge } };
}

/**
 * Charges a token's card at the processor through the edge: the edge fills in the card, sends the request, and
 * answers with the processor's reply, card number masked. The request asks for the CVC; when the edge answers
 * `cvc_unavailable` (the token never had one, or its hour passed) nothing was sent, and the charge is made without
 * it. Each variant has its own Idempotency-Key and always the same bytes, so a retried payment of the same token
 * returns the first charge instead of charging twice, even after the first charge erased the CVC.
 * @param {Required<MerchantServerOptions>} options
 * @param {TokenObject} token
 * @returns {Promise<{ charge: { id: string, status: string } } | { status: number, error: Failure }>}
 */
async function chargeThroughEdge(options, token) {
  const withCvc = await forwardCharge(options, token, true);
  if (!('error' in withCvc) || withCvc.error.code !== 'cvc_unavailable') return withCvc;
  return forwardCharge(options, token, false);
}

/**
 * @param {Required<MerchantServerOptions>} options
 * @param {TokenObject} token
 * @param {boolean} withCvc
 * @returns {Promise<{ charge: { id: string, status: string } } | { status: number, error: Failure }>}
 */
async function forwardCharge({ edge, secretKey, processor, log }, token, withCvc) {
  const body = {
    token: token.id,
    request: {
      url: `${processor}/charge`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chargeTemplate(withCvc),
    },
  };
  let answer;
  try {
    answer = await fetch(`${edge}/v1/forward`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${secretKey}`,
        'content-type': 'application/json',
        'idempotency-key': `charge-${token.id}${withCvc ? '' : '-without-cvc'}`,
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(EDGE_TIMEOUT_MS + 5_000),
    });
  } catch {
    log(`charge ${token.id}: edge unreachable at ${edge}`);
    return { status: 502, error: { code: 'edge_unreachable', message: 'The payment service could not be reached.' } };
  }
  const data = /** @type {Record<string, unknown> | null} */ (await answer.json().catch(() => null));
  if (!answer.ok) {
    const code = typeof data?.code === 'string' ? data.code : 'edge_error';
    const message = typeof data?.title === 'string' ? data.title : `The payment service answered ${answer.status}.`;
    log(`charge ${token.id}: edge answered ${answer.status} ${code}`);
    return { status: answer.status >= 500 ? 502 : answer.status, error: { code, message } };
  }
  const processed = typeof data?.body === 'string' ? parseJson(data.body) : null;
  if (data?.status === 200 && typeof processed?.id === 'string') {
    return { charge: { id: processed.id, status: String(processed.status) } };
  }
  const refused = processorRefusal(data?.status, processed);
  const { code, declineCode = '' } = refused.error;
  log(`charge ${token.id}: processor answered ${String(data?.status)} ${code} ${declineCode}`.trimEnd());
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

/** @param {string} text @returns {any} */
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The token object, enough of it to read the masked card (protocol's `isTokenObject`, for plain Node).
 * @param {unknown} value
 * @returns {value is TokenObject}
 */
function isTokenObject(value) {
  if (typeof value !== 'object' || value === null) return false;
  const { id, card } = /** @type {{ id?: unknown, card?: Record<string, unknown> }} */ (value);
  return (
    typeof id === 'string' &&
    typeof card === 'object' &&
    card !== null &&
    typeof card.brand === 'string' &&
    typeof card.last4 === 'string' &&
    /^\d{4}$/.test(card.last4) &&
    Number.isInteger(card.expMonth) &&
    Number.isInteger(card.expYear)
  );
}

/**
 * @param {import('node:http').IncomingMessage} request
 * @returns {Promise<{ ok: true, value: unknown } | { ok: false, status: number, code: string, message: string }>}
 */
async function readJson(request) {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    return { ok: false, status: 415, code: 'unsupported_media_type', message: 'Send application/json.' };
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, code: 'payload_too_large', message: 'Too large.' };
    chunks.push(chunk);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, code: 'invalid_json', message: 'The body is not valid JSON.' };
  }
}

/** @param {string} code @param {string} message */
function failure(code, message) {
  return { error: { code, message } };
}

/** @param {import('node:http').ServerResponse} response @param {number} status @param {unknown} body */
function send(response, status, body) {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

/**
 * Starts the merchant server on 127.0.0.1 with settings from the environment.
 * @param {Record<string, string | undefined>} env
 * @returns {Promise<{ server: import('node:http').Server, url: string }>}
 */
export async function startMerchantServer(env = process.env) {
  const port = Number(env.TESSERA_MERCHANT_PORT || 4242);
  const edge = (env.TESSERA_EDGE || 'http://127.0.0.1:8787').replace(/\/+$/, '');
  const processor = (env.TESSERA_PROCESSOR_URL || '').replace(/\/+$/, '');
  const server = createMerchantServer({ edge, processor, secretKey: env.TESSERA_DEMO_SK || 'sk_test_demo_local' });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const url = `http://127.0.0.1:${port}`;
  console.log(
    `merchant server: ${url} (edge ${edge}${processor ? `, charging at ${processor} through the edge` : ''})`,
  );
  return { server, url };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { server } = await startMerchantServer();
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
}
