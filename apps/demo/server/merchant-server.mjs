// The demo shop's own server. It holds the secret key and receives tokens, never cards; it reaches the edge only
// through @tessera/node.
//   POST /api/pay    { token }  the checkout page's call: reads the token's masked card from the edge.
//   POST /api/charge { token }  charges the card at the processor through the edge's POST /v1/forward (charge.mjs):
//                               the edge fills the card into the request and masks the processor's answer, so this
//                               server never holds a card either. The first charge of a token uses (and so erases)
//                               its CVC. A decline answers 402 { error: { code, declineCode, message } }.
//   POST /api/agent-charge { vaultToken, amount, currency, checkout_session_id }
//                               charges an agent's vault token (vt_…) the same way, once (agent-charge.mjs).
//   POST /webhooks              the edge's deliveries: verified, deduplicated, kept by token (webhook-receiver.mjs).
//   GET  /api/webhooks?token=   the verified events of a token, for the checkout page.
//   GET  /healthz               up. GET /readyz: 200 once the webhook endpoint is registered, 503 until then.
// At start it registers http://127.0.0.1:<port>/webhooks at the edge (webhook-endpoint.mjs) and keeps the endpoint's
// secret in memory only. Run alone: `node --import ../../scripts/workspace-typescript.mjs server/merchant-server.mjs`
// (port TESSERA_MERCHANT_PORT, default 4242; the charges need TESSERA_PROCESSOR_URL, which server/start.mjs sets
// to the mock processor).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Tessera } from '@tessera/node';
import { agentCharge } from './agent-charge.mjs';
import { chargeThroughEdge } from './charge.mjs';
import { edgeRefusal } from './edge-refusal.mjs';
import { failure, readBody, readJson, send } from './http-io.mjs';
import { registerWebhookEndpoint } from './webhook-endpoint.mjs';
import { WebhookReceiver } from './webhook-receiver.mjs';

/**
 * @typedef {import('@tessera/protocol').CardSummary} CardSummary
 * @typedef {import('@tessera/node').TokenObject} TokenObject
 * @typedef {import('./http-io.mjs').Answer} Answer
 * @typedef {import('@tessera/node').WebhookEndpointWithSecret} WebhookEndpointWithSecret
 * @typedef {import('./edge-refusal.mjs').Failure} Failure
 * @typedef {{ token: string, card: CardSummary, charge?: { id: string, status: string } } | { error: Failure }} PayResponse
 * @typedef {(line: string) => void} Log
 * @typedef {{ edge: string, secretKey: string, processor?: string, log?: Log, webhooks?: WebhookReceiver }} MerchantServerOptions
 * @typedef {{ tessera: Tessera, edge: string, processor: string, log: Log, webhooks: WebhookReceiver }} Context
 */

const TOKEN_ID = /^tok_[\w-]{1,128}$/;
const MAX_BODY_BYTES = 4096;
const MAX_WEBHOOK_BYTES = 64 * 1024;
/** One attempt at the edge. The client tries twice more after a network failure, a timeout, a 429 or a 5xx. */
const EDGE_TIMEOUT_MS = 15_000;

/**
 * The client this server talks to the edge with.
 * @param {string} edge
 * @param {string} secretKey
 * @param {import('@tessera/node').TesseraOptions} [options]
 */
export function edgeClient(edge, secretKey, options = {}) {
  return new Tessera(secretKey, { edge, timeoutMs: EDGE_TIMEOUT_MS, ...options });
}

/**
 * Creates (does not start) the merchant server. Its webhook receiver verifies nothing until it has a secret
 * (`webhooks.useSecret`, which startMerchantServer calls once the endpoint is registered).
 * @param {MerchantServerOptions} options
 */
export function createMerchantServer({
  edge,
  secretKey,
  processor = '',
  log = (line) => console.log(line),
  webhooks = new WebhookReceiver({ log }),
}) {
  /** @type {Context} */
  const context = { tessera: edgeClient(edge, secretKey), edge, processor, log, webhooks };
  return createServer((request, response) => {
    route(request, context).then(
      (answer) => send(response, answer),
      () => send(response, { status: 500, body: failure('internal_error', 'The shop server failed.') }),
    );
  });
}

/**
 * @param {import('node:http').IncomingMessage} request
 * @param {Context} context
 * @returns {Promise<Answer>}
 */
async function route(request, context) {
  const { pathname, searchParams } = new URL(request.url ?? '/', 'http://merchant.invalid');
  const { method } = request;
  switch (pathname) {
    case '/healthz':
      return { status: 200, body: { ok: true } };
    case '/readyz':
      return context.webhooks.ready
        ? { status: 200, body: { ok: true, webhooks: 'registered' } }
        : { status: 503, body: { ok: false, webhooks: 'not registered' } };
    case '/webhooks':
      return method === 'POST' ? receiveWebhook(request, context) : notAllowed('POST');
    case '/api/webhooks':
      return method === 'GET' ? listWebhooks(searchParams.get('token'), context) : notAllowed('GET');
    case '/api/pay':
    case '/api/charge':
      if (method !== 'POST') return notAllowed('POST');
      return pay(request, context, pathname === '/api/charge');
    case '/api/agent-charge':
      return method === 'POST' ? agentCharge(request, context) : notAllowed('POST');
    default:
      return { status: 404, body: failure('not_found', 'No such route.') };
  }
}

/** @param {string} method @returns {Answer} */
function notAllowed(method) {
  return { status: 405, body: failure('method_not_allowed', `Use ${method}.`) };
}

/**
 * A delivery from the edge: its exact bytes go to the receiver, which verifies them.
 * @param {import('node:http').IncomingMessage} request
 * @param {Context} context
 * @returns {Promise<Answer>}
 */
async function receiveWebhook(request, { webhooks, log }) {
  const body = await readBody(request, MAX_WEBHOOK_BYTES);
  if (!body.ok) {
    log(`webhook refused: ${body.code}`);
    return { status: body.status, body: failure(body.code, body.message) };
  }
  return webhooks.receive(body.bytes, request.headers);
}

/**
 * The verified events of a token, oldest first, for the checkout page.
 * @param {string | null} token
 * @param {Context} context
 * @returns {Answer}
 */
function listWebhooks(token, { webhooks }) {
  if (token === null || !TOKEN_ID.test(token)) {
    return { status: 400, body: failure('invalid_request', 'Expected ?token=tok_….') };
  }
  return { status: 200, body: { object: 'list', data: webhooks.eventsOf(token) } };
}

/**
 * Reads the token's masked card with the secret key and, for /api/charge, charges it.
 * @param {import('node:http').IncomingMessage} request
 * @param {Context} context
 * @param {boolean} charge
 * @returns {Promise<Answer>}
 */
async function pay(request, context, charge) {
  const { tessera, edge, processor, log } = context;
  const body = await readJson(request, MAX_BODY_BYTES);
  if (!body.ok) return { status: body.status, body: failure(body.code, body.message) };
  const token = /** @type {{ token?: unknown }} */ (body.value)?.token;
  if (typeof token !== 'string' || !TOKEN_ID.test(token)) {
    return { status: 400, body: failure('invalid_request', 'Expected { "token": "tok_…" }.') };
  }

  /** @type {TokenObject} */
  let read;
  try {
    read = await tessera.tokens.retrieve(token);
  } catch (error) {
    const refused = edgeRefusal(error, edge);
    log(`pay ${token}: ${refused.why}`);
    return { status: refused.status, body: { error: refused.error } };
  }
  const { brand, last4, expMonth, expYear } = read.card;
  /** @type {PayResponse} */
  const paid = { token: read.id, card: { brand, last4, expMonth, expYear } };
  if (!charge) {
    log(`paid ${read.id} ${brand} ${last4}`);
    return { status: 200, body: paid };
  }
  if (!processor) {
    return { status: 503, body: failure('processor_not_configured', 'No processor is configured to charge.') };
  }
  const charged = await chargeThroughEdge(context, read);
  if ('error' in charged) return { status: charged.status, body: { error: charged.error } };
  log(`charged ${read.id} ${brand} ${last4} ${charged.charge.id}`);
  return { status: 200, body: { ...paid, charge: charged.charge } };
}

/**
 * Starts the merchant server on 127.0.0.1 with settings from the environment, then registers its webhook endpoint
 * in the background, as soon as the edge answers; `webhooks` settles with the endpoint (or null, see
 * registerWebhookEndpoint). Closing the server stops a registration still waiting for the edge.
 * @param {Record<string, string | undefined>} env
 * @param {Log} [log]
 * @returns {Promise<{ server: import('node:http').Server, url: string, webhooks: Promise<WebhookEndpointWithSecret | null> }>}
 */
export async function startMerchantServer(env = process.env, log = (line) => console.log(line)) {
  const port = Number(env.TESSERA_MERCHANT_PORT || 4242);
  const edge = (env.TESSERA_EDGE || 'http://127.0.0.1:8787').replace(/\/+$/, '');
  const processor = (env.TESSERA_PROCESSOR_URL || '').replace(/\/+$/, '');
  const secretKey = env.TESSERA_DEMO_SK || 'sk_test_demo_local';
  const receiver = new WebhookReceiver({ log });
  const server = createMerchantServer({ edge, processor, secretKey, log, webhooks: receiver });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  log(`merchant server: ${url} (edge ${edge}${processor ? `, charging at ${processor} through the edge` : ''})`);

  const closed = new AbortController();
  server.once('close', () => closed.abort());
  // No retries inside the client: the loop tries again itself, as long as the edge is not up.
  const registrar = edgeClient(edge, secretKey, { maxRetries: 0, timeoutMs: 5_000 });
  const webhooks = registerWebhookEndpoint(registrar, `${url}/webhooks`, { log, signal: closed.signal }).then(
    (endpoint) => {
      if (endpoint !== null) receiver.useSecret(endpoint.secret);
      return endpoint;
    },
  );
  return { server, url, webhooks };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { server } = await startMerchantServer();
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
}
