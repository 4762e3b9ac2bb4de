// The demo shop's own server. It holds the secret key, receives a token (never a card) from the checkout page,
// and reads the token's masked card from the edge: what a real shop does before charging through the edge.
// Run alone: `node server/merchant-server.mjs` (port TESSERA_MERCHANT_PORT, default 4242).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {import('@tessera/protocol').CardSummary} CardSummary
 * @typedef {import('@tessera/protocol').TokenObject} TokenObject
 * @typedef {{ token: string, card: CardSummary } | { error: { code: string, message: string } }} PayResponse
 * @typedef {{ edge: string, secretKey: string, log?: (line: string) => void }} MerchantServerOptions
 */

const TOKEN_ID = /^tok_[\w-]{1,128}$/;
const MAX_BODY_BYTES = 4096;
const EDGE_TIMEOUT_MS = 10_000;

/**
 * Creates (does not start) the merchant server.
 * @param {MerchantServerOptions} options
 */
export function createMerchantServer({ edge, secretKey, log = (line) => console.log(line) }) {
  return createServer((request, response) => {
    handle(request, { edge, secretKey, log }).then(
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
async function handle(request, { edge, secretKey, log }) {
  const { pathname } = new URL(request.url ?? '/', 'http://merchant.invalid');
  if (pathname === '/healthz') return { status: 200, body: { ok: true } };
  if (pathname !== '/api/pay') return { status: 404, body: failure('not_found', 'No such route.') };
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
  log(`paid ${data.id} ${brand} ${last4}`);
  /** @type {PayResponse} */
  const paid = { token: data.id, card: { brand, last4, expMonth, expYear } };
  return { status: 200, body: paid };
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
  const server = createMerchantServer({ edge, secretKey: env.TESSERA_DEMO_SK || 'sk_test_demo_local' });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const url = `http://127.0.0.1:${port}`;
  console.log(`merchant server: ${url} (edge ${edge})`);
  return { server, url };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { server } = await startMerchantServer();
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
}
